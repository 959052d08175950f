import fc from 'fast-check';

import { UK_TIME_ZONE, zonedDateTime, zoneOffsetMinutes } from '../../../nodes/shared/time';

/** What a UK wall clock shows at an instant, computed independently with Intl. */
function londonWallClock(instantMs: number): string {
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/London',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	})
		.format(new Date(instantMs))
		.replace(' ', 'T');
}

describe('zonedDateTime (a practice means its own wall-clock time)', () => {
	it('reads a zone-less time as UK time: GMT in winter, BST in summer', () => {
		expect(zonedDateTime('2026-03-02T09:30:00', UK_TIME_ZONE)).toBe('2026-03-02T09:30:00+00:00');
		expect(zonedDateTime('2026-07-02T09:30', UK_TIME_ZONE)).toBe('2026-07-02T09:30:00+01:00');
	});

	it('keeps the instant of a value that has a zone, written in UK time', () => {
		expect(zonedDateTime('2026-07-02T09:30:00Z', UK_TIME_ZONE)).toBe('2026-07-02T10:30:00+01:00');
		expect(zonedDateTime('2026-01-10T12:00:00.000+02:00', UK_TIME_ZONE)).toBe('2026-01-10T10:00:00+00:00');
	});

	it('moves a time that does not exist (the spring clock change) an hour on, and reads an ambiguous one once', () => {
		expect(zonedDateTime('2026-03-29T01:30:00', UK_TIME_ZONE)).toBe('2026-03-29T02:30:00+01:00');
		expect(zonedDateTime('2026-10-25T01:30:00', UK_TIME_ZONE)).toMatch(/^2026-10-25T01:30:00\+0[01]:00$/);
	});

	it('moves a skipped time forward west of Greenwich too, as n8n\'s Luxon does, and takes the first of a repeated one', () => {
		expect(zonedDateTime('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
		expect(zonedDateTime('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
	});

	it('keeps milliseconds where a value has some', () => {
		expect(zonedDateTime('2026-07-02T09:30:00.250', UK_TIME_ZONE)).toBe('2026-07-02T09:30:00.250+01:00');
		expect(zonedDateTime('2026-07-02T09:30:00.250Z', UK_TIME_ZONE)).toBe('2026-07-02T10:30:00.250+01:00');
	});

	it.each(['', 'tomorrow', '2026-02-30T09:30', '2026-13-01T00:00', '09:30', '2026-02-30T09:30:00Z', '2026-04-31T10:00:00+01:00', '2026-07-02T24:00:00Z'])('is undefined for %j', (value) => {
		expect(zonedDateTime(value, UK_TIME_ZONE)).toBeUndefined();
	});

	it('for any wall-clock time that exists in the UK, the result is that wall-clock time there', () => {
		fc.assert(
			fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (instant) => {
				const wall = londonWallClock(instant);
				const written = zonedDateTime(wall, UK_TIME_ZONE);
				expect(written).toBeDefined();
				expect(londonWallClock(Date.parse(written!))).toBe(wall);
				expect(written!.slice(0, 19)).toBe(wall);
			}),
			{ numRuns: 300, seed: 20261204 },
		);
	});

	it('knows the UK offset at an instant', () => {
		expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15), UK_TIME_ZONE)).toBe(0);
		expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15), UK_TIME_ZONE)).toBe(60);
	});
});
