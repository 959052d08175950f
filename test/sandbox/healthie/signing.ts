import { createHash, createHmac } from 'node:crypto';

import type { Delivery } from '../../vendors/kit';

/**
 * How `Content-Digest` is spelled: its label (`sha-256`, `SHA-256`), RFC 9530's colons around the
 * value and its encoding; and which form of it the signed string holds: as sent (what the nodes
 * assume), or without base64's `=` padding, as Healthie's own sample code's `split('=')[1]` gives it
 * (docs/vendors/healthie.md#content-digest-format). The alternatives are for the vendor check's tests.
 */
export interface DigestSpelling {
	label: string;
	colons: boolean;
	encoding?: 'base64' | 'hex';
	signed?: 'asSent' | 'withoutPadding';
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
	const encoded = createHash('sha256').update(rawBody).digest(spelling.encoding ?? 'base64');
	const digest = spelling.colons ? `:${encoded}:` : encoded;
	const target = new URL(url);
	const query = target.search.replace(/^\?/, '');
	const signedDigest = spelling.signed === 'withoutPadding' ? `${spelling.label}=${digest}`.split('=')[1] : digest;
	const signed = `post ${target.pathname} ${query} ${signedDigest} application/json ${rawBody.length}`;
	return {
		rawBody,
		headers: {
			'content-type': 'application/json',
			'content-digest': `${spelling.label}=${digest}`,
			signature: `sig1=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`,
		},
	};
}
