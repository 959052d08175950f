import { createHmac } from 'node:crypto';

import type { SignedRequest } from '../../../nodes/shared/delivery';
import { isTestDelivery, rxScaleDeliveryIdentity, verifyRxScaleDelivery } from '../../../nodes/RxScale/signature';

/** RxScale's signature (docs/vendors/rxscale.md#deliveries-and-signature), against vectors computed here with node:crypto. */

const SECRET = 'whsec_abc123def456';
const NOW_MS = Date.UTC(2026, 2, 1, 9, 30, 0);
const NOW_S = NOW_MS / 1000;

/** A delivery body; `timestamp: null` leaves the field out. */
function body(timestamp: number | string | null = NOW_S, uid: unknown = 'po-abc123') {
	return JSON.stringify({
		event_type: 'pharmacy_order_created',
		...(timestamp === null ? {} : { timestamp }),
		payload_version: '1',
		data: { uid, status: 'init' },
	});
}

function hexHmac(secret: string, text: string | Buffer) {
	return createHmac('sha256', secret).update(text).digest('hex');
}

function signed(raw: string, headers: Record<string, string | string[]>, secrets: string[] = [SECRET]): SignedRequest {
	return { rawBody: Buffer.from(raw, 'utf8'), headers, secrets, nowMs: NOW_MS };
}

/** A window wide enough for every body here, so that these cases test the signature. */
const wide = { maxAgeSeconds: 86_400, clockSkewSeconds: 300 };

describe('verifyRxScaleDelivery', () => {
	it('verifies hex HMAC-SHA256 of the raw body keyed with the whole secret, and reports that MAC and the signed time', () => {
		const raw = body();
		const hex = hexHmac(SECRET, raw);
		expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': hex }), wide)).toEqual({
			ok: true,
			proof: hex,
			signedAtMs: NOW_MS,
			body: JSON.parse(raw),
		});
	});

	it('accepts lower-case hex, upper-case hex and a sha256= label', () => {
		const raw = body();
		const hex = hexHmac(SECRET, raw);
		for (const header of [hex, hex.toUpperCase(), `sha256=${hex}`, `SHA256=${hex}`, ` ${hex} `]) {
			expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': header }), wide)).toMatchObject({ ok: true });
		}
	});

	it('signs the exact bytes: the same JSON re-serialised with other spacing does not verify', () => {
		const raw = body();
		const spaced = JSON.stringify(JSON.parse(raw), null, 2);
		expect(verifyRxScaleDelivery(signed(spaced, { 'x-webhook-signature': hexHmac(SECRET, raw) }), wide)).toEqual({
			ok: false,
			reason: 'signature does not match',
		});
	});

	it('keys the HMAC with the whole secret, whsec_ prefix included', () => {
		const raw = body();
		const withoutPrefix = hexHmac(SECRET.replace(/^whsec_/, ''), raw);
		expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': withoutPrefix }), wide).ok).toBe(false);
	});

	it.each([
		['no header', {}, 'missing X-Webhook-Signature header'],
		['an empty header', { 'x-webhook-signature': '' }, 'missing X-Webhook-Signature header'],
		['another secret', { 'x-webhook-signature': hexHmac('whsec_other', body()) }, 'signature does not match'],
		['base64 instead of hex', { 'x-webhook-signature': createHmac('sha256', SECRET).update(body()).digest('base64') }, 'signature does not match'],
		['a prefix of the right hex', { 'x-webhook-signature': hexHmac(SECRET, body()).slice(0, 63) }, 'signature does not match'],
		['a v1= label', { 'x-webhook-signature': `v1=${hexHmac(SECRET, body())}` }, 'signature does not match'],
	])('refuses %s', (_name, headers, reason) => {
		expect(verifyRxScaleDelivery(signed(body(), headers), wide)).toEqual({ ok: false, reason });
	});

	it('verifies with any of several secrets (subscription secrets and the credential’s)', () => {
		const raw = body();
		const request = signed(raw, { 'x-webhook-signature': hexHmac('whsec_second', raw) }, [SECRET, 'whsec_second']);
		expect(verifyRxScaleDelivery(request, wide)).toMatchObject({ ok: true });
	});

	it('reads the first of a repeated header only', () => {
		const raw = body();
		const good = hexHmac(SECRET, raw);
		expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': [good, 'junk'] }), wide).ok).toBe(true);
		expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': ['junk', good] }), wide).ok).toBe(false);
	});

	describe('maximum age on the body timestamp', () => {
		const check = (timestamp: number | string | null, maxAgeSeconds: number) => {
			const raw = body(timestamp);
			return verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': hexHmac(SECRET, raw) }), {
				maxAgeSeconds,
				clockSkewSeconds: Math.min(maxAgeSeconds, 300),
			});
		};

		it('accepts up to the limit and refuses beyond it, either way', () => {
			expect(check(NOW_S - 300, 300)).toMatchObject({ ok: true });
			expect(check(NOW_S - 301, 300)).toEqual({ ok: false, reason: 'timestamp too old' });
			expect(check(NOW_S + 300, 300)).toMatchObject({ ok: true });
			expect(check(NOW_S + 301, 300)).toEqual({ ok: false, reason: 'timestamp in the future' });
		});

		it('allows a day-old body but no more, and only minutes of clock skew, with a day as the limit', () => {
			expect(check(NOW_S - 86_400, 86_400)).toMatchObject({ ok: true });
			expect(check(NOW_S - 86_401, 86_400)).toEqual({ ok: false, reason: 'timestamp too old' });
			expect(check(NOW_S - 86_400 * 365 * 3, 86_400)).toEqual({ ok: false, reason: 'timestamp too old' });
			expect(check(NOW_S + 301, 86_400)).toEqual({ ok: false, reason: 'timestamp in the future' });
		});

		it('reads seconds as a number or a string, and milliseconds', () => {
			expect(check(String(NOW_S - 10), 60)).toMatchObject({ ok: true });
			expect(check(NOW_MS - 10_000, 60)).toMatchObject({ ok: true });
		});

		it('refuses a body without a readable timestamp', () => {
			expect(check(null, 60)).toEqual({ ok: false, reason: 'missing timestamp' });
			expect(check('yesterday', 60)).toEqual({ ok: false, reason: 'unreadable timestamp' });
		});

		it('checks the signature first: a forged fresh body is refused as forged', () => {
			const raw = body();
			expect(verifyRxScaleDelivery(signed(raw, { 'x-webhook-signature': hexHmac('x', raw) }), { maxAgeSeconds: 60, clockSkewSeconds: 60 })).toEqual({
				ok: false,
				reason: 'signature does not match',
			});
		});
	});
});

