import { z } from 'zod';

import type { Envelope } from '../shared/envelope';
import { isFilledText, isPlainRecord, isText } from '../shared/envelope';

/** Every HearLink delivery wraps its data in this envelope; `data` is passed on as sent. */
export interface HearLinkEnvelope {
	id: string;
	type: string;
	createdAt?: string;
	data?: unknown;
	[key: string]: unknown;
}

const filled = z.string().refine((value) => value.trim() !== '', { message: 'must not be blank' });

export const hearLinkEnvelope: Envelope<HearLinkEnvelope> = {
	is: (value): value is HearLinkEnvelope =>
		isPlainRecord(value) &&
		isFilledText(value.id) &&
		isFilledText(value.type) &&
		(value.createdAt === undefined || isText(value.createdAt)),
	schema: z.object({ id: filled, type: filled, createdAt: z.string().optional(), data: z.unknown() }).passthrough(),
};
