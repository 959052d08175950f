import type { DeliveryHeaders } from './delivery';

/**
 * One log line that describes a refused delivery's shape without revealing it: which signature and
 * timestamp headers came, how long they are and what they are written in (hex, base64, …), any
 * `name=` prefix, the timestamp's kind (Unix seconds or milliseconds, ISO date-time), and the body's
 * content type and length. Never a header's value, a secret, or a byte of the body: what an admin
 * can send the maintainers when a vendor's real deliveries are refused.
 */

export interface SignedHeaderNames {
	/** Headers that carry the signature (or a `t=…,v1=…` list). */
	signature: readonly string[];
	/** Headers that carry the signed time, where the vendor sends one apart from the signature. */
	timestamp?: readonly string[];
}

export function describeDelivery(headers: DeliveryHeaders, rawBody: Buffer | undefined, names: SignedHeaderNames): string {
	const parts = [
		...names.signature.map((name) => `${name}: ${describeSignatureHeader(headers[name])}`),
		...(names.timestamp ?? []).map((name) => `${name}: ${describeTimestamp(headers[name])}`),
		`content-type: ${describeContentType(headers['content-type'])}`,
		`body: ${rawBody === undefined ? 'unread' : `${rawBody.length} bytes`}`,
	];
	return parts.join('; ');
}

function first(value: string | string[] | undefined): { value?: string; repeated: boolean } {
	if (Array.isArray(value)) return { value: value[0], repeated: value.length > 1 };
	return { value, repeated: false };
}

function describeSignatureHeader(raw: string | string[] | undefined): string {
	const { value, repeated } = first(raw);
	if (value === undefined) return 'absent';
	const text = value.trim();
	if (text === '') return 'empty';
	const fields = text.split(',').map((part) => part.trim());
	const described = fields.map((field) => {
		const prefix = /^([A-Za-z0-9_-]{1,16})=/.exec(field);
		const body = prefix ? field.slice(prefix[0].length) : field;
		// The label as sent (`sha-256=` and `SHA-256=` are different answers to an open question).
		const label = prefix ? `prefix ${prefix[1]}=` : 'no prefix';
		// A `t=` field is a time, not a signature.
		if (prefix && prefix[1].toLowerCase() === 't') return `t=${timestampKind(body)}`;
		return `${label}, ${body.length} chars ${alphabet(body)}`;
	});
	return `${described.join(' | ')}${repeated ? ' (header repeated)' : ''}`;
}

function describeTimestamp(raw: string | string[] | undefined): string {
	const { value, repeated } = first(raw);
	if (value === undefined) return 'absent';
	return `${timestampKind(value.trim())}${repeated ? ' (header repeated)' : ''}`;
}

function timestampKind(text: string): string {
	if (text === '') return 'empty';
	if (/^\d+$/.test(text)) return text.length >= 12 ? `${text.length} digits (Unix milliseconds?)` : `${text.length} digits (Unix seconds?)`;
	if (/^\d+\.\d+$/.test(text)) return 'a decimal number';
	if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? 'ISO date-time with zone' : 'ISO date-time without zone';
	return `${text.length} chars ${alphabet(text)}`;
}

function alphabet(text: string): string {
	if (/^[0-9a-f]+$/.test(text)) return 'lower-case hex';
	if (/^[0-9A-F]+$/.test(text)) return 'upper-case hex';
	if (/^[0-9a-fA-F]+$/.test(text)) return 'mixed-case hex';
	if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return 'base64';
	if (/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return 'base64url';
	if (/^:[A-Za-z0-9+/]+={0,2}:$/.test(text)) return 'base64 in colons'; // RFC 9530's form
	return /^[\x20-\x7e]+$/.test(text) ? 'other printable text' : 'non-ASCII text';
}

function describeContentType(raw: string | string[] | undefined): string {
	const { value } = first(raw);
	if (value === undefined || value.trim() === '') return 'absent';
	// The media type only: parameters (charset, boundary) may carry anything.
	const media = value.split(';')[0].trim().toLowerCase();
	return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(media) ? media : 'unreadable';
}
