import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * An in-process stand-in for a vendor API, installed in place of n8n's
 * `helpers.httpRequestWithAuthentication`: it records every request the node makes (its full URL
 * as the HTTP client would send it) and answers with whatever the test's responder says, or fails
 * like a network error. Nothing leaves the process, so any URL, however hostile, is safe to "send".
 */

export interface RecordedRequest {
	credentialType: string;
	method: string;
	/** The URL the HTTP client would request, before query parameters are added. */
	url: string;
	/** `url` with the query string, for messages. */
	fullUrl: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
}

export type FakeAnswer =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { networkError: string };

export type Responder = (request: RecordedRequest, index: number) => FakeAnswer;

/** What n8n's HTTP client (axios) requests for `url` and `baseURL`: an absolute or protocol-relative `url` wins. */
export function effectiveUrl(options: Pick<IHttpRequestOptions, 'url' | 'baseURL'>): string {
	const url = String(options.url ?? '');
	if (!options.baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url)) return url;
	return `${String(options.baseURL).replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

export class FakeVendor {
	readonly requests: RecordedRequest[] = [];

	constructor(public responder: Responder) {}

	/** For `context.helpers.httpRequestWithAuthentication` (or `ActionRun.httpRequestWithAuthentication`). */
	readonly helper = async (credentialType: string, options: IHttpRequestOptions): Promise<any> => {
		const url = effectiveUrl(options);
		const qs = options.qs as IDataObject | undefined;
		const query = qs && Object.keys(qs).length > 0 ? `?${new URLSearchParams(flatQuery(qs)).toString()}` : '';
		const request: RecordedRequest = {
			credentialType,
			method: String(options.method ?? 'GET').toUpperCase(),
			url,
			fullUrl: `${url}${query}`,
			qs,
			body: options.body,
			headers: options.headers as IDataObject | undefined,
		};
		this.requests.push(request);
		const answer = this.responder(request, this.requests.length - 1);
		if ('networkError' in answer) {
			// As an HTTP client's error would: the message, and the request it was about (API key headers included).
			const error = new Error(answer.networkError) as Error & { code?: string; config?: unknown };
			error.code = 'ECONNREFUSED';
			error.config = { url, headers: options.headers };
			throw error;
		}
		const headers = { 'content-type': 'application/json', ...answer.headers };
		if (options.returnFullResponse) return { statusCode: answer.status, statusMessage: '', headers, body: answer.body };
		if (answer.status >= 400 && !options.ignoreHttpStatusErrors) {
			const error = new Error(`Request failed with status code ${answer.status}`) as Error & Record<string, unknown>;
			error.httpCode = String(answer.status);
			error.response = { status: answer.status, data: answer.body, headers };
			throw error;
		}
		return answer.body;
	};
}

function flatQuery(qs: IDataObject): Array<[string, string]> {
	return Object.entries(qs).flatMap(([key, value]) =>
		Array.isArray(value)
			? value.map((entry): [string, string] => [key, String(entry)])
			: [[key, typeof value === 'object' ? JSON.stringify(value) : String(value)] as [string, string]],
	);
}

/**
 * Why `url` is not a request to the API at `baseUrl` (undefined when it is): it must have exactly
 * the base URL's origin, a path at or below the base URL's path, and no `.`/`..` segment (raw or
 * percent-encoded, which URL parsers resolve), nor characters that parsers drop or turn into `/`.
 */
export function urlViolation(url: string, baseUrl: string): string | undefined {
	const base = new URL(baseUrl);
	const basePath = base.pathname.replace(/\/+$/, '');
	const root = `${base.origin}${basePath}`;
	if (/[\t\n\r\\]/.test(url)) return 'contains a tab, line break or backslash, which URL parsers drop or read as "/"';
	if (url !== root && !['/', '?', '#'].some((next) => url.startsWith(`${root}${next}`))) {
		return `does not start with the API root ${root}`;
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.origin !== base.origin) return `goes to ${parsed.origin}, not ${base.origin}`;
	if (parsed.username || parsed.password) return 'carries user info';
	if (basePath && parsed.pathname !== basePath && !parsed.pathname.startsWith(`${basePath}/`)) {
		return `resolves to ${parsed.pathname}, outside ${basePath}/`;
	}
	const rawPath = url.slice(base.origin.length).split(/[?#]/)[0];
	const dotSegment = rawPath.split('/').find((segment) => /^(\.|%2e){1,2}$/i.test(segment));
	if (dotSegment !== undefined) return `has the dot segment "${dotSegment}"`;
	return undefined;
}

/** Every recorded request that breaks `urlViolation`, as readable lines (empty when all are fine). */
export function offTargetRequests(requests: readonly RecordedRequest[], baseUrl: string): string[] {
	return requests.flatMap((request) => {
		const why = urlViolation(request.url, baseUrl);
		return why ? [`${request.method} ${JSON.stringify(request.fullUrl.slice(0, 300))} ${why}`] : [];
	});
}