describe('isTestDelivery', () => {
	it.each([
		[{ 'x-webhook-test': 'true' }, true],
		[{ 'x-webhook-test': 'TRUE' }, true],
		[{ 'x-webhook-test': 'false' }, false],
		[{ 'x-webhook-test': '1' }, false],
		[{}, false],
	])('%j → %s', (headers, expected) => {
		expect(isTestDelivery(signed(body(), headers))).toBe(expected);
	});
});

describe('rxScaleDeliveryIdentity (RxScale’s advice: event_type + timestamp + data.uid)', () => {
	const identity = (raw: string) => rxScaleDeliveryIdentity(JSON.parse(raw), hexHmac(SECRET, raw));

	it('is the same for a re-sent delivery and differs by event, timestamp or uid', () => {
		const base = identity(body());
		expect(identity(body())).toBe(base);
		expect(identity(body(NOW_S + 1))).not.toBe(base);
		expect(identity(body(NOW_S, 'po-other'))).not.toBe(base);
		expect(identity(body().replace('pharmacy_order_created', 'pharmacy_order_updated'))).not.toBe(base);
	});

	it('uses the exact bytes where data has no uid, so different events are not taken for one', () => {
		const first = JSON.stringify({ event_type: 'appointment_reminder_due', timestamp: NOW_S, payload_version: '1', data: { appointment: 'a' } });
		const second = first.replace('"a"', '"b"');
		expect(identity(first)).not.toBe(identity(second));
		expect(identity(first)).toBe(identity(first));
	});
});
