import type { IDataObject } from 'n8n-workflow';

/** How vendor answers become request bodies and output items, the same way for every vendor. */

/** Whether a field was given: not undefined or null, and not blank text. */
export function present(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The entries that were given (see `present`), so that a vendor never receives `""` for an optional field. */
export function compact(values: Record<string, unknown>): IDataObject {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => present(value))) as IDataObject;
}

/**
 * An answer as one output item: an object as it is; an empty answer (no body, as many vendors send
 * on success) as `fallback` (e.g. `{ id }` of what was acted on); anything else (a number, a string,
 * a list) under `value`, with `fallback`.
 */
export function outputItem(answer: unknown, fallback: IDataObject = {}): IDataObject {
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) return answer as IDataObject;
	if (answer === undefined || answer === null || answer === '') return fallback;
	return { ...fallback, value: answer as IDataObject['value'] };
}

/** A `{ data: … }` envelope's content as an output item (the "Simplify" of envelope vendors). */
export function unwrapData(answer: unknown): IDataObject {
	const data = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as { data?: unknown }).data : undefined;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : { data: (data ?? null) as IDataObject['data'] };
}
