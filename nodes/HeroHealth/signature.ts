import type { SignedRequest, Verdict } from '../shared/delivery';
import { checkTimestamp, digestMatches, hmacSha256, singleHeader, stripSignaturePrefix } from '../shared/signature';

/**
 * Hero Health signs a delivery with `X-Herohealth-Timestamp` and `X-Herohealth-Signature` =
 * HMAC-SHA256(signing key, "{timestamp}.{raw body}") (docs/vendors/hero-health.md#signature). The docs leave open the
 * digest encoding, the timestamp's unit and any prefix, so every documented-possible reading is
 * accepted: hex (any case) or base64; seconds, milliseconds or ISO 8601; an optional `sha256=` or
 * `v1=` label. The timestamp is signed as sent, so its format never changes the HMAC.
 */

export const TIMESTAMP_HEADER = 'x-herohealth-timestamp';
export const SIGNATURE_HEADER = 'x-herohealth-signature';
const SIGNATURE_PREFIXES = ['sha256=', 'v1='];

export function verifyHeroHealthDelivery(request: SignedRequest, windowSeconds: number): Verdict {
	const timestamp = singleHeader(request.headers[TIMESTAMP_HEADER]);
	const signatureHeader = singleHeader(request.headers[SIGNATURE_HEADER]);
	if (!timestamp || !signatureHeader) return { ok: false, reason: 'missing signature headers' };

	const freshness = checkTimestamp(timestamp, request.nowMs, {
		maxAgeSeconds: windowSeconds,
		clockSkewSeconds: windowSeconds,
	});
	if (!freshness.ok) return { ok: false, reason: freshness.reason };

	const signature = stripSignaturePrefix(signatureHeader, SIGNATURE_PREFIXES);
	for (const secret of request.secrets) {
		const mac = hmacSha256(secret, `${timestamp}.`, request.rawBody);
		if (digestMatches(signature, mac, ['hex', 'base64'])) {
			return { ok: true, proof: mac.toString('hex'), signedAtMs: freshness.timestampMs };
		}
	}
	return { ok: false, reason: 'signature does not match' };
}
