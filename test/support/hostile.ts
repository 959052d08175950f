import fc from 'fast-check';

/**
 * Strings a vendor, an upstream node or a user may hand the nodes, chosen to break code that puts
 * them into URLs, object lookups or messages: JavaScript's own property names, dot segments raw
 * and percent-encoded, separators, absolute and protocol-relative URLs, blanks, confusable
 * unicode, very long text, random noise, and combinations of these (`../../x`,
 * `Appointment/../../evil`). Shared by the property-based invariant suites.
 */

/** Names every plain object inherits: `record[name]` finds something unless the code asks for own keys. */
export const PROTOTYPE_NAMES = [
	'constructor',
	'__proto__',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'toLocaleString',
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__',
] as const;

/** Path segments a URL parser reads as "this directory" or "the parent", raw and percent-encoded. */
export const DOT_SEGMENTS = ['.', '..', '%2e', '%2E', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '..%2f', '%2e%2e%2f', '..%5c', '...'] as const;

export const SEPARATORS = ['%2f', '%2F', '%5c', '\\', '/', '?', '#', '@', ';', ':', '%00', '%23', '%3f'] as const;

export const FOREIGN_URLS = [
	'http://evil.example/x',
	'https://evil.example',
	'//evil.example/x',
	'http://127.0.0.1:1/x',
	'HTTPS://EVIL.EXAMPLE/x',
	'https:evil.example',
	'\\\\evil.example\\x',
	'/\\evil.example/x',
	'javascript:alert(1)',
	'file:///etc/passwd',
] as const;

export const BLANKS = ['', ' ', '   ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u3000'] as const;

export const UNICODE = [
	'\u200f', // right-to-left mark
	'\u202e', // right-to-left override
	'\u200b', // zero-width space
	'／', // fullwidth solidus
	'．．', // fullwidth full stops
	'\u2024\u2024', // one-dot leaders
	'\u0000',
	'nul\u0000byte',
	'😀',
	'🏥/..',
	'İ',
	'\ud800', // lone surrogate
] as const;

const LONG = ['a'.repeat(5000), '../'.repeat(300), `${'%2e%2e/'.repeat(200)}x`, 'é'.repeat(3000)] as const;

const WORDS = ['x', 'evil', 'Appointment', 'Patient', 'v1', 'webhooks', 'api', '123'] as const;

/** Dot segments, `.` and `..` (the ones that reach a URL unencoded) most often. */
function dotSegment(): fc.Arbitrary<string> {
	return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('.', '..') }, { weight: 2, arbitrary: fc.constantFrom<string>(...DOT_SEGMENTS) });
}

/** One piece of a hostile string, each family about as likely as the others. */
export function hostileAtom(): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 5, arbitrary: dotSegment() },
		{ weight: 3, arbitrary: fc.constantFrom<string>(...PROTOTYPE_NAMES) },
		{ weight: 3, arbitrary: fc.constantFrom<string>(...FOREIGN_URLS) },
		{ weight: 2, arbitrary: fc.constantFrom<string>(...SEPARATORS) },
		{ weight: 2, arbitrary: fc.constantFrom<string>(...BLANKS) },
		{ weight: 2, arbitrary: fc.constantFrom<string>(...UNICODE) },
	);
}

/** Hostile pieces and plain words joined, e.g. `../../x`, `Appointment/../../evil`, `x%2f..%2fevil`. */
function combination(): fc.Arbitrary<string> {
	return fc
		.tuple(
			fc.array(fc.oneof({ weight: 3, arbitrary: hostileAtom() }, { weight: 2, arbitrary: fc.constantFrom<string>(...WORDS) }), {
				minLength: 2,
				maxLength: 5,
			}),
			fc.constantFrom('/', '', '%2f', '\\', '/./'),
		)
		.map(([parts, separator]) => parts.join(separator));
}

/**
 * A string an attacker, a vendor or a careless user could supply. Shrinks towards the plain
 * atoms, so a counter-example reads as `".."` or `"constructor"` rather than noise.
 */
export function hostileString(): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 17, arbitrary: hostileAtom() },
		{ weight: 4, arbitrary: combination() },
		{ weight: 1, arbitrary: fc.constantFrom<string>(...LONG) },
		{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
		{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	);
}

/** A hostile string or a hostile-looking number (ids arrive as either). */
export function hostileId(): fc.Arbitrary<string | number> {
	return fc.oneof(
		{ weight: 8, arbitrary: hostileString() },
		{ weight: 1, arbitrary: fc.constantFrom(0, -1, 1e21, Number.MAX_SAFE_INTEGER, 1.5) },
	);
}
