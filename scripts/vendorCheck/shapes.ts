import type { SignedHeaderNames } from '../../nodes/shared/diagnostics';
import { describeDelivery } from '../../nodes/shared/diagnostics';

/**
 * Reads the line a trigger writes to n8n's debug log when it refuses a delivery
 * (nodes/shared/delivery.ts, `reject`; the request's shape comes from nodes/shared/diagnostics.ts):
 *
 *   Hero Health trigger "Hero Health Trigger" refused a delivery (401): signature does not match.
 *   The request: x-herohealth-signature: no prefix, 44 chars base64; x-herohealth-timestamp:
 *   13 digits (Unix milliseconds?); content-type: application/json; body: 87 bytes
 *
 * A delivery the check's own receiver captured is described by the same function and read by the
 * same parser, so a pasted line and a captured delivery are judged alike.
 */

export type TimeShape =
	| { kind: 'seconds' | 'milliseconds'; digits: number }
	| { kind: 'decimal' | 'iso with zone' | 'iso without zone' | 'empty' }
	| { kind: 'other'; text: string };

export interface ValueShape {
	/** A `name=` label before the value, as sent (`sha256`, `v1`, `sig1`, `sha-256`). */
	prefix?: string;
	length: number;
	/** `lower-case hex`, `upper-case hex`, `mixed-case hex`, `base64`, `base64url`, `base64 in colons`, … */
	alphabet: string;
}

export type FieldShape = { time: TimeShape } | { value: ValueShape };

export type HeaderShape =
	| { kind: 'absent' | 'empty' }
	| { kind: 'fields'; fields: FieldShape[]; repeated: boolean }
	| { kind: 'time'; time: TimeShape; repeated: boolean };

export interface DeliveryShape {
	vendorName?: string;
	status?: number;
	/** Which check refused it (`signature does not match`, `timestamp too old`, …). */
	reason?: string;
	headers: Map<string, HeaderShape>;
	contentType?: string;
	bodyBytes?: number;
}

const LINE = /(Hero Health|Healthie|HearLink|RxScale) trigger "[\s\S]*?" refused a delivery \((\d{3})\): ([\s\S]*?)\. The request: ([\s\S]*?body: (?:\d+ bytes|unread))/;

/** The refusal line in `input` (a bare line, a line with n8n's prefix, or a JSON log record), or an error saying what is missing. */
export function parseDiagnosticsLine(input: string): DeliveryShape | { error: string } {
	let text = input.trim();
	try {
		const record = JSON.parse(text) as { message?: unknown };
		if (record && typeof record.message === 'string') text = record.message;
	} catch {
		text = text.replace(/\\"/g, '"');
	}
	const match = LINE.exec(text);
	if (!match) {
		return {
			error:
				'this is not a refused-delivery line: look in n8n\'s debug log for "<vendor> trigger "<node>" refused a delivery (401): … The request: …" and pass that whole line',
		};
	}
	const [, vendorName, status, reason, shape] = match;
	return { vendorName, status: Number(status), reason, ...parseShape(shape) };
}

/** The shape of a delivery the receiver captured, as the trigger would describe it in its refusal line. */
export function shapeOfDelivery(
	headers: Record<string, string | string[] | undefined>,
	rawBody: Buffer,
	names: SignedHeaderNames,
): DeliveryShape {
	const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
	return parseShape(describeDelivery(lowerCased, rawBody, names));
}

function parseShape(shape: string): DeliveryShape {
	const result: DeliveryShape = { headers: new Map() };
	for (const part of shape.split('; ')) {
		const colon = part.indexOf(': ');
		if (colon <= 0) continue;
		const name = part.slice(0, colon).trim().toLowerCase();
		const description = part.slice(colon + 2).trim();
		if (name === 'content-type') result.contentType = description;
		else if (name === 'body') result.bodyBytes = /^(\d+) bytes$/.test(description) ? Number(description.split(' ')[0]) : undefined;
		else result.headers.set(name, parseHeader(description));
	}
	return result;
}

/** A signature header's fields start `prefix …`, `no prefix` or `t=`; anything else describes a timestamp header. */
function parseHeader(description: string): HeaderShape {
	if (description === 'absent' || description === 'empty') return { kind: description };
	const repeated = description.endsWith(' (header repeated)');
	const text = repeated ? description.slice(0, -' (header repeated)'.length) : description;
	const isSignature = /^(prefix |no prefix|t=)/.test(text) || text.includes(' | ');
	if (!isSignature) return { kind: 'time', time: parseTime(text), repeated };
	const fields = text.split(' | ').map((field): FieldShape => {
		if (field.startsWith('t=')) return { time: parseTime(field.slice(2)) };
		const labelled = /^(?:prefix (.+?)=|no prefix), (\d+) chars (.+)$/.exec(field);
		if (!labelled) return { value: { length: 0, alphabet: field } };
		return { value: { ...(labelled[1] ? { prefix: labelled[1] } : {}), length: Number(labelled[2]), alphabet: labelled[3] } };
	});
	return { kind: 'fields', fields, repeated };
}

function parseTime(text: string): TimeShape {
	const digits = /^(\d+) digits \(Unix (seconds|milliseconds)\?\)$/.exec(text);
	if (digits) return { kind: digits[2] as 'seconds' | 'milliseconds', digits: Number(digits[1]) };
	if (text === 'a decimal number') return { kind: 'decimal' };
	if (text === 'ISO date-time with zone') return { kind: 'iso with zone' };
	if (text === 'ISO date-time without zone') return { kind: 'iso without zone' };
	if (text === 'empty') return { kind: 'empty' };
	return { kind: 'other', text };
}

/** The value fields of a signature header (not its `t=`). */
export function valueFields(shape: HeaderShape | undefined): ValueShape[] {
	if (!shape || shape.kind !== 'fields') return [];
	return shape.fields.flatMap((field) => ('value' in field ? [field.value] : []));
}

/** The `t=` field of a signature header, or the time of a timestamp header. */
export function timeOf(shape: HeaderShape | undefined): TimeShape | undefined {
	if (!shape) return undefined;
	if (shape.kind === 'time') return shape.time;
	if (shape.kind !== 'fields') return undefined;
	for (const field of shape.fields) if ('time' in field) return field.time;
	return undefined;
}

/** What a SHA-256 digest written as `value` is encoded in, judged by its length and alphabet. */
export function digestEncoding(value: ValueShape): 'hex' | 'base64' | 'base64url' | 'base64 in colons' | undefined {
	if (value.alphabet.endsWith('hex') && value.length === 64) return 'hex';
	if (value.alphabet === 'base64 in colons' && (value.length === 46 || value.length === 45)) return 'base64 in colons';
	if ((value.alphabet === 'base64' || value.alphabet === 'base64url') && (value.length === 44 || value.length === 43)) return value.alphabet;
	return undefined;
}

export function describeValue(value: ValueShape): string {
	return `${value.prefix ? `prefix "${value.prefix}="` : 'no prefix'}, ${value.length} chars, ${value.alphabet}`;
}

export function describeTime(time: TimeShape | undefined): string {
	if (!time) return 'absent';
	if (time.kind === 'seconds' || time.kind === 'milliseconds') return `${time.digits} digits (Unix ${time.kind})`;
	if (time.kind === 'other') return time.text;
	return time.kind === 'decimal' ? 'a decimal number' : time.kind === 'empty' ? 'empty' : `an ISO date-time ${time.kind.slice(4)}`;
}
