import { z } from 'zod';

import { UK_TIME_ZONE, zonedDateTime } from '../shared/time';
import { isRealIsoDate } from '../shared/validation';

/**
 * Dates and times as Hero takes them, from n8n's date picker or an expression. Hero's date-times
 * are ISO 8601 in UTC (docs/vendors/hero-health.md#errors-paging-and-formats); its practices are in
 * the UK. So a picker's zone-less value ("2030-03-04T09:30:00") is UK wall-clock time (GMT in
 * winter, BST in summer), a value with a zone keeps its instant, and either is sent in UTC. Where
 * Hero takes a calendar date (`YYYY-MM-DD`: link expiry dates, booking-link and slot windows), the
 * UK date is sent.
 */

/** A value an expression may give a date field: text, a JavaScript Date, or a Luxon DateTime. */
function asText(value: unknown): unknown {
	if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : 'invalid';
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { toISO: () => unknown }).toISO() ?? 'invalid';
	}
	return value;
}

/** `value` (zone-less: UK time) as a UTC ISO 8601 date-time, or `undefined` when it is not a date and time. */
export function ukDateTimeToUtc(value: string): string | undefined {
	const zoned = zonedDateTime(value, UK_TIME_ZONE);
	return zoned === undefined ? undefined : new Date(zoned).toISOString();
}

/**
 * The UK calendar date of `value`: a `YYYY-MM-DD` date as it is; a zone-less date-time's own date
 * (UK wall time); a zoned date-time's date in the UK at that instant. `undefined` when it is none.
 */
export function ukDate(value: string): string | undefined {
	const text = value.trim();
	if (isRealIsoDate(text)) return text;
	return zonedDateTime(text, UK_TIME_ZONE)?.slice(0, 10);
}

/** Today's date in the UK, `YYYY-MM-DD`. */
export function ukToday(now = new Date()): string {
	return ukDate(now.toISOString())!;
}

/** A required (or, wrapped in `optionalField`, optional) date and time; parses to UTC ISO 8601. */
export const heroDateTime = (label: string) =>
	z.preprocess(
		asText,
		z
			.string({ required_error: `${label} is required`, invalid_type_error: `${label} must be a date and time` })
			.trim()
			.min(1, { message: `${label} is required` })
			.transform((value, context) => {
				const utc = ukDateTimeToUtc(value);
				if (utc === undefined) {
					context.addIssue({
						code: 'custom',
						message: `${label} must be a date and time, e.g. 2030-03-04T09:30:00 (UK time) or 2030-03-04T09:30:00Z`,
					});
					return z.NEVER;
				}
				return utc;
			}),
	);

/** A date (picked, or written `YYYY-MM-DD`, or a date-time whose UK date is taken); parses to the UK date. */
export const heroDate = (label: string) =>
	z.preprocess(
		asText,
		z
			.string({ required_error: `${label} is required`, invalid_type_error: `${label} must be a date` })
			.trim()
			.min(1, { message: `${label} is required` })
			.transform((value, context) => {
				const date = ukDate(value);
				if (date === undefined) {
					context.addIssue({ code: 'custom', message: `${label} must be a real date, e.g. 2030-03-31` });
					return z.NEVER;
				}
				return date;
			}),
	);

/** A date that is today or later in the UK, e.g. the last day a link works. */
export const heroDateNotInPast = (label: string) =>
	heroDate(label).refine((date) => date >= ukToday(), { message: `${label} is in the past` });
