import { createHash, createHmac } from 'node:crypto';

import type { SignedRequest } from '../../../nodes/shared/delivery';
import { verifyHealthieDelivery } from '../../../nodes/Healthie/signature';

/**
 * Healthie's signature (docs/vendors/healthie.md#signature; docs/vendors/healthie.md#signature-test-vector). Every expected value is computed here with
 * node:crypto, following the recipe on docs/vendors/healthie.md#signature, never with the node's own code.
 */

const SECRET = 'whsec_example-secret';
const PATH = '/webhook/4f1c1a52-0000-0000-0000-000000000000/healthie';
const BODY =
	'{"resource_id":"67890","resource_id_type":"Appointment","event_type":"appointment.created","changed_fields":[]}';

const base64Digest = (body: string | Buffer) => createHash('sha256').update(body).digest('base64');
const hexDigest = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');
const hmacHex = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8').digest('hex');

interface Signing {
	secret?: string;
	path?: string;
	body?: string;
	/** The Content-Digest header value as sent. */
	contentDigest?: string;
	/** The digest part that goes into the signed string (default: what follows the first `=`). */
	signedDigest?: string;
	length?: number;
}

/** Headers as Healthie would send them for `body`, built by the recipe in the recipe on docs/vendors/healthie.md#signature. */
function signedHeaders({ secret = SECRET, path = PATH, body = BODY, contentDigest, signedDigest, length }: Signing = {}) {
	const header = contentDigest ?? `sha-256=${base64Digest(body)}`;
	const digest = signedDigest ?? header.slice(header.indexOf('=') + 1);
	const data = `post ${path}  ${digest} application/json ${length ?? Buffer.byteLength(body, 'utf8')}`;
	return { 'content-type': 'application/json', 'content-digest': header, signature: `sig1=${hmacHex(secret, data)}` };
}

function request(body: string, headers: Record<string, string>, secrets = [SECRET]): SignedRequest {
	return { rawBody: Buffer.from(body, 'utf8'), headers, secrets, nowMs: Date.now() };
}

describe('the synthetic test vector (docs/vendors/healthie.md#signature-test-vector)', () => {
	it('reproduces docs/vendors/healthie.md#signature-test-vector with node:crypto', () => {
		expect(Buffer.byteLength(BODY)).toBe(111);
		expect(base64Digest(BODY)).toBe('P1IFhBSDuTy1S2D2+NHWIrsMT4whpZLis9FWgdtihls=');
		const data = `post ${PATH}  P1IFhBSDuTy1S2D2+NHWIrsMT4whpZLis9FWgdtihls= application/json 111`;
		expect(hmacHex(SECRET, data)).toBe('fd15176a997f78c231588a4ce84cbd8eaa6ac4ed439aa2f60187e66b6103135d');
	});

	it('is accepted exactly as published', () => {
		const headers = {
			'content-type': 'application/json',
			'content-digest': 'sha-256=P1IFhBSDuTy1S2D2+NHWIrsMT4whpZLis9FWgdtihls=',
			signature: 'sig1=fd15176a997f78c231588a4ce84cbd8eaa6ac4ed439aa2f60187e66b6103135d',
		};
		// The proof is the body's SHA-256, the delivery's identity for the duplicate guard.
		expect(verifyHealthieDelivery(request(BODY, headers), PATH)).toEqual({
			ok: true,
			proof: Buffer.from('P1IFhBSDuTy1S2D2+NHWIrsMT4whpZLis9FWgdtihls=', 'base64').toString('hex'),
		});
	});

	it('is refused with another secret', () => {
		expect(verifyHealthieDelivery(request(BODY, signedHeaders(), ['whsec_other']), PATH)).toEqual({
			ok: false,
			reason: 'signature does not match',
		});
	});
});

