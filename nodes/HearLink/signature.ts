import type { SignedRequest, Verdict } from '../shared/delivery';
import { checkTimestamp, digestMatches, hmacSha256, parseKeyValueHeader, singleHeader } from '../shared/signature';

/**
 * HearLink signs every delivery with `X-HearLink-Signature: t=<unix>,v1=<hex>`, where v1 =
 * HMAC-SHA256(signing secret, "{t}.{raw body}") (docs/vendors/hearlink.md#deliveries-and-signature). The header is read by key, not
 * by position, and several `v1` values are accepted (HearLink does not say whether it sends more
 * than one during a rotation). `t` must be inside the window; it is signed as sent.
 */

export const SIGNATURE_HEADER = 'x-hearlink-signature';
export const DELIVERY_HEADER = 'x-hearlink-delivery';

export function verifyHearLinkDelivery(request: SignedRequest, windowSeconds: number): Verdict {
	const header = singleHeader(request.headers[SIGNATURE_HEADER]);
	if (!header) return { ok: false, reason: 'missing X-HearLink-Signature header' };

	const fields = parseKeyValueHeader(header);
	const timestamps = fields.get('t') ?? [];
	if (timestamps.length !== 1) {
		return { ok: false, reason: timestamps.length === 0 ? 'missing timestamp' : 'more than one timestamp' };
	}
	const [timestamp] = timestamps;
	// "<unix>": whole seconds as documented; milliseconds are read too, anything else is refused.
	if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'unreadable timestamp' };
	const freshness = checkTimestamp(timestamp, request.nowMs, {
		maxAgeSeconds: windowSeconds,
		clockSkewSeconds: windowSeconds,
	});
	if (!freshness.ok) return { ok: false, reason: freshness.reason };

	const signatures = fields.get('v1') ?? [];
	if (signatures.length === 0) return { ok: false, reason: 'missing v1 signature' };

	const matches = request.secrets.some((secret) => {
		const digest = hmacSha256(secret, `${timestamp}.`, request.rawBody);
		return signatures.some((signature) => digestMatches(signature, digest, ['hex']));
	});
	return matches ? { ok: true, signedAtMs: freshness.timestampMs } : { ok: false, reason: 'signature does not match' };
}
