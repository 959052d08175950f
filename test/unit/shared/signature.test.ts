import { createHash, createHmac } from 'node:crypto';

import {
	checkTimestamp,
	credentialSigningSecrets,
	digestMatches,
	hmacSha256,
	parseKeyValueHeader,
	parseTimestamp,
	safeEqual,
	sha256,
	SHORTEST_SIGNING_SECRET,
	singleHeader,
	stripSignaturePrefix,
} from '../../../nodes/shared/signature';

// Reference values are computed here with node:crypto directly, never with the code under test.
const reference = (secret: string, message: string | Buffer) => createHmac('sha256', secret).update(message).digest();

describe('hmacSha256', () => {
	it('equals an HMAC of the concatenated parts computed independently', () => {
		const body = Buffer.from('{"a":1,"name":"Zoë"}', 'utf8');
		expect(hmacSha256('s3cret', '1700000000.', body).toString('hex')).toBe(
			reference('s3cret', Buffer.concat([Buffer.from('1700000000.'), body])).toString('hex'),
		);
	});

	it('keys with the UTF-8 bytes of the secret, prefix included', () => {
		expect(hmacSha256('whsec_ü', 'x').equals(reference('whsec_ü', 'x'))).toBe(true);
		expect(hmacSha256('whsec_ü', 'x').equals(reference('ü', 'x'))).toBe(false);
	});

	it('sha256 matches node:crypto', () => {
		expect(sha256('abc').toString('hex')).toBe(createHash('sha256').update('abc').digest('hex'));
	});
});

describe('safeEqual', () => {
	it.each([
		['abc', 'abc', true],
		['abc', 'abd', false],
		['abc', 'abcd', false],
		['', '', true],
		['', 'a', false],
		['é', 'e', false],
	])('%j vs %j → %s', (a, b, expected) => {
		expect(safeEqual(a, b)).toBe(expected);
	});
});

describe('digestMatches', () => {
	const digest = reference('key', 'message');
	const hex = digest.toString('hex');
	const base64 = digest.toString('base64');

	it('accepts lower- and upper-case hex', () => {
		expect(digestMatches(hex, digest, ['hex'])).toBe(true);
		expect(digestMatches(hex.toUpperCase(), digest, ['hex'])).toBe(true);
	});

	it('accepts base64 with and without padding when base64 is allowed', () => {
		expect(digestMatches(base64, digest, ['hex', 'base64'])).toBe(true);
		expect(digestMatches(base64.replace(/=+$/, ''), digest, ['hex', 'base64'])).toBe(true);
		expect(digestMatches(base64, digest, ['hex'])).toBe(false);
	});

	it.each([
		['a different digest', reference('other', 'message').toString('hex')],
		['a truncated digest', hex.slice(0, -2)],
		['a digest with one extra character', `${hex}0`],
		['an empty value', ''],
		['a very long value', 'a'.repeat(100_000)],
		['non-ASCII characters', `${hex.slice(0, -1)}é`],
		['the digest repeated', `${hex},${hex}`],
	])('refuses %s', (_name, given) => {
		expect(digestMatches(given, digest, ['hex', 'base64'])).toBe(false);
	});
});

describe('stripSignaturePrefix', () => {
	it('removes one known label, case-insensitively', () => {
		expect(stripSignaturePrefix('sha256=abc', ['sha256=', 'v1='])).toBe('abc');
		expect(stripSignaturePrefix('V1=abc', ['sha256=', 'v1='])).toBe('abc');
		expect(stripSignaturePrefix(' abc ', ['sha256='])).toBe('abc');
	});

	it('leaves unknown labels in place (so they fail to match)', () => {
		expect(stripSignaturePrefix('md5=abc', ['sha256='])).toBe('md5=abc');
	});
});

describe('parseKeyValueHeader', () => {
	it('reads keys regardless of position and keeps repeated keys', () => {
		const parsed = parseKeyValueHeader('v1=aaa, t=1700000000 ,v1=bbb,v0=zzz');
		expect(parsed.get('t')).toEqual(['1700000000']);
		expect(parsed.get('v1')).toEqual(['aaa', 'bbb']);
	});

	it('ignores malformed parts and keeps "=" inside values', () => {
		const parsed = parseKeyValueHeader('garbage,=x,k=,T=1,sig=a=b');
		expect(parsed.get('t')).toEqual(['1']);
		expect(parsed.get('sig')).toEqual(['a=b']);
		expect(parsed.has('k')).toBe(false);
	});
});

