/**
 * Building request paths from values a user or a vendor chose. Every such value becomes exactly one
 * path segment, or nothing is sent: `encodeURIComponent` leaves `.` alone, and a URL parser
 * collapses a `.` or `..` segment (also written `%2e`), so an ID of `..` would climb out of the
 * path it was meant for (`/v1/appointments/../cancel` is `/v1/cancel`).
 */

export class InvalidPathSegmentError extends Error {
	constructor(readonly label: string, reason: string) {
		super(`${label} ${reason}`);
		this.name = 'InvalidPathSegmentError';
	}
}

/** What a segment is read as by a URL parser: percent-encoded dots are dots (WHATWG URL). */
function isDotSegment(segment: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(segment);
}

/**
 * `value` as one encoded path segment. Throws `InvalidPathSegmentError` for an empty value, a dot
 * segment (`.`, `..`, `%2e`, `.%2E` …) or control characters; callers turn it into a
 * `NodeOperationError` before any request.
 */
export function pathSegment(value: unknown, label = 'ID'): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw new InvalidPathSegmentError(label, 'is missing');
	const text = String(value).trim();
	if (text === '') throw new InvalidPathSegmentError(label, 'is empty');
	if ([...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) {
		throw new InvalidPathSegmentError(label, 'contains control characters');
	}
	if (isDotSegment(text)) throw new InvalidPathSegmentError(label, `cannot be "${text}"`);
	return encodeURIComponent(text);
}

/** True when any segment of `path` is a dot segment, raw or percent-encoded. */
export function hasDotSegment(path: string): boolean {
	return path.split(/[/\\]/).some(isDotSegment);
}
