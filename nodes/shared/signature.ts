import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Signature primitives shared by every vendor. Pure functions over bytes and strings:
 * no n8n types, no clock of their own (callers pass `now`), nothing that throws on bad input.
 */

export type DigestEncoding = 'hex' | 'base64';

/** HMAC-SHA256 of the concatenation of `parts`, keyed with the UTF-8 bytes of `secret`. */
export function hmacSha256(secret: string, ...parts: Array<string | Buffer>): Buffer {
	const hmac = createHmac('sha256', secret); // a string key is used as its UTF-8 bytes
	for (const part of parts) hmac.update(part);
	return hmac.digest();
}

export function sha256(data: string | Buffer): Buffer {
	return createHash('sha256').update(data).digest();
}

/** Constant-time comparison of two strings; unequal lengths are rejected without comparing. */
export function safeEqual(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/**
 * True when `given` is `digest` written in one of `encodings`. Hex is compared case-insensitively
 * (senders differ on case); base64 exactly, with or without its padding. Only the encoding the
 * value can be in is computed.
 */
export function digestMatches(
	given: string,
	digest: Buffer,
	encodings: readonly DigestEncoding[] = ['hex'],
): boolean {
	const value = given.trim();
	if (encodings.includes('hex') && value.length === digest.length * 2 && /^[0-9a-fA-F]+$/.test(value)) {
		return timingSafeEqual(Buffer.from(value, 'hex'), digest);
	}
	if (!encodings.includes('base64')) return false;
	const expected = digest.toString('base64');
	return safeEqual(value, value.endsWith('=') ? expected : expected.replace(/=+$/, ''));
}

/** Removes one leading `name=` label (such as `sha256=` or `v1=`) when it is one of `prefixes`. */
export function stripSignaturePrefix(value: string, prefixes: readonly string[]): string {
	const trimmed = value.trim();
	for (const prefix of prefixes) {
		if (trimmed.toLowerCase().startsWith(prefix.toLowerCase())) return trimmed.slice(prefix.length);
	}
	return trimmed;
}

/**
 * Parses a header of comma-separated `key=value` pairs (`t=1700000000,v1=abc,v1=def`) by key,
 * never by position. Keys are lower-cased; a key may repeat.
 */
export function parseKeyValueHeader(header: string): Map<string, string[]> {
	const pairs = new Map<string, string[]>();
	for (const part of header.split(',')) {
		const separator = part.indexOf('=');
		if (separator <= 0) continue;
		const key = part.slice(0, separator).trim().toLowerCase();
		const value = part.slice(separator + 1).trim();
		if (!key || !value) continue;
		pairs.set(key, [...(pairs.get(key) ?? []), value]);
	}
	return pairs;
}

const MILLISECONDS_THRESHOLD = 1e11; // a Unix time above this is in milliseconds (year 5138 in seconds)
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a timestamp written as Unix seconds, Unix milliseconds or an ISO-8601 date-time with a
 * zone, and returns it in epoch milliseconds. Anything else (empty, negative, a date without a
 * zone, text) gives `undefined`, which callers must treat as a failed check.
 */
export function parseTimestamp(value: string | number | undefined | null): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) {
		const numeric = Number(text);
		if (!Number.isFinite(numeric) || numeric <= 0) return undefined;
		return numeric >= MILLISECONDS_THRESHOLD ? numeric : numeric * 1000;
	}
	if (!ISO_DATE_TIME.test(text)) return undefined;
	const parsed = Date.parse(text);
	return Number.isFinite(parsed) ? parsed : undefined;
}

export interface TimestampWindow {
	/** How old a delivery may be, in seconds. */
	maxAgeSeconds: number;
	/** How far in the future a sender's clock may be, in seconds. */
	clockSkewSeconds: number;
}

export type TimestampCheck =
	| { ok: true; timestampMs: number }
	| { ok: false; reason: 'missing timestamp' | 'unreadable timestamp' | 'timestamp too old' | 'timestamp in the future' };

/** Checks a delivery timestamp against a window around `nowMs`; boundaries are inclusive. */
export function checkTimestamp(
	value: string | number | undefined | null,
	nowMs: number,
	window: TimestampWindow,
): TimestampCheck {
	if (value === undefined || value === null || String(value).trim() === '') {
		return { ok: false, reason: 'missing timestamp' };
	}
	const timestampMs = parseTimestamp(value);
	if (timestampMs === undefined) return { ok: false, reason: 'unreadable timestamp' };
	if (nowMs - timestampMs > window.maxAgeSeconds * 1000) return { ok: false, reason: 'timestamp too old' };
	if (timestampMs - nowMs > window.clockSkewSeconds * 1000) {
		return { ok: false, reason: 'timestamp in the future' };
	}
	return { ok: true, timestampMs };
}

/** A signing secret shorter than this is refused: vendors issue long random secrets, and a short one can be guessed. */
export const SHORTEST_SIGNING_SECRET = 16;

export interface CredentialSigningSecrets {
	/** The usable secrets: the current one, and the previous one during a rotation. */
	secrets: string[];
	/** Fields that were filled but too short to be used (they are ignored). */
	tooShort: string[];
}

/**
 * The signing secrets in a credential's `webhookSigningSecret` and, during a rotation,
 * `previousWebhookSigningSecret`. Each field is one secret, taken whole (never split: a secret may
 * contain any character); blank fields are skipped and short ones refused.
 */
export function credentialSigningSecrets(credentials: Record<string, unknown>): CredentialSigningSecrets {
	const secrets: string[] = [];
	const tooShort: string[] = [];
	for (const field of ['webhookSigningSecret', 'previousWebhookSigningSecret']) {
		const value = Object.prototype.hasOwnProperty.call(credentials, field) ? credentials[field] : undefined;
		if (typeof value !== 'string' || value.trim() === '') continue;
		const secret = value.trim();
		if (secret.length < SHORTEST_SIGNING_SECRET) tooShort.push(field);
		else secrets.push(secret);
	}
	return { secrets: [...new Set(secrets)], tooShort };
}

/** Reads one header value: the first of a repeated header, trimmed; `undefined` when absent or blank. */
export function singleHeader(value: string | string[] | undefined): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (first === undefined) return undefined;
	const trimmed = first.trim();
	return trimmed === '' ? undefined : trimmed;
}
