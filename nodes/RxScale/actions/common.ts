import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { requiredText } from '../../shared/validation';
import { DEFAULT_TEST_EVENT, RXSCALE_EVENT_OPTIONS, RXSCALE_EVENT_VALUES } from '../events';
import { isHttpsUrl } from '../subscriptions';

/** Pieces the RxScale operations share: field shapes and input rules. */

export const httpsUrl = (label: string) =>
	requiredText(label).refine(isHttpsUrl, {
		message: `${label} must be an HTTPS address (https://…): RxScale only delivers to HTTPS`,
	});

/** The two values that identify a subscription: its notification type and its target. */
export function subscriptionFields(descriptions: { notificationType: string; target: string }): INodeProperties[] {
	return [
		{
			displayName: 'Notification Type',
			name: 'notificationType',
			type: 'options',
			required: true,
			default: DEFAULT_TEST_EVENT,
			options: RXSCALE_EVENT_OPTIONS,
			description: descriptions.notificationType,
		},
		{
			displayName: 'Target URL',
			name: 'target',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/webhooks/rxscale',
			description: descriptions.target,
		},
	];
}

export const optionalText = z
	.string()
	.trim()
	.optional()
	.transform((value) => value || undefined);

/** A date-time filter sent as Unix seconds (see `unixSeconds`). */
export const dateFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description}. A date-time without a time zone is read as UTC; Unix seconds are accepted too.`,
});

export const headerName = z
	.string()
	.trim()
	.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'Header Name may contain only letters, digits and - _ . (no spaces)' });

/** One of the RxScale event types. */
export const knownEvent = (label: string) =>
	z.string().refine((value) => RXSCALE_EVENT_VALUES.includes(value), {
		message: `${label} must be one of ${RXSCALE_EVENT_VALUES.join(', ')}`,
	});

/**
 * A moment as Unix seconds (RxScale's filter unit): Unix seconds or milliseconds, an ISO 8601
 * date-time (UTC when it has no zone, as n8n's date picker writes it), or a date (UTC midnight).
 */
export const unixSeconds = (label: string) =>
	z
		.union([z.number(), z.string()])
		.transform((value, context) => {
			const text = String(value).trim();
			if (text === '') return undefined;
			const seconds = toUnixSeconds(text);
			if (seconds === undefined) {
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${label} must be a date and time, e.g. 2026-03-01T09:30:00Z, or Unix seconds`,
				});
				return z.NEVER;
			}
			return seconds;
		});

function toUnixSeconds(text: string): number | undefined {
	if (/^\d+$/.test(text)) {
		const numeric = Number(text);
		return numeric >= 1e11 ? Math.floor(numeric / 1000) : numeric;
	}
	const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text)
		? `${text}T00:00:00Z`
		: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)
			? `${text}Z`
			: text;
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(withZone)) return undefined;
	const ms = Date.parse(withZone);
	return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}
