/**
 * Vendor-neutral pieces of error handling: keeping secrets out of anything shown to users, and
 * pulling the human message out of the usual shapes of error bodies.
 */

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would shred ordinary text. */
const SHORTEST_REDACTED_SECRET = 4;

/** Keys whose values are secrets whatever they hold (a vendor echoing a subscription's secret in an error). */
const SECRET_KEY = /^(signing_?secret|signature_?secret|signing_?key|webhook_?signing_?secret|api_?key|x-api-key|client_?secret|password)$/i;

/**
 * A deep copy of `value` in which every occurrence of each secret, in values and in keys, is
 * replaced. With `bySecretKeys`, values under keys that name a secret (`signing_secret`, `api_key` …)
 * are replaced too, whatever they are.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[], options: { bySecretKeys?: boolean } = {}): T {
	const active = [...new Set(secrets)].filter((secret) => typeof secret === 'string' && secret.length >= SHORTEST_REDACTED_SECRET);
	if (active.length === 0 && !options.bySecretKeys) return value;
	const scrub = (text: string) => (active.length === 0 ? text : redactText(text, active));
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return scrub(node);
		if (Array.isArray(node)) return node.map(walk);
		if (isPlainObject(node)) {
			return Object.fromEntries(
				Object.entries(node).map(([key, inner]) => [
					scrub(key),
					options.bySecretKeys && SECRET_KEY.test(key) && inner !== null && inner !== '' ? REDACTED : walk(inner),
				]),
			);
		}
		return node;
	};
	return walk(value) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/** `text` with every occurrence of each secret replaced (longest first, so a secret inside another goes too). */
export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		if (secret.length >= SHORTEST_REDACTED_SECRET && out.includes(secret)) out = out.split(secret).join(REDACTED);
	}
	return out;
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
