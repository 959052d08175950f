import { createHash, createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/** How `Content-Digest` is spelled: its label (`sha-256`, `SHA-256`) and RFC 9530's colons around the value. */
export interface DigestSpelling {
	label: string;
	colons: boolean;
}

const PLAIN: DigestSpelling = { label: 'sha-256', colons: false };

/**
 * How Healthie signs a delivery (docs/vendors/healthie.md#signature): `Content-Digest: sha-256=<base64 SHA-256 of the
 * body>` and `Signature: sig1=<hex HMAC-SHA256(secret, "post <path> <query> <digest>
 * application/json <length>")>`, the path and query being those of the URL registered at Healthie
 * (so a delivery is signed for one URL), the digest as sent after its label. Healthie signs no time.
 * The sandbox signs its deliveries with this, and every test reaches it as the kit's `signing.sign`.
 */
export function signHealthieDelivery(body: Buffer | string, secret: string, url: string, spelling: DigestSpelling = PLAIN): Delivery {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const base64 = createHash('sha256').update(rawBody).digest('base64');
	const digest = spelling.colons ? `:${base64}:` : base64;
	const target = new URL(url);
	const query = target.search.replace(/^\?/, '');
	const signed = `post ${target.pathname} ${query} ${digest} application/json ${rawBody.length}`;
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'content-digest': `${spelling.label}=${digest}`,
			signature: `sig1=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`,
		},
	};
}
