/**
 * Vendor-neutral pieces of error handling: keeping secrets out of anything shown to users, and
 * pulling the human message out of the usual shapes of error bodies.
 */

const REDACTED = '[redacted]';

/** A deep copy of `value` in which every occurrence of each secret is replaced. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
	const active = secrets.filter((secret) => secret.length >= 4);
	if (active.length === 0) return value;
	const scrub = (text: string) => active.reduce((out, secret) => out.split(secret).join(REDACTED), text);
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return scrub(node);
		if (Array.isArray(node)) return node.map(walk);
		if (node && typeof node === 'object') {
			return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
		}
		return node;
	};
	return walk(value) as T;
}

/** The first human-readable message found in an error body: a string, `message`, `error`, `error.message`. */
export function messageFromBody(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'detail', 'error_description', 'title']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const nested = messageFromBody(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** Plain-language text for the statuses every vendor shares, used when the body says nothing better. */
export function statusText(vendorName: string, status: number): string {
	if (status === 401) return `${vendorName} refused the API key (401): check the key in the credential`;
	if (status === 403) return `${vendorName} refused this request (403): the API key lacks the permission for it`;
	if (status === 404) return `${vendorName} could not find it (404)`;
	if (status === 429) return `${vendorName} is receiving too many requests (429)`;
	if (status >= 500) return `${vendorName} had an internal problem (${status}); try again later`;
	return `${vendorName} rejected the request (${status})`;
}
