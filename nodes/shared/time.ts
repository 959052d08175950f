/**
 * Dates and times typed in n8n's date picker arrive without a time zone ("2026-03-02T09:30:00").
 * A practice means its own wall-clock time, so such a value is read in the practice's time zone
 * (UK practices: Europe/London, GMT in winter and BST in summer) and written with its offset.
 * A value that already carries a zone (an expression's ISO string) keeps its instant.
 */

export const UK_TIME_ZONE = 'Europe/London';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;
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
	let instantMs: number;
	const local = LOCAL_DATE_TIME.exec(text);
	if (local) {
		const [year, month, day, hour, minute, second = '0', milli = '0'] = local.slice(1);
		const wallClockAsUtc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +milli.padEnd(3, '0'));
		const check = new Date(wallClockAsUtc);
		// 30 February, month 13, 25 o'clock: not a time at all.
		if (check.getUTCDate() !== +day || check.getUTCMonth() !== +month - 1 || +hour > 23 || +minute > 59 || +second > 59) {
			return undefined;
		}
		// The offset at the wall-clock time; asked twice so that a time near a clock change settles.
		const first = wallClockAsUtc - zoneOffsetMinutes(wallClockAsUtc, timeZone) * 60_000;
		instantMs = wallClockAsUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
	} else if (ZONED_DATE_TIME.test(text)) {
		instantMs = Date.parse(text.replace(' ', 'T'));
		if (!Number.isFinite(instantMs)) return undefined;
	} else {
		return undefined;
	}
	return formatWithOffset(instantMs, zoneOffsetMinutes(instantMs, timeZone));
}

function formatWithOffset(instantMs: number, offsetMinutes: number): string {
	const wall = new Date(instantMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const absolute = Math.abs(offsetMinutes);
	return `${wall}${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
