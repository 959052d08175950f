import type { IWebhookFunctions } from 'n8n-workflow';

import type { SignedRequest, Verdict } from '../shared/delivery';
import { digestMatches, hmacSha256, sha256, singleHeader } from '../shared/signature';
import { testUrlFor } from '../shared/subscriptions';

/**
 * Healthie signs a delivery (docs/vendors/healthie.md#signature; docs/vendors/healthie.md#signature-test-vector) with
 * `Signature: sig1=<hex HMAC-SHA256(signature_secret, data)>`, where data is six parts joined by
 * single spaces: `post <path> <query> <digest> application/json <content length>`.
 *
 * - digest: everything after the FIRST `=` of `Content-Digest` (`sha-256=<base64>`), so base64
 *   padding is kept (Healthie's own sample's `split('=')[1]` loses it);
 * - path: the path of the URL Healthie was given (the public one, not what a proxy passes on);
 * - query: empty, since the node registers URLs without one (two spaces follow the path);
 * - `application/json`: the literal, not the header;
 * - length: the raw body's byte length (not re-serialised, not UTF-16 characters).
 *
 * The HMAC covers the digest header, not the body, so the digest is also compared with SHA-256 of
 * the raw body: without that, a body changed without changing its length would pass. The digest's
 * encoding is not published: base64 (with or without padding), hex, and the RFC 9530 `:…:` form
 * are accepted for that comparison, while the HMAC always uses the value exactly as sent.
 */

export const CONTENT_DIGEST_HEADER = 'content-digest';
export const SIGNATURE_HEADER = 'signature';

export interface HealthieSigningInput {
	path: string;
	query: string;
	digest: string;
	contentLength: number;
}

export function healthieStringToSign({ path, query, digest, contentLength }: HealthieSigningInput): string {
	return `post ${path} ${query} ${digest} application/json ${contentLength}`;
}

/** The value after the first `=`, or the whole value when there is none (`sig1=<hex>` → `<hex>`). */
export function afterFirstEquals(value: string): string {
	return value.slice(value.indexOf('=') + 1).trim();
}

export function verifyHealthieDelivery(request: SignedRequest, registeredPath: string): Verdict {
	const contentDigest = singleHeader(request.headers[CONTENT_DIGEST_HEADER]);
	const signatureHeader = singleHeader(request.headers[SIGNATURE_HEADER]);
	if (!contentDigest || !signatureHeader) return { ok: false, reason: 'missing signature headers' };

	const digest = afterFirstEquals(contentDigest);
	const signature = afterFirstEquals(signatureHeader);
	const data = healthieStringToSign({
		path: registeredPath,
		query: '',
		digest,
		contentLength: request.rawBody.length,
	});
	const signed = request.secrets.some((secret) => digestMatches(signature, hmacSha256(secret, data), ['hex']));
	if (!signed) return { ok: false, reason: 'signature does not match' };

	const bodyDigest = digest.replace(/^:(.*):$/, '$1');
	const bodyHash = sha256(request.rawBody);
	if (!digestMatches(bodyDigest, bodyHash, ['base64', 'hex'])) {
		return { ok: false, reason: 'body does not match its Content-Digest' };
	}
	return { ok: true, proof: bodyHash.toString('hex') };
}

/**
 * The path Healthie signed: that of the URL it was given (behind a proxy this differs from the path
 * n8n sees). A test listen registers the Test URL, which `getWebhookResourceUrl` gives (n8n ≥ 2.41);
 * older n8n has only the production URL, from which the test one is derived.
 */
export function signedUrlPath(context: IWebhookFunctions): string | undefined {
	const resourceUrl = typeof context.getWebhookResourceUrl === 'function' ? context.getWebhookResourceUrl('default') : undefined;
	const productionUrl = context.getNodeWebhookUrl('default');
	const url = resourceUrl ?? (context.getMode() === 'manual' && productionUrl ? testUrlFor(productionUrl) : productionUrl);
	if (!url) return undefined;
	try {
		return new URL(url).pathname;
	} catch {
		return undefined;
	}
}
