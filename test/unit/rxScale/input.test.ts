import { unixSeconds } from '../../../nodes/RxScale/actions/common';
import { isHttpsUrl } from '../../../nodes/RxScale/subscriptions';

describe('unixSeconds (order search filters)', () => {
	const parse = (value: unknown) => unixSeconds('Created From').safeParse(value);

	it.each([
		['2026-03-01T09:30:00Z', Date.UTC(2026, 2, 1, 9, 30) / 1000],
		['2026-03-01T09:30:00+02:00', Date.UTC(2026, 2, 1, 7, 30) / 1000],
		['2026-03-01T09:30:00', Date.UTC(2026, 2, 1, 9, 30) / 1000],
		['2026-03-01T09:30:00.250', Date.UTC(2026, 2, 1, 9, 30) / 1000],
		['2026-03-01', Date.UTC(2026, 2, 1) / 1000],
		['1772357400', 1772357400],
		['1772357400000', 1772357400],
		[1772357400, 1772357400],
	])('%s → %d', (value, expected) => {
		expect(parse(value)).toEqual({ success: true, data: expected });
	});

	it('treats an empty value as no filter', () => {
		expect(parse('')).toEqual({ success: true, data: undefined });
	});

	it.each(['next tuesday', '01/03/2026', '2026-13-01T00:00:00Z', '2026-03-01 09:30'])('refuses %s', (value) => {
		const result = parse(value);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toMatch(/Created From must be a date and time/);
	});
});

describe('isHttpsUrl', () => {
	it.each([
		['https://n8n.example.com/webhook/abc/webhook', true],
		['HTTPS://n8n.example.com/', true],
		['http://n8n.example.com/webhook/abc/webhook', false],
		['https://', false],
		['ftp://example.com', false],
		['', false],
		['//example.com', false],
	])('%s → %s', (url, expected) => {
		expect(isHttpsUrl(url)).toBe(expected);
	});
});
