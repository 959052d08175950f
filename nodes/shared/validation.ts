import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/**
 * zod (v3 API, the version n8n ships) helpers: schemas for values users type, and one way to turn
 * a failed parse into an error a receptionist can act on, raised before any request is made.
 */

/** A calendar date written `YYYY-MM-DD` that exists (no 30 February). */
export const isoDate = (label = 'Date') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.refine(isRealIsoDate, { message: `${label} must be a real date written YYYY-MM-DD` });

/** A date-time with a time zone (ISO 8601), e.g. `2026-03-01T09:30:00Z`. */
export const isoDateTime = (label = 'Date and time') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.refine(isIsoDateTime, {
			message: `${label} must be a date and time with a time zone, e.g. 2026-03-01T09:30:00Z`,
		});

/**
 * An id that arrives as a string or a number. Read it with `String()`: a zod transform here would
 * cost several times the whole envelope check on the delivery path.
 */
export const stringOrNumberId = () => z.union([z.string(), z.number()]);

export const requiredText = (label: string) =>
	z
		.string({ required_error: `${label} is required`, invalid_type_error: `${label} must be text` })
		.trim()
		.min(1, { message: `${label} is required` });

export const emailAddress = (label = 'Email') =>
	z.string().trim().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: `${label} must be an email address` });

/**
 * An NHS number: 10 digits (spaces allowed, as printed on letters: 943 476 5919) whose last digit
 * is the modulus-11 check digit. Parses to the 10 digits without spaces.
 */
export const nhsNumber = (label = 'NHS number') =>
	z
		.string({ required_error: `${label} is required` })
		.transform((value) => value.replace(/\s+/g, ''))
		.refine((value) => /^\d{10}$/.test(value), { message: `${label} must be 10 digits, e.g. 943 476 5919` })
		.refine(isValidNhsNumber, {
			message: `${label} is not a valid NHS number (its check digit does not match): check it for typing errors`,
		});

/** A phone number as people write it: digits with optional +, spaces, dashes, dots and brackets. */
export const phoneNumber = (label = 'Phone number') =>
	z
		.string()
		.trim()
		.refine((value) => /^\+?[\d\s().-]+$/.test(value) && /^(\D*\d){7,15}\D*$/.test(value), {
			message: `${label} must be a phone number, e.g. 07700 900123 or +44 7700 900123`,
		});

/** A UK postcode, any case, with or without the space (LS1 4AP, ls14ap). */
export const ukPostcode = (label = 'Postcode') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.refine((value) => /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(value), {
			message: `${label} must be a UK postcode, e.g. LS1 4AP`,
		});

/**
 * A whole number, at least `min` if given. Digits written as text (e.g. from an expression) are
 * read as the number they spell.
 */
export const wholeNumber = (label: string, min?: number) => {
	const number = z
		.number({ required_error: `${label} is required`, invalid_type_error: `${label} must be a number` })
		.int(`${label} must be a whole number`);
	return z.preprocess(
		(value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
		min === undefined ? number : number.min(min, `${label} must be at least ${min}`),
	);
};

/** `schema`, or `undefined` for a field left empty (n8n gives '' for an empty text field). */
export const optionalField = <S extends z.ZodTypeAny>(schema: S) =>
	z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

/** The NHS modulus-11 check: weights 10..2 on the first nine digits; 11 → 0; 10 → never valid. */
export function isValidNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
	const check = (11 - (sum % 11)) % 11;
	return check !== 10 && check === Number(digits[9]);
}

export function isRealIsoDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isIsoDateTime(value: string): boolean {
	const match = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
	return match !== null && isRealIsoDate(match[1]) && Number.isFinite(Date.parse(value));
}

/** "Date of birth must be a real date …; Email must be an email address" */
export function describeIssues(error: z.ZodError): string {
	const messages = error.issues.map((issue) => {
		// Messages written by our schemas name the field already; zod's defaults do not.
		const path = issue.path.join('.');
		return issue.message.includes(' ') && !/^(Required|Invalid|Expected)\b/.test(issue.message)
			? issue.message
			: `${path || 'value'}: ${issue.message}`;
	});
	return [...new Set(messages)].join('; ');
}

/**
 * Parses user input with `schema`; on failure throws a `NodeOperationError` naming every problem,
 * with `itemIndex`, so that nothing is sent to the vendor.
 */
export function parseInput<S extends z.ZodTypeAny>(
	node: INode,
	schema: S,
	value: unknown,
	itemIndex?: number,
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	throw new NodeOperationError(node, describeIssues(result.error), {
		itemIndex,
		description: 'Nothing was sent. Correct the field named above and run the node again.',
	});
}
