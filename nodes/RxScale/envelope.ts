import { z } from 'zod';

import type { Envelope } from '../shared/envelope';
import { isPlainRecord, isText } from '../shared/envelope';

/** RxScale's envelope; `data` is event-specific. */
export interface RxScaleEnvelope {
	event_type: string;
	timestamp: number | string;
	payload_version: string | number;
	data: Record<string, unknown>;
}

export const rxScaleEnvelope: Envelope<RxScaleEnvelope> = {
	is: (value): value is RxScaleEnvelope =>
		isPlainRecord(value) &&
		isText(value.event_type) &&
		value.event_type.length > 0 &&
		((typeof value.timestamp === 'number' && !Number.isNaN(value.timestamp)) ||
			(isText(value.timestamp) && /^\d+$/.test(value.timestamp))) &&
		(isText(value.payload_version) || (typeof value.payload_version === 'number' && !Number.isNaN(value.payload_version))) &&
		isPlainRecord(value.data),
	schema: z.object({
		event_type: z.string().min(1),
		timestamp: z.union([z.number(), z.string().regex(/^\d+$/)]),
		payload_version: z.union([z.string(), z.number()]),
		data: z.record(z.unknown()),
	}),
};
