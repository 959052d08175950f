import type { SignedRequest, Verdict } from '../shared/delivery';
import {
	checkTimestamp,
	digestMatches,
	hmacSha256,
	sha256,
	singleHeader,
	stripSignaturePrefix,
} from '../shared/signature';

/**
 * RxScale signs a delivery with `X-Webhook-Signature` = lower-case hex HMAC-SHA256 of the raw body,
 * keyed with the whole signing secret (rxscale.md §4.3). No timestamp is signed as a header, but the
 * body's `timestamp` (Unix seconds, when the event was generated) is covered by the HMAC, so a
 * maximum age can be enforced on it. The docs' examples compare the hex directly; a `sha256=` label
 * is tolerated in case RxScale adds one (open question 5), and hex of any case is accepted.
 */

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TEST_DELIVERY_HEADER = 'x-webhook-test';
const SIGNATURE_PREFIXES = ['sha256='];

export interface RxScaleVerifyOptions {
	/** Refuse deliveries whose body `timestamp` is older than this; 0 = no limit. */
	maxAgeSeconds: number;
}

export function verifyRxScaleDelivery(request: SignedRequest, options: RxScaleVerifyOptions): Verdict {
	const header = singleHeader(request.headers[SIGNATURE_HEADER]);
	if (!header) return { ok: false, reason: 'missing X-Webhook-Signature header' };
	const signature = stripSignaturePrefix(header, SIGNATURE_PREFIXES);
	const matches = request.secrets.some((secret) =>
		digestMatches(signature, hmacSha256(secret, request.rawBody), ['hex']),
	);
	if (!matches) return { ok: false, reason: 'signature does not match' };
	if (options.maxAgeSeconds <= 0) return { ok: true };

	// Only an authentic body is read, and only for its timestamp.
	const freshness = checkTimestamp(bodyTimestamp(request.rawBody), request.nowMs, {
		maxAgeSeconds: options.maxAgeSeconds,
		clockSkewSeconds: options.maxAgeSeconds,
	});
	return freshness.ok ? { ok: true } : { ok: false, reason: freshness.reason };
}

function bodyTimestamp(rawBody: Buffer): string | number | undefined {
	try {
		const body = JSON.parse(rawBody.toString('utf8')) as { timestamp?: unknown };
		const value = body?.timestamp;
		return typeof value === 'number' || typeof value === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** `X-Webhook-Test: true` marks a test delivery (rxscale.md §4.2). */
export function isTestDelivery(request: SignedRequest): boolean {
	return singleHeader(request.headers[TEST_DELIVERY_HEADER])?.toLowerCase() === 'true';
}

/**
 * RxScale sends no delivery id; its own advice is to de-duplicate on event type + timestamp +
 * `data.uid` (rxscale.md §4.3). Where `data` has no `uid` (payloads not documented yet), the exact
 * bytes stand in for it, so different events are never taken for one. A test delivery gets its own
 * namespace, so a sample can never mask a real event.
 */
export function rxScaleDeliveryIdentity(
	payload: { event_type: string; timestamp: unknown; data: Record<string, unknown> },
	request: SignedRequest,
	isTest: boolean,
): string {
	const uid = payload.data.uid;
	const subject =
		typeof uid === 'string' || typeof uid === 'number'
			? `uid:${uid}`
			: `body:${sha256(request.rawBody).toString('hex')}`;
	return [isTest ? 'test' : 'live', payload.event_type, String(payload.timestamp), subject].join('|');
}
