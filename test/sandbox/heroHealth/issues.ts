import type { SandboxRequest, SandboxResponse } from '../http';
import { INVALID_JSON, json } from '../http';

/**
 * Hero's answers for bad requests (docs/vendors/hero-health.md#errors-paging-and-formats): 400 with
 * `{ error: true, statusCode: 400, message: [{ code, expected, path }] }`, and the sandbox's own
 * checks of request fields. Written independently of the node's validation.
 */

export interface HeroIssue {
	code: string;
	expected: string;
	path: Array<string | number>;
}

export type Body = Record<string, unknown>;

export function badRequest(issues: HeroIssue[]): SandboxResponse {
	return json(400, { error: true, statusCode: 400, message: issues });
}

export function notFound(what = 'Not found'): SandboxResponse {
	return json(404, { error: true, statusCode: 404, message: what });
}

/** The JSON object body, or `undefined` when there is none or it is not an object. */
export function objectBody(request: SandboxRequest): Body | undefined {
	const body = request.body === INVALID_JSON ? undefined : request.body;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : undefined;
}

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isIsoDateTime(value: unknown): value is string {
	return (
		typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
		isIsoDate(value.slice(0, 10)) &&
		!Number.isNaN(Date.parse(value))
	);
}

/** NHS numbers: 10 digits (spaces tolerated, as in Hero's examples), modulus-11 check digit. */
export function isNhsNumber(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	const digits = value.replace(/ /g, '');
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	const remainder = 11 - (sum % 11);
	const check = remainder === 11 ? 0 : remainder;
	return check !== 10 && check === Number(digits[9]);
}

/** Collects issues for one body, the way Hero's validator reports them. */
export class Checker {
	readonly issues: HeroIssue[] = [];

	constructor(private readonly body: Body) {}

	private add(field: string, code: string, expected: string): void {
		this.issues.push({ code, expected, path: [field] });
	}

	/** A required (or, with `optional`, a present) string, optionally matching `test`. */
	string(field: string, options: { optional?: boolean; nonEmpty?: boolean; test?: (value: string) => boolean; expected?: string } = {}): void {
		const value = this.body[field];
		if (value === undefined && options.optional) return;
		if (typeof value !== 'string') return this.add(field, 'invalid_type', 'string');
		if (options.nonEmpty && value.trim() === '') return this.add(field, 'too_small', 'non-empty string');
		if (options.test && !options.test(value)) this.add(field, 'invalid_string', options.expected ?? 'string');
	}

	number(field: string, options: { optional?: boolean; min?: number; integer?: boolean } = {}): void {
		const value = this.body[field];
		if (value === undefined && options.optional) return;
		if (typeof value !== 'number' || !Number.isFinite(value)) return this.add(field, 'invalid_type', 'number');
		if (options.integer && !Number.isInteger(value)) return this.add(field, 'invalid_type', 'integer');
		if (options.min !== undefined && value < options.min) this.add(field, 'too_small', `number >= ${options.min}`);
	}

	boolean(field: string): void {
		const value = this.body[field];
		if (value !== undefined && typeof value !== 'boolean') this.add(field, 'invalid_type', 'boolean');
	}

	oneOf(field: string, values: readonly string[], options: { optional?: boolean } = {}): void {
		const value = this.body[field];
		if (value === undefined && options.optional) return;
		if (typeof value !== 'string' || !values.includes(value)) {
			this.add(field, typeof value === 'string' ? 'invalid_enum_value' : 'invalid_type', values.map((v) => `'${v}'`).join(' | '));
		}
	}

	date(field: string, options: { optional?: boolean } = {}): void {
		this.string(field, { ...options, test: isIsoDate, expected: 'ISO date' });
	}

	dateTime(field: string, options: { optional?: boolean } = {}): void {
		this.string(field, { ...options, test: isIsoDateTime, expected: 'ISO date-time' });
	}

	/** Adds an issue for a rule that is not about one field's type. */
	rule(path: Array<string | number>, code: string, expected: string): void {
		this.issues.push({ code, expected, path });
	}

	/** The 400 answer when there are issues. */
	answer(): SandboxResponse | undefined {
		return this.issues.length > 0 ? badRequest(this.issues) : undefined;
	}
}

/** Runs `handle` with the JSON object body; a missing or non-object body is an issue on the whole request. */
export function withBody(request: SandboxRequest, handle: (body: Body) => SandboxResponse): SandboxResponse {
	const body = objectBody(request);
	return body ? handle(body) : badRequest([{ code: 'invalid_type', expected: 'object', path: [] }]);
}
