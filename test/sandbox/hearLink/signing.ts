import { createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/**
 * How HearLink signs a delivery (docs/vendors/hearlink.md#deliveries-and-signature): `X-HearLink-Signature: t=<Unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "{t}.{raw body}")>`, one `v1` per secret the webhook signs with (two while a
 * rotated secret keeps the previous one), and an `X-HearLink-Delivery` id, new for every attempt
 * (here derived from `t` unless given). The sandbox signs its deliveries with this, and every test
 * reaches it as the kit's `signing.sign`.
 */
export function signHearLinkDelivery(
	body: Buffer | string,
	secrets: string | string[],
	timestampSeconds: number,
	deliveryId = `dlv_${timestampSeconds}`,
): Delivery {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const t = String(timestampSeconds);
	const v1 = (secret: string) => `v1=${createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex')}`;
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-hearlink-signature': [`t=${t}`, ...[secrets].flat().map(v1)].join(','),
			'x-hearlink-delivery': deliveryId,
		},
	};
}
