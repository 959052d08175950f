import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { redactSecrets } from './errors';

/**
 * The one way node code talks to a vendor: base URL from the credential, authentication by n8n
 * (`httpRequestWithAuthentication`), bounded retries where they are safe, and every failure turned
 * into a `NodeApiError` that carries the vendor's own words and never a secret.
 */

export interface VendorErrorText {
	message: string;
	description?: string;
}

export interface VendorApi {
	/** Shown to users: "Hero Health answered …". */
	vendorName: string;
	/** The n8n credential type the requests authenticate with. */
	credentialType: string;
	/** The API root for these credentials (no trailing slash). */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Turns an error answer (status + parsed body) into words a user can act on. */
	describeError(status: number, body: unknown): VendorErrorText;
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, starting with `/`; or a full URL. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: IDataObject;
	/** Set inside an item loop so that the error names the item. */
	itemIndex?: number;
	/** Values that must never appear in an error (e.g. a signing key sent in `body`). */
	secrets?: string[];
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET, HEAD and DELETE.
	 * Only such requests are retried after a 5xx or a network failure; a 429 is retried always,
	 * because the vendor did not act on it.
	 */
	idempotent?: boolean;
	/** Shown with a 401 or 403 answer: which key permission the request needs. */
	permissionHint?: string;
	/** Shown with a 404 answer: what was not found, and what to check. */
	notFoundHint?: string;
	/** How arrays in `qs` are written (default: the HTTP client's `key[]=`); e.g. `repeat` for `key=a&key=b`. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/** At most this many attempts (default `retryPolicy.maxAttempts`); 1 for a request on a deadline. */
	attempts?: number;
	timeoutMs?: number;
}

export interface VendorResponse<T> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/** Retry settings; a module-level object so that tests can shorten the waits. */
export const retryPolicy = {
	maxAttempts: 3,
	baseDelayMs: 500,
	/** A Retry-After longer than this is not waited for: the error says when to try again. */
	maxRetryAfterMs: 20_000,
	timeoutMs: 30_000,
};

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export async function vendorRequest<T = unknown>(
	this: IAllExecuteFunctions,
	api: VendorApi,
	request: VendorRequest,
): Promise<T> {
	return (await vendorRequestFull.call(this, api, request)).body as T;
}

export async function vendorRequestFull<T = unknown>(
	this: IAllExecuteFunctions,
	api: VendorApi,
	request: VendorRequest,
): Promise<VendorResponse<T>> {
	const credentials = await this.getCredentials(api.credentialType, request.itemIndex);
	const baseUrl = api.baseUrl(credentials).replace(/\/+$/, '');
	if (!/^https?:\/\//i.test(request.path) && !/^https?:\/\//i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), `The ${api.vendorName} credential has no valid base URL`, {
			description: 'Open the credential and choose an environment, or enter the Base URL for "Custom".',
			itemIndex: request.itemIndex,
		});
	}
	const url = /^https?:\/\//i.test(request.path) ? request.path : `${baseUrl}${request.path}`;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		...(request.arrayFormat ? { arrayFormat: request.arrayFormat } : {}),
		body: request.body,
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? retryPolicy.timeoutMs,
	};
	const idempotent = request.idempotent ?? ['GET', 'HEAD', 'DELETE'].includes(request.method);

	for (let attempt = 1; ; attempt++) {
		const lastAttempt = attempt >= (request.attempts ?? retryPolicy.maxAttempts);
		let response: VendorResponse<unknown>;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				api.credentialType,
				options,
			)) as VendorResponse<unknown>;
		} catch (error) {
			if (idempotent && !lastAttempt) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw unreachableError.call(this, api, error, request);
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) return response as VendorResponse<T>;

		if (!lastAttempt && (status === 429 || (idempotent && RETRYABLE_STATUS.has(status)))) {
			const retryAfterMs = status === 429 ? parseRetryAfterMs(response.headers['retry-after']) : undefined;
			if (retryAfterMs === undefined || retryAfterMs <= retryPolicy.maxRetryAfterMs) {
				this.logger.debug(`${api.vendorName} answered ${status}; retrying (attempt ${attempt + 1})`);
				await sleep(retryAfterMs ?? backoffMs(attempt));
				continue;
			}
		}
		throw vendorError.call(this, api, response, request);
	}
}

/** An error answer from the vendor as a `NodeApiError` with the vendor's message. */
function vendorError(
	this: IAllExecuteFunctions,
	api: VendorApi,
	response: VendorResponse<unknown>,
	request: VendorRequest,
): NodeApiError {
	const status = response.statusCode;
	const body = redactSecrets(response.body, request.secrets ?? []);
	const text = api.describeError(status, body);
	let description = text.description;
	if ((status === 401 || status === 403) && request.permissionHint) {
		description = [description, request.permissionHint].filter(Boolean).join(' ');
	}
	if (status === 404 && request.notFoundHint) {
		description = [description, request.notFoundHint].filter(Boolean).join(' ');
	}
	if (status === 429) {
		const retryAfterMs = parseRetryAfterMs(response.headers['retry-after']);
		const wait = retryAfterMs === undefined ? '' : ` Try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`;
		description = `${description ?? ''}${description ? ' ' : ''}${api.vendorName} is limiting how many requests it accepts.${wait}`;
	}
	return new NodeApiError(this.getNode(), errorBody(body), {
		message: text.message,
		description,
		httpCode: String(status),
		itemIndex: request.itemIndex,
	});
}

/** A request that never got an answer (refused, timed out, DNS) as a `NodeApiError`. */
function unreachableError(
	this: IAllExecuteFunctions,
	api: VendorApi,
	error: unknown,
	request: VendorRequest,
): NodeApiError {
	const reason = error instanceof Error ? error.message : String(error);
	// A fresh error: the original carries the request options, including the API key headers.
	// n8n may replace the message with its own words for network codes (ECONNREFUSED, …), so
	// the vendor and the reason are in the description too.
	return new NodeApiError(
		this.getNode(),
		{ message: reason },
		{
			message: `${api.vendorName} could not be reached: ${reason}`,
			description: `${api.vendorName} could not be reached (${reason}). Check the environment or base URL in the credential, and that the service is up.`,
			itemIndex: request.itemIndex,
		},
	);
}

function errorBody(body: unknown): JsonObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as JsonObject;
	return { body: typeof body === 'string' ? body : JSON.stringify(body ?? null) };
}

function backoffMs(attempt: number): number {
	return retryPolicy.baseDelayMs * 2 ** (attempt - 1);
}

/** Retry-After as delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfterMs(value: string | string[] | undefined, nowMs = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (!text || text.trim() === '') return undefined;
	if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
	const date = Date.parse(text);
	return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

/** True when an error is the vendor saying "not found" (used to treat deletes of gone things as done). */
export function isNotFoundError(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		String((error as { httpCode?: unknown }).httpCode) === '404'
	);
}
