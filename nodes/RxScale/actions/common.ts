import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseInput, requiredText } from '../../shared/validation';
import { DEFAULT_TEST_EVENT, RXSCALE_EVENT_OPTIONS, RXSCALE_EVENT_VALUES } from '../events';
import { isHttpsUrl } from '../subscriptions';
import type { RxScalePermission } from '../transport';
import { rxScaleRequest } from '../transport';

/** Pieces the RxScale operations share: field shapes, input rules, the get-by-uid call. */

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
			placeholder: 'https://example.com/webhooks/rxscale',
			description: descriptions.target,
		},
	];
}

/** One `uid` text field. */
export function uidField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', placeholder: 'e.g. ord-123', description };
}

/** Reads a required `uid` parameter and fetches `path(uid)`; a 404 also mentions the permission. */
export async function getByUid(
	context: IExecuteFunctions,
	itemIndex: number,
	target: { parameter: string; label: string; path: (uid: string) => string; permission: RxScalePermission },
): Promise<IDataObject> {
	const uid = parseInput(
		context.getNode(),
		requiredText(target.label),
		context.getNodeParameter(target.parameter, itemIndex, ''),
		itemIndex,
	);
	const record = await rxScaleRequest.call(context, {
		method: 'GET',
		path: target.path(uid),
		permission: target.permission,
		resourceEndpoint: true,
		itemIndex,
	});
	return asObject(record);
}

/** A JSON answer as an output item: objects as they are, anything else under `value`. */
export function asObject(value: unknown): IDataObject {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	return value === undefined || value === null || value === '' ? {} : { value: value as IDataObject['value'] };
}

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
