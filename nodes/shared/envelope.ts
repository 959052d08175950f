import type { z } from 'zod';

/**
 * A delivery envelope checked twice over: a hand-written test on the success path (it runs on every
 * delivery, and zod costs more than the rest of the check together), and the zod schema only to
 * word the 400 when that test fails. A property test holds the two to the same answer.
 */
export interface Envelope<P> {
	is(value: unknown): value is P;
	schema: z.ZodType<P, z.ZodTypeDef, unknown>;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isText(value: unknown): value is string {
	return typeof value === 'string';
}

/** Text with something in it besides white space. */
export function isFilledText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** An ID sent as text or as a number. */
export function isTextOrNumber(value: unknown): value is string | number {
	return typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
}