describe('parseTimestamp', () => {
	it.each([
		['Unix seconds', '1700000000', 1_700_000_000_000],
		['Unix seconds as a number', 1700000000, 1_700_000_000_000],
		['Unix seconds with a fraction', '1700000000.5', 1_700_000_000_500],
		['Unix milliseconds', '1700000000123', 1_700_000_000_123],
		['ISO 8601 with Z', '2023-11-14T22:13:20Z', 1_700_000_000_000],
		['ISO 8601 with an offset', '2023-11-14T23:13:20+01:00', 1_700_000_000_000],
		['ISO 8601 with milliseconds', '2023-11-14T22:13:20.250Z', 1_700_000_000_250],
	])('reads %s', (_name, value, expected) => {
		expect(parseTimestamp(value)).toBe(expected);
	});

	it.each([
		['empty', ''],
		['blank', '   '],
		['negative', '-1700000000'],
		['zero', '0'],
		['text', 'yesterday'],
		['a date without a time zone', '2023-11-14T22:13:20'],
		['a plain date', '2023-11-14'],
		['hex', '0x65536b00'],
		['two values', '1700000000, 1700000001'],
		['undefined', undefined],
	])('refuses %s', (_name, value) => {
		expect(parseTimestamp(value)).toBeUndefined();
	});
});

describe('checkTimestamp', () => {
	const now = 1_700_000_000_000;
	const window = { maxAgeSeconds: 300, clockSkewSeconds: 60 };

	it('accepts the boundaries exactly and refuses one second beyond', () => {
		expect(checkTimestamp(String(now / 1000 - 300), now, window)).toEqual({ ok: true, timestampMs: now - 300_000 });
		expect(checkTimestamp(String(now / 1000 - 301), now, window)).toEqual({ ok: false, reason: 'timestamp too old' });
		expect(checkTimestamp(String(now / 1000 + 60), now, window).ok).toBe(true);
		expect(checkTimestamp(String(now / 1000 + 61), now, window)).toEqual({
			ok: false,
			reason: 'timestamp in the future',
		});
	});

	it('says why it refuses', () => {
		expect(checkTimestamp(undefined, now, window)).toEqual({ ok: false, reason: 'missing timestamp' });
		expect(checkTimestamp('soon', now, window)).toEqual({ ok: false, reason: 'unreadable timestamp' });
	});

	it('reads milliseconds and ISO dates inside the window', () => {
		expect(checkTimestamp(String(now - 1000), now, window).ok).toBe(true);
		expect(checkTimestamp(new Date(now - 1000).toISOString(), now, window).ok).toBe(true);
	});
});

describe('credentialSigningSecrets', () => {
	const long = 'whsec_0123456789abcdef';

	it('takes the current and the previous secret, each whole and trimmed', () => {
		expect(credentialSigningSecrets({ webhookSigningSecret: ` ${long} `, previousWebhookSigningSecret: `${long}-old` })).toEqual({
			secrets: [long, `${long}-old`],
			tooShort: [],
		});
		expect(credentialSigningSecrets({ webhookSigningSecret: '' })).toEqual({ secrets: [], tooShort: [] });
		expect(credentialSigningSecrets({})).toEqual({ secrets: [], tooShort: [] });
	});

	it('never splits a secret: one with a comma or a new line is one secret, not fragments that each verify', () => {
		const withComma = 'whsec_abcdefgh,ijklmnopqrstuvwx';
		expect(credentialSigningSecrets({ webhookSigningSecret: withComma }).secrets).toEqual([withComma]);
		expect(credentialSigningSecrets({ webhookSigningSecret: 'whsec_abcdefghijk\nlmnopqrstuvwx' }).secrets).toHaveLength(1);
	});

	it(`refuses a secret shorter than ${SHORTEST_SIGNING_SECRET} characters, naming the field`, () => {
		expect(credentialSigningSecrets({ webhookSigningSecret: 'short', previousWebhookSigningSecret: long })).toEqual({
			secrets: [long],
			tooShort: ['webhookSigningSecret'],
		});
	});
});

describe('singleHeader', () => {
	it('returns the first of a repeated header and nothing for blanks', () => {
		expect(singleHeader(['a', 'b'])).toBe('a');
		expect(singleHeader(' x ')).toBe('x');
		expect(singleHeader('  ')).toBeUndefined();
		expect(singleHeader(undefined)).toBeUndefined();
	});
});
