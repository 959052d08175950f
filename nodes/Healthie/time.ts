import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { zonedDateTime } from '../shared/time';

/**
 * What the node sends Healthie for a date and time (docs/nodes/healthie.md#dates-and-time-zones).
 * Healthie reads a date-time without an offset in the API key user's time zone, and an ISO 8601
 * one with an offset as that instant (docs/vendors/healthie.md#dates-and-times). The node never
 * leaves it to the key's user: a picker value (no zone) is read as wall-clock time in the
 * operation's Time Zone, or the workflow's time zone when that is empty, and always sent as ISO
 * 8601 with the offset in force at that moment (`2026-03-02T09:30:00-05:00`). A value that carries
 * a zone already (an expression's ISO string, a Luxon DateTime) keeps its instant.
 */

/** The zone a picker value is read in: the operation's Time Zone, else the workflow's. */
export function timeZoneFor(context: IExecuteFunctions, given: unknown, itemIndex: number): string {
	const text = typeof given === 'string' ? given.trim() : '';
	const zone = text || context.getTimezone();
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
	} catch {
		throw new NodeOperationError(context.getNode(), `Time Zone "${text}" is not a time zone name`, {
			itemIndex,
			description: 'Nothing was sent. Use an IANA time zone name, e.g. America/New_York or America/Chicago.',
		});
	}
	return zone;
}

/**
 * `value` (a date picker's text, an ISO string, a Date or a Luxon DateTime) as an ISO 8601
 * date-time with the offset of `timeZone`; a `NodeOperationError` naming `label` otherwise.
 */
export function healthieDateTime(context: IExecuteFunctions, label: string, value: unknown, timeZone: string, itemIndex: number): string {
	const text = asText(value);
	const zoned = text === undefined ? undefined : zonedDateTime(text, timeZone);
	if (zoned === undefined) {
		throw new NodeOperationError(context.getNode(), `${label} must be a date and time, e.g. 2026-03-02T09:30:00`, {
			itemIndex,
			description: 'Nothing was sent. Pick a date and time, or map an ISO 8601 date-time.',
		});
	}
	return zoned;
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
	// A Luxon DateTime (what n8n's `$now` and `DateTime.fromISO(...)` give) writes itself with its offset.
	const toISO = value && typeof value === 'object' ? (value as { toISO?: unknown }).toISO : undefined;
	if (typeof toISO === 'function') {
		const written: unknown = (toISO as () => unknown).call(value);
		return typeof written === 'string' ? written : undefined;
	}
	return undefined;
}
