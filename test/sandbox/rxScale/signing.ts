import { createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/**
 * How RxScale signs a delivery (docs/vendors/rxscale.md#deliveries-and-signature): `X-Webhook-Signature` = hex HMAC-SHA256(signing
 * secret, raw body), and nothing else. The time a delivery is checked against is the body's own
 * `timestamp` (signed with the body): signing "at" `timestampSeconds` sets it, when the body has
 * one; without `timestampSeconds` the body is signed exactly as given. The sandbox signs its
 * deliveries with this, and every test reaches it as the kit's `signing.sign`.
 */
export function signRxScaleDelivery(body: Buffer | string, secret: string, timestampSeconds?: number): Delivery {
	const given = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const rawBody = timestampSeconds === undefined ? given : withBodyTimestamp(given, timestampSeconds);
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-webhook-signature': createHmac('sha256', secret).update(rawBody).digest('hex'),
		},
	};
}

/** The body with its `timestamp` set, when it is a JSON object that has one; otherwise the body as it is. */
function withBodyTimestamp(body: Buffer, timestampSeconds: number): Buffer {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('timestamp' in parsed)) return body;
		if ((parsed as { timestamp: unknown }).timestamp === timestampSeconds) return body;
		return Buffer.from(JSON.stringify({ ...parsed, timestamp: timestampSeconds }));
	} catch {
		return body;
	}
}
