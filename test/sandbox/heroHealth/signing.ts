import { createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/**
 * How Hero Health signs a delivery (docs/vendors/hero-health.md#signature-encoding): `X-Herohealth-Timestamp` (Unix seconds) and
 * `X-Herohealth-Signature` = hex HMAC-SHA256(signing key, "{timestamp}.{raw body}"). The sandbox
 * signs its deliveries with this, and every test reaches it as the kit's `signing.sign`.
 */
export function signHeroHealthDelivery(body: Buffer | string, key: string, timestampSeconds: number): Delivery {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const timestamp = String(timestampSeconds);
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-herohealth-timestamp': timestamp,
			'x-herohealth-signature': createHmac('sha256', key).update(`${timestamp}.`).update(rawBody).digest('hex'),
		},
	};
}
