import { z } from 'zod';

import type { Envelope } from '../shared/envelope';
import { isPlainRecord, isText, isTextOrNumber } from '../shared/envelope';
import { stringOrNumberId } from '../shared/validation';

/**
 * Healthie's delivery is thin: which record, of which type, what happened, and for updates which
 * fields changed; some events add keys (kept as sent). `resource_id` arrives as a string or a number.
 */
export interface HealthieEnvelope {
	resource_id: string | number;
	resource_id_type: string;
	event_type: string;
	changed_fields?: string[] | null;
	[key: string]: unknown;
}

export const healthieEnvelope: Envelope<HealthieEnvelope> = {
	is: (value): value is HealthieEnvelope =>
		isPlainRecord(value) &&
		isTextOrNumber(value.resource_id) &&
		isText(value.resource_id_type) &&
		isText(value.event_type) &&
		(value.changed_fields === undefined ||
			value.changed_fields === null ||
			(Array.isArray(value.changed_fields) && value.changed_fields.every(isText))),
	schema: z
		.object({
			resource_id: stringOrNumberId(),
			resource_id_type: z.string(),
			event_type: z.string(),
			changed_fields: z.array(z.string()).nullish(),
		})
		.passthrough(),
};
