import { createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/**
 * The readings Hero's documentation leaves open (docs/vendors/hero-health.md#signature-encoding,
 * docs/vendors/hero-health.md#timestamp-unit): the sandbox signs as the nodes assume by default, and
 * can sign in each other plausible form, so that the vendor check (docs/VENDOR-CHECK.md) is shown to
 * name each difference.
 */
export interface HeroSignatureForm {
	encoding: 'hex' | 'base64';
	/** A label before the digest, e.g. `sha256=`; empty for none. */
	prefix: string;
	timestampUnit: 'seconds' | 'milliseconds';
}

export const HERO_SIGNATURE_FORM: HeroSignatureForm = { encoding: 'hex', prefix: '', timestampUnit: 'seconds' };

/**
 * How Hero Health signs a delivery (docs/vendors/hero-health.md#signature-encoding): `X-Herohealth-Timestamp` (Unix seconds) and
 * `X-Herohealth-Signature` = hex HMAC-SHA256(signing key, "{timestamp}.{raw body}"). The sandbox
 * signs its deliveries with this, and every test reaches it as the kit's `signing.sign`.
 */
export function signHeroHealthDelivery(
	body: Buffer | string,
	key: string,
	timestampSeconds: number,
	form: HeroSignatureForm = HERO_SIGNATURE_FORM,
): Delivery {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const timestamp = form.timestampUnit === 'milliseconds' ? String(timestampSeconds * 1000) : String(timestampSeconds);
	const digest = createHmac('sha256', key).update(`${timestamp}.`).update(rawBody).digest(form.encoding);
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'x-herohealth-timestamp': timestamp,
			'x-herohealth-signature': `${form.prefix}${digest}`,
		},
	};
}
