import { createHmac } from 'node:crypto';

import { verifyHeroHealthDelivery } from '../../../nodes/HeroHealth/signature';
import type { SignedRequest } from '../../../nodes/shared/delivery';

// Vectors are computed here with node:crypto, following Hero's documented recipe:
// HMAC-SHA256(signing key, "{timestamp}.{raw body}").
const KEY = 'whsec_0123456789abcdef';
const NOW_MS = 1_700_000_000_000;
const body = Buffer.from('{"object":"Appointment","id":"1001","practice_group_id":"1234","event":"appointment.confirmed"}');

function mac(key: string, timestamp: string, raw: Buffer = body) {
	return createHmac('sha256', key).update(`${timestamp}.`).update(raw).digest();
}

function request(headers: Record<string, string | string[] | undefined>, raw: Buffer = body, secrets = [KEY]): SignedRequest {
	return { rawBody: raw, headers, secrets, nowMs: NOW_MS };
}

const seconds = String(NOW_MS / 1000);

describe('verifyHeroHealthDelivery', () => {
	it.each([
		['lower-case hex, Unix seconds', seconds, mac(KEY, seconds).toString('hex')],
		['upper-case hex', seconds, mac(KEY, seconds).toString('hex').toUpperCase()],
		['base64', seconds, mac(KEY, seconds).toString('base64')],
		['base64 without padding', seconds, mac(KEY, seconds).toString('base64').replace(/=+$/, '')],
		['a sha256= prefix', seconds, `sha256=${mac(KEY, seconds).toString('hex')}`],
		['a v1= prefix', seconds, `v1=${mac(KEY, seconds).toString('hex')}`],
		['Unix milliseconds', String(NOW_MS), mac(KEY, String(NOW_MS)).toString('hex')],
		['an ISO 8601 timestamp', new Date(NOW_MS).toISOString(), mac(KEY, new Date(NOW_MS).toISOString()).toString('hex')],
	])('accepts %s', (_name, timestamp, signature) => {
		expect(
			verifyHeroHealthDelivery(request({ 'x-herohealth-timestamp': timestamp, 'x-herohealth-signature': signature }), 300),
		).toEqual({ ok: true, proof: mac(KEY, timestamp).toString('hex'), signedAtMs: NOW_MS });
	});

	it('accepts when any of several keys matches (a test and a production key)', () => {
		const headers = { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': mac(KEY, seconds).toString('hex') };
		expect(verifyHeroHealthDelivery(request(headers, body, ['other-key', KEY]), 300)).toMatchObject({ ok: true });
	});

	const signed = (timestamp: string) => mac(KEY, timestamp).toString('hex');
	const stale = String(NOW_MS / 1000 - 301);
	const future = String(NOW_MS / 1000 + 301);

	it.each([
		['no headers', {}, 'missing signature headers'],
		['no signature', { 'x-herohealth-timestamp': seconds }, 'missing signature headers'],
		['an empty signature', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': '' }, 'missing signature headers'],
		['no timestamp', { 'x-herohealth-signature': signed(seconds) }, 'missing signature headers'],
		['a wrong key', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': mac('wrong', seconds).toString('hex') }, 'signature does not match'],
		['a signature over another timestamp', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': signed(String(NOW_MS / 1000 - 1)) }, 'signature does not match'],
		['a stale timestamp (301 s)', { 'x-herohealth-timestamp': stale, 'x-herohealth-signature': signed(stale) }, 'timestamp too old'],
		['a future timestamp (301 s)', { 'x-herohealth-timestamp': future, 'x-herohealth-signature': signed(future) }, 'timestamp in the future'],
		['an unreadable timestamp', { 'x-herohealth-timestamp': 'now', 'x-herohealth-signature': signed('now') }, 'unreadable timestamp'],
		['a duplicated timestamp header', { 'x-herohealth-timestamp': `${seconds}, ${seconds}`, 'x-herohealth-signature': signed(seconds) }, 'unreadable timestamp'],
		['a duplicated signature header', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': `${signed(seconds)}, ${signed(seconds)}` }, 'signature does not match'],
		['a truncated signature', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': signed(seconds).slice(0, 63) }, 'signature does not match'],
		['an oversized signature', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': 'f'.repeat(64 * 1024) }, 'signature does not match'],
		['a non-ASCII signature', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': `${signed(seconds).slice(0, 62)}éé` }, 'signature does not match'],
		['an unknown prefix', { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': `md5=${signed(seconds)}` }, 'signature does not match'],
	])('refuses %s', (_name, headers, reason) => {
		expect(verifyHeroHealthDelivery(request(headers as Record<string, string>), 300)).toEqual({ ok: false, reason });
	});

	it('refuses a body changed by one byte after signing', () => {
		const tampered = Buffer.from(body);
		tampered[tampered.length - 3] ^= 1;
		const headers = { 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': signed(seconds) };
		expect(verifyHeroHealthDelivery(request(headers, tampered), 300)).toEqual({ ok: false, reason: 'signature does not match' });
	});

	it('accepts the window boundary exactly and honours a wider configured window', () => {
		const edge = String(NOW_MS / 1000 - 300);
		expect(verifyHeroHealthDelivery(request({ 'x-herohealth-timestamp': edge, 'x-herohealth-signature': signed(edge) }), 300)).toMatchObject({ ok: true });
		expect(verifyHeroHealthDelivery(request({ 'x-herohealth-timestamp': stale, 'x-herohealth-signature': signed(stale) }), 600)).toMatchObject({ ok: true });
	});
});

describe('the proof (the replay identity: it covers the timestamp and the body)', () => {
	const verified = (headers: Record<string, string>, raw: Buffer = body) => {
		const verdict = verifyHeroHealthDelivery(request(headers, raw), 300);
		if (!verdict.ok) throw new Error(verdict.reason);
		return verdict.proof;
	};
	const hex = mac(KEY, seconds).toString('hex');

	it('is the same for a replay, even re-encoded (hex → base64, prefix added)', () => {
		const identity = verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': hex });
		expect(verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': hex })).toBe(identity);
		expect(
			verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': mac(KEY, seconds).toString('base64') }),
		).toBe(identity);
		expect(verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': `sha256=${hex.toUpperCase()}` })).toBe(
			identity,
		);
	});

	it('differs for another timestamp or another body', () => {
		const identity = verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': hex });
		const later = String(NOW_MS / 1000 + 1);
		expect(verified({ 'x-herohealth-timestamp': later, 'x-herohealth-signature': mac(KEY, later).toString('hex') })).not.toBe(
			identity,
		);
		const other = Buffer.from('{"object":"Patient"}');
		expect(
			verified({ 'x-herohealth-timestamp': seconds, 'x-herohealth-signature': mac(KEY, seconds, other).toString('hex') }, other),
		).not.toBe(identity);
	});
});
