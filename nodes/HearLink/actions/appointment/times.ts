import { UK_TIME_ZONE, zonedDateTime } from '../../../shared/time';
import { textOf } from '../common';

/**
 * HearLink books an appointment as a `date` (`YYYY-MM-DD`) with a `start` and an `end` (`HH:mm`),
 * "interpreted in the organisation's configured timezone" (docs/vendors/hearlink.md#request-bodies):
 * for a UK audiology practice, UK time (Europe/London, GMT in winter and BST in summer). n8n's date
 * picker gives a time without a zone: it is read as UK wall-clock time. A value with a zone (an
 * expression's ISO string, `$now`) keeps its instant and is written in UK time. Seconds are
 * dropped: HearLink takes hours and minutes.
 */

export interface PracticeTime {
	/** `YYYY-MM-DD` in UK time. */
	date: string;
	/** `HH:mm` (24-hour) in UK time. */
	time: string;
}

/** A date-time as text: a string as typed, a JavaScript Date or a Luxon DateTime (from an expression) as ISO. */
export function dateTimeText(value: unknown): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO(): unknown }).toISO();
		return typeof iso === 'string' ? iso : undefined;
	}
	return textOf(value);
}

/** `value` as UK practice time, or `undefined` when it is not a date and time. */
export function ukPracticeTime(value: string): PracticeTime | undefined {
	const zoned = zonedDateTime(value, UK_TIME_ZONE);
	if (!zoned) return undefined;
	return { date: zoned.slice(0, 10), time: zoned.slice(11, 16) };
}