describe('the traps the traps on docs/vendors/healthie.md#signature (padding kept, registered path, byte length)', () => {
	it('keeps the base64 padding of the digest: a signature over the split("=")[1] value is refused', () => {
		const header = `sha-256=${base64Digest(BODY)}`;
		const officialSampleDigest = header.split('=')[1];
		expect(officialSampleDigest.endsWith('=')).toBe(false);
		const headers = signedHeaders({ contentDigest: header, signedDigest: officialSampleDigest });
		expect(verifyHealthieDelivery(request(BODY, headers), PATH).ok).toBe(false);
		expect(verifyHealthieDelivery(request(BODY, signedHeaders()), PATH).ok).toBe(true);
	});

	it('uses the registered public path, not the path behind a proxy', () => {
		const publicPath = '/n8n/webhook/4f1c1a52-0000-0000-0000-000000000000/webhook';
		const internalPath = '/webhook/4f1c1a52-0000-0000-0000-000000000000/webhook';
		const headers = signedHeaders({ path: publicPath });
		expect(verifyHealthieDelivery(request(BODY, headers), publicPath).ok).toBe(true);
		expect(verifyHealthieDelivery(request(BODY, headers), internalPath)).toEqual({
			ok: false,
			reason: 'signature does not match',
		});
	});

	it('counts bytes, not characters, of a non-ASCII body', () => {
		const body =
			'{"resource_id":"1002","resource_id_type":"Appointment","event_type":"appointment.participant_joined","changed_fields":[],"user_name":"Zoë Ångström"}';
		expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
		expect(verifyHealthieDelivery(request(body, signedHeaders({ body })), PATH).ok).toBe(true);
		const signedWithCharacterCount = signedHeaders({ body, length: body.length });
		expect(verifyHealthieDelivery(request(body, signedWithCharacterCount), PATH).ok).toBe(false);
	});

	it('refuses a body changed without changing its length, through the digest check', () => {
		const tampered = BODY.replace('67890', '67891');
		expect(tampered.length).toBe(BODY.length);
		const headers = signedHeaders(); // signed for the original body
		// The HMAC alone cannot see the change: it covers the digest header and the length.
		expect(verifyHealthieDelivery(request(tampered, headers), PATH)).toEqual({
			ok: false,
			reason: 'body does not match its Content-Digest',
		});
		expect(base64Digest(tampered)).toBe('7GxS4dXlNPTofF1ptw+LpDluKu7AYyjQzIToBXAL29E=');
	});

	it('refuses a body changed to another length (the signed length differs)', () => {
		const tampered = BODY.replace('67890', '678901');
		expect(verifyHealthieDelivery(request(tampered, signedHeaders()), PATH)).toEqual({
			ok: false,
			reason: 'signature does not match',
		});
	});

	it('refuses a forged digest that matches the body but was not signed', () => {
		const tampered = BODY.replace('67890', '67891');
		const headers = { ...signedHeaders(), 'content-digest': `sha-256=${base64Digest(tampered)}` };
		expect(verifyHealthieDelivery(request(tampered, headers), PATH).ok).toBe(false);
	});
});

describe('readings the docs leave open', () => {
	it.each([
		['an upper-case label', `SHA-256=${base64Digest(BODY)}`],
		['RFC 9530 colons', `sha-256=:${base64Digest(BODY)}:`],
		['a hex digest', `sha-256=${hexDigest(BODY)}`],
		['an unpadded base64 digest', `sha-256=${base64Digest(BODY).replace(/=+$/, '')}`],
	])('accepts %s, signing the value as sent', (_name, contentDigest) => {
		expect(verifyHealthieDelivery(request(BODY, signedHeaders({ contentDigest })), PATH).ok).toBe(true);
	});

	it('accepts the signature as bare hex and in upper case', () => {
		const hex = signedHeaders().signature.slice('sig1='.length);
		for (const signature of [hex, `sig1=${hex.toUpperCase()}`]) {
			expect(verifyHealthieDelivery(request(BODY, { ...signedHeaders(), signature }), PATH).ok).toBe(true);
		}
	});

	it('accepts a delivery signed with any of the stored secrets (one per webhook)', () => {
		const headers = signedHeaders({ secret: 'whsec_second' });
		expect(verifyHealthieDelivery(request(BODY, headers, ['whsec_first', 'whsec_second']), PATH).ok).toBe(true);
	});

	it.each([
		['no Signature', 'signature'],
		['no Content-Digest', 'content-digest'],
	])('refuses a delivery with %s', (_name, missing) => {
		const headers: Record<string, string> = { ...signedHeaders() };
		delete headers[missing];
		expect(verifyHealthieDelivery(request(BODY, headers), PATH)).toEqual({ ok: false, reason: 'missing signature headers' });
	});
});

describe('the proof (the replay identity)', () => {
	it('is the SHA-256 of the exact bytes', () => {
		const verdict = verifyHealthieDelivery(request(BODY, signedHeaders()), PATH);
		expect(verdict).toEqual({ ok: true, proof: hexDigest(BODY) });
	});
});
