import type { SignedRequest, Verdict } from '../shared/delivery';
import { checkTimestamp, digestMatches, hmacSha256, singleHeader, stripSignaturePrefix } from '../shared/signature';

/**
 * RxScale signs a delivery with `X-Webhook-Signature` = lower-case hex HMAC-SHA256 of the raw body,
 * keyed with the whole signing secret (docs/vendors/rxscale.md#deliveries-and-signature). No timestamp is signed as a header, but the
 * body's `timestamp` (Unix seconds, when the event was generated) is covered by the HMAC, so a
 * maximum age can be enforced on it. The docs' examples compare the hex directly; a `sha256=` label
 * is tolerated in case RxScale adds one (docs/vendors/rxscale.md#signature-prefix-and-key), and hex of any case is accepted.
 */

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TEST_DELIVERY_HEADER = 'x-webhook-test';
const SIGNATURE_PREFIXES = ['sha256='];

export interface RxScaleVerifyOptions {
	/** Refuse deliveries whose signed body `timestamp` is older than this. */
	maxAgeSeconds: number;
	/** How far ahead of this server's clock the body `timestamp` may be. */
	clockSkewSeconds: number;
}

export function verifyRxScaleDelivery(request: SignedRequest, options: RxScaleVerifyOptions): Verdict {
	const header = singleHeader(request.headers[SIGNATURE_HEADER]);
	if (!header) return { ok: false, reason: 'missing X-Webhook-Signature header' };
	const signature = stripSignaturePrefix(header, SIGNATURE_PREFIXES);
	let proof: string | undefined;
	for (const secret of request.secrets) {
		const mac = hmacSha256(secret, request.rawBody);
		if (digestMatches(signature, mac, ['hex'])) {
			proof = mac.toString('hex');
			break;
		}
	}
	if (!proof) return { ok: false, reason: 'signature does not match' };

	// Only an authentic body is read, for its timestamp; the parsed body is handed on, not parsed twice.
	const body = parsedBody(request.rawBody);
	const freshness = checkTimestamp(timestampOf(body), request.nowMs, options);
	return freshness.ok ? { ok: true, proof, signedAtMs: freshness.timestampMs, body } : { ok: false, reason: freshness.reason };
}

function parsedBody(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

function timestampOf(body: unknown): string | number | undefined {
	const value = body !== null && typeof body === 'object' ? (body as { timestamp?: unknown }).timestamp : undefined;
	return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/**
 * `X-Webhook-Test: true` marks a test delivery. RxScale does not sign the header, so it is only
 * reported on the item: it never decides whether or how often the workflow runs.
 */
export function isTestDelivery(request: SignedRequest): boolean {
	return singleHeader(request.headers[TEST_DELIVERY_HEADER])?.toLowerCase() === 'true';
}

/**
 * RxScale sends no delivery id; its own advice is to de-duplicate on event type + timestamp +
 * `data.uid`, all of them in the signed body. Where `data` has no `uid` (payloads not documented
 * yet), the verified MAC of the exact bytes stands in for it, so different events are never taken
 * for one. Nothing unsigned is part of it: a test delivery replayed without its test header, or a
 * delivery replayed with one, is the same delivery.
 */
export function rxScaleDeliveryIdentity(
	payload: { event_type: string; timestamp: unknown; data: Record<string, unknown> },
	proof: string | undefined,
): string {
	const uid = Object.prototype.hasOwnProperty.call(payload.data, 'uid') ? payload.data.uid : undefined;
	const subject = typeof uid === 'string' || typeof uid === 'number' ? `uid:${uid}` : `body:${proof ?? ''}`;
	return [payload.event_type, String(payload.timestamp), subject].join('|');
}
