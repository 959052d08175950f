import { heroDate, heroDateNotInPast, heroDateTime, ukDate, ukDateTimeToUtc, ukToday } from '../../../nodes/HeroHealth/dates';

/**
 * Hero Health's dates and times (docs/nodes/hero-health.md#dates-and-times): a picked, zone-less
 * value is UK wall-clock time, GMT in winter and BST (UTC+1) in summer; Hero gets UTC, or the UK
 * calendar date where it takes a date.
 */

describe('date-times: UK time in, UTC out', () => {
	it.each([
		['a winter morning (GMT)', '2030-01-15T09:30:00', '2030-01-15T09:30:00.000Z'],
		['a summer morning (BST)', '2030-07-15T09:30:00', '2030-07-15T08:30:00.000Z'],
		['just before midnight in summer: the day before in UTC', '2030-07-15T00:30:00', '2030-07-14T23:30:00.000Z'],
		['the last hour of BST (27 October 2030, 00:30)', '2030-10-27T00:30:00', '2030-10-26T23:30:00.000Z'],
		['after the clocks went back', '2030-10-27T03:00:00', '2030-10-27T03:00:00.000Z'],
		['after the clocks went forward (31 March 2030, 03:00 BST)', '2030-03-31T03:00:00', '2030-03-31T02:00:00.000Z'],
		['written with a space and no seconds', '2030-07-15 09:30', '2030-07-15T08:30:00.000Z'],
		['with milliseconds (kept)', '2030-07-15T09:30:00.250', '2030-07-15T08:30:00.250Z'],
		['UTC given as such', '2030-07-15T09:30:00Z', '2030-07-15T09:30:00.000Z'],
		['another zone given', '2030-07-15T09:30:00-05:00', '2030-07-15T14:30:00.000Z'],
	])('%s', (_case, value, utc) => {
		expect(ukDateTimeToUtc(value)).toBe(utc);
		expect(heroDateTime('Start Time').parse(value)).toBe(utc);
	});

	it.each(['2030-02-30T09:00:00', '2030-02-30T09:00:00Z', '2030-13-01T09:00:00', '2030-03-01T24:00:00', '2030-03-01T09:60:00+01:00', 'tomorrow', '2030-03-01', ''])(
		'refuses %j, naming the field',
		(value) => {
			expect(ukDateTimeToUtc(value)).toBeUndefined();
			const result = heroDateTime('Send At').safeParse(value);
			expect(result.success).toBe(false);
			expect(result.error?.issues[0].message).toMatch(/^Send At (must be a date and time|is required)/);
		},
	);

	it('reads a JavaScript Date and a Luxon-like DateTime an expression gives', () => {
		expect(heroDateTime('Start Time').parse(new Date('2030-07-15T08:30:00Z'))).toBe('2030-07-15T08:30:00.000Z');
		expect(heroDateTime('Start Time').parse({ toISO: () => '2030-07-15T09:30:00.000+01:00' })).toBe('2030-07-15T08:30:00.000Z');
	});
});

describe('dates: the UK calendar day', () => {
	it.each([
		['a date as written', '2030-07-15', '2030-07-15'],
		['a picked day (midnight, no zone)', '2030-07-15T00:00:00', '2030-07-15'],
		['a picked time late in the day', '2030-07-15T23:59:00', '2030-07-15'],
		['23:30 UTC in summer: already the next day in the UK', '2030-07-15T23:30:00Z', '2030-07-16'],
		['23:30 UTC in winter: the same day in the UK', '2030-01-15T23:30:00Z', '2030-01-15'],
	])('%s', (_case, value, date) => {
		expect(ukDate(value)).toBe(date);
		expect(heroDate('Slots From').parse(value)).toBe(date);
	});

	it.each(['2030-02-30', '15/07/2030', '2030-02-30T00:00:00', 'soon'])('refuses %j', (value) => {
		expect(heroDate('Link Expires On').safeParse(value).error?.issues[0].message).toBe('Link Expires On must be a real date, e.g. 2030-03-31');
	});

	it('takes today in the UK, which is tomorrow in UTC terms for the first hour of a summer day', () => {
		expect(ukToday(new Date('2030-07-15T23:30:00Z'))).toBe('2030-07-16');
		expect(ukToday(new Date('2030-01-15T23:30:00Z'))).toBe('2030-01-15');
	});

	it('refuses an expiry day before today in the UK, and accepts today', () => {
		const today = ukToday();
		const yesterday = ukDate(new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString())!;
		expect(heroDateNotInPast('Link Expires On').parse(today)).toBe(today);
		expect(heroDateNotInPast('Link Expires On').safeParse(yesterday).error?.issues[0].message).toBe('Link Expires On is in the past');
	});
});
