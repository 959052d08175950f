/**
 * Dates and times typed in n8n's date picker arrive without a time zone ("2026-03-02T09:30:00").
 * A practice means its own wall-clock time, so such a value is read in the practice's time zone
 * (UK practices: Europe/London, GMT in winter and BST in summer) and written with its offset.
 * A value that already carries a zone (an expression's ISO string) keeps its instant.
 */

export const UK_TIME_ZONE = 'Europe/London';

const WRITTEN_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The offset of `timeZone` from UTC at `instantMs`, in minutes (Europe/London: 0 or 60). */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instantMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((wallClockAsUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/**
 * `value` as an ISO 8601 date-time with an offset: a zone-less value read as wall time in
 * `timeZone`, a zoned one unchanged in its instant (written in `timeZone`'s offset). `undefined`
 * when it is not a date-time.
 */
export function zonedDateTime(value: string, timeZone: string): string | undefined {
	const text = value.trim();
	const written = WRITTEN_DATE_TIME.exec(text);
	if (!written || !writtenTimeExists(written)) return undefined;
	let instantMs: number;
	if (LOCAL_DATE_TIME.test(text)) {
		const [year, month, day, hour, minute, second = '0', milli = '0'] = written.slice(1);
		instantMs = wallClockInstant(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +milli.slice(0, 3).padEnd(3, '0')), timeZone);
	} else if (ZONED_DATE_TIME.test(text)) {
		instantMs = Date.parse(text.replace(' ', 'T'));
		if (!Number.isFinite(instantMs)) return undefined;
	} else {
		return undefined;
	}
	return formatWithOffset(instantMs, zoneOffsetMinutes(instantMs, timeZone));
}

/** 30 February, month 13, 25 o'clock: written, but not a time at all (JavaScript would roll them over). */
function writtenTimeExists(written: RegExpExecArray): boolean {
	const [year, month, day, hour, minute, second] = written.slice(1, 7).map((part) => Number(part ?? 0));
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCDate() === day && date.getUTCMonth() === month - 1 && hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * The instant a wall-clock time (given as if it were UTC) names in `timeZone`. A time the clocks
 * skip in spring is moved forward by the gap, as n8n's own date library (Luxon) does; a time that
 * happens twice in autumn is its first occurrence.
 */
function wallClockInstant(wallClockAsUtc: number, timeZone: string): number {
	const guess = zoneOffsetMinutes(wallClockAsUtc, timeZone);
	const before = zoneOffsetMinutes(wallClockAsUtc - guess * 60_000, timeZone);
	if (before === guess) return wallClockAsUtc - guess * 60_000;
	const after = zoneOffsetMinutes(wallClockAsUtc - before * 60_000, timeZone);
	if (after === before) return wallClockAsUtc - before * 60_000;
	return wallClockAsUtc - Math.min(before, after) * 60_000;
}

function formatWithOffset(instantMs: number, offsetMinutes: number): string {
	const iso = new Date(instantMs + offsetMinutes * 60_000).toISOString();
	// Milliseconds only where there are some: "09:30:00+01:00", "09:30:00.250+01:00".
	const wall = iso.slice(20, 23) === '000' ? iso.slice(0, 19) : iso.slice(0, 23);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	return `${wall}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
