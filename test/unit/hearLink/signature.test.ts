import { createHmac } from 'node:crypto';

import type { SignedRequest } from '../../../nodes/shared/delivery';
import { verifyHearLinkDelivery } from '../../../nodes/HearLink/signature';

/**
 * HearLink's signature (docs/vendors/hearlink.md#deliveries-and-signature): v1 = hex HMAC-SHA256(secret, "{t}.{raw body}"). Every
 * expected value here is computed with node:crypto, independently of the node's code.
 */

const SECRET = 'a3f9c1e07b5d4e2f8a6c0b1d9e7f5a3c';
const OTHER_SECRET = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const NOW_MS = 1_776_000_000_000; // a fixed clock: 2026-04-12
const NOW = String(NOW_MS / 1000);
const BODY =
	'{"id":"evt_d290f1ee-6c54-4b01-90e6-d701748f0851","type":"patient.created","createdAt":"2026-04-10T14:30:00.000Z","data":{"uid":"p1","fullName":"John Smith"}}';

function v1(secret: string, t: string, body: string): string {
	return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

function request(signature: string | undefined, options: { body?: string; secrets?: string[]; nowMs?: number } = {}): SignedRequest {
	return {
		rawBody: Buffer.from(options.body ?? BODY, 'utf8'),
		headers: signature === undefined ? {} : { 'x-hearlink-signature': signature },
		secrets: options.secrets ?? [SECRET],
		nowMs: options.nowMs ?? NOW_MS,
	};
}

const verify = (signature: string | undefined, options?: Parameters<typeof request>[1], windowSeconds = 300) =>
	verifyHearLinkDelivery(request(signature, options), windowSeconds);

describe('accepts', () => {
	it('a delivery signed as HearLink documents', () => {
		expect(verify(`t=${NOW},v1=${v1(SECRET, NOW, BODY)}`)).toMatchObject({ ok: true });
	});

	it('the same vector written out by hand (guards against a shared mistake in the helper above)', () => {
		const body = '{"id":"evt_1","type":"webhook.test","createdAt":"2026-04-12T13:20:00.000Z","data":{}}';
		const expected = createHmac('sha256', 'whsec_test').update(`1776000000.${body}`).digest('hex');
		expect(expected).toHaveLength(64);
		expect(verifyHearLinkDelivery(request(`t=1776000000,v1=${expected}`, { body, secrets: ['whsec_test'] }), 300)).toMatchObject({ ok: true });
	});

	it('the fields in any order and with spaces (read by key, not by position)', () => {
		expect(verify(`v1=${v1(SECRET, NOW, BODY)}, t=${NOW}`)).toMatchObject({ ok: true });
	});

	it('several v1 values when one of them matches', () => {
		expect(verify(`t=${NOW},v1=${v1(OTHER_SECRET, NOW, BODY)},v1=${v1(SECRET, NOW, BODY)}`)).toMatchObject({ ok: true });
	});

	it('upper-case hex', () => {
		expect(verify(`t=${NOW},v1=${v1(SECRET, NOW, BODY).toUpperCase()}`)).toMatchObject({ ok: true });
	});

	it.each([
		['the old secret', SECRET],
		['the new secret', OTHER_SECRET],
	])('during a rotation, a delivery signed with %s', (_name, signer) => {
		expect(verify(`t=${NOW},v1=${v1(signer, NOW, BODY)}`, { secrets: [SECRET, OTHER_SECRET] })).toMatchObject({ ok: true });
	});

	it('a timestamp exactly at the edge of the window', () => {
		const t = String(NOW_MS / 1000 - 300);
		expect(verify(`t=${t},v1=${v1(SECRET, t, BODY)}`)).toMatchObject({ ok: true });
	});

	it('a timestamp in milliseconds, signed as sent', () => {
		const t = String(NOW_MS - 1000);
		expect(verify(`t=${t},v1=${v1(SECRET, t, BODY)}`)).toMatchObject({ ok: true });
	});
});

describe('refuses', () => {
	it.each<[string, () => string | undefined, string, Parameters<typeof request>[1]]>([
		['no signature header', () => undefined, 'missing X-HearLink-Signature header', {}],
		['a signature made with another secret', () => `t=${NOW},v1=${v1(OTHER_SECRET, NOW, BODY)}`, 'signature does not match', {}],
		['a body changed by one byte after signing', () => `t=${NOW},v1=${v1(SECRET, NOW, BODY)}`, 'signature does not match', { body: BODY.replace('John', 'Joan') }],
		['a signature over the body alone (no timestamp)', () => `t=${NOW},v1=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`, 'signature does not match', {}],
		['a timestamp changed after signing', () => `t=${Number(NOW) - 1},v1=${v1(SECRET, NOW, BODY)}`, 'signature does not match', {}],
		['a stale delivery (301 s old)', () => { const t = String(Number(NOW) - 301); return `t=${t},v1=${v1(SECRET, t, BODY)}`; }, 'timestamp too old', {}],
		['a delivery dated 10 minutes ahead', () => { const t = String(Number(NOW) + 600); return `t=${t},v1=${v1(SECRET, t, BODY)}`; }, 'timestamp in the future', {}],
		['no timestamp', () => `v1=${v1(SECRET, NOW, BODY)}`, 'missing timestamp', {}],
		['two timestamps', () => `t=${NOW},t=${NOW},v1=${v1(SECRET, NOW, BODY)}`, 'more than one timestamp', {}],
		['a timestamp that is not Unix time', () => `t=2026-04-12T13:20:00Z,v1=${v1(SECRET, '2026-04-12T13:20:00Z', BODY)}`, 'unreadable timestamp', {}],
		['no v1 value', () => `t=${NOW},v0=${v1(SECRET, NOW, BODY)}`, 'missing v1 signature', {}],
		['a truncated signature', () => `t=${NOW},v1=${v1(SECRET, NOW, BODY).slice(0, 63)}`, 'signature does not match', {}],
		['a base64 signature (HearLink signs in hex)', () => `t=${NOW},v1=${createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('base64')}`, 'signature does not match', {}],
	])('%s', (_name, header, reason, options) => {
		expect(verify(header(), options)).toEqual({ ok: false, reason });
	});

	it('a stale delivery under a shorter window chosen in the options', () => {
		const t = String(Number(NOW) - 61);
		expect(verify(`t=${t},v1=${v1(SECRET, t, BODY)}`, {}, 60)).toEqual({ ok: false, reason: 'timestamp too old' });
	});
});
