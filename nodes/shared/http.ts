import type { IAllExecuteFunctions, ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { redactSecrets, redactText } from './errors';
import { hasDotSegment } from './paths';

/**
 * The one way node code talks to a vendor: base URL from the credential, authentication by n8n
 * (`httpRequestWithAuthentication`), bounded retries where they are safe, and every failure turned
 * into a `NodeApiError` that carries the vendor's own words and never a secret.
 *
 * A request never leaves for anywhere but the credential's API: the path is appended to the base
 * URL and the result must keep its origin and its path prefix, with no dot segment, or nothing is
 * sent. Every secret of the credential is removed from answers, errors and their descriptions.
 */

/** Credential fields whose values are secrets, unless a vendor names its own. */
export const DEFAULT_SECRET_FIELDS = ['apiKey', 'webhookSigningSecret', 'previousWebhookSigningSecret'] as const;

/** Fields holding secrets that sign deliveries (a subscription's create answer may rightly return one). */
const SIGNING_SECRET_FIELDS = new Set(['webhookSigningSecret', 'previousWebhookSigningSecret']);

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
	/** Credential fields that hold secrets (default `DEFAULT_SECRET_FIELDS`). */
	secretFields?: readonly string[];
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Path below the API root: empty or starting with `/`; values in it built with `pathSegment`. */
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
	/**
	 * The top-level field of the answer that may rightly hold a signing secret also in the
	 * credential (a subscription's create answer returns its secret): that one value is left for the
	 * caller; everywhere else in the answer, and in errors, secrets are removed.
	 */
	signingSecretField?: string;
}

export interface VendorResponse<T> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export interface RetryTiming {
	maxAttempts: number;
	baseDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error says when to try again. */
	maxRetryAfterMs: number;
	timeoutMs: number;
}

const DEFAULT_RETRY_TIMING: RetryTiming = { maxAttempts: 3, baseDelayMs: 500, maxRetryAfterMs: 20_000, timeoutMs: 30_000 };

/** The retry timing every vendor request follows. Read it; change it only with `setRetryTiming`. */
export const retryPolicy: Readonly<RetryTiming> = { ...DEFAULT_RETRY_TIMING };

/**
 * Sets the retry timing for this process (a test setup shortens the waits once, in one place);
 * `setRetryTiming()` restores the defaults. n8n itself never calls it.
 */
export function setRetryTiming(timing: Partial<RetryTiming> = {}): void {
	Object.assign(retryPolicy, DEFAULT_RETRY_TIMING, timing);
}

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
	const url = requestUrl.call(this, api, api.baseUrl(credentials), request);
	const secrets = credentialSecrets(credentials, api.secretFields);
	const errorSecrets = [...secrets.all, ...(request.secrets ?? [])];
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
		// A redirect would carry the API key headers to wherever the vendor's answer points.
		disableFollowRedirect: true,
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
			throw unreachableError.call(this, api, error, request, errorSecrets);
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			return { ...response, body: redactAnswer(response.body, secrets, request.signingSecretField) } as VendorResponse<T>;
		}

		if (!lastAttempt && (status === 429 || (idempotent && RETRYABLE_STATUS.has(status)))) {
			const retryAfterMs = status === 429 ? parseRetryAfterMs(response.headers['retry-after']) : undefined;
			if (retryAfterMs === undefined || retryAfterMs <= retryPolicy.maxRetryAfterMs) {
				this.logger.debug(`${api.vendorName} answered ${status}; retrying (attempt ${attempt + 1})`);
				await sleep(retryAfterMs ?? backoffMs(attempt));
				continue;
			}
		}
		throw vendorError.call(this, api, response, request, errorSecrets, url);
	}
}

/**
 * The full URL for `request`: the credential's base URL plus the path, or a `NodeOperationError`
 * (nothing sent) when the base URL is unusable or the result would leave it.
 */
function requestUrl(this: IAllExecuteFunctions, api: VendorApi, baseUrlSetting: string, request: VendorRequest): string {
	const baseUrl = baseUrlSetting.trim().replace(/\/+$/, '');
	let base: URL;
	try {
		base = new URL(baseUrl);
	} catch {
		base = new URL('invalid:');
	}
	if (!/^https?:$/.test(base.protocol) || !/^https?:\/\//i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), `The ${api.vendorName} credential has no valid base URL`, {
			description: 'Open the credential and choose an environment, or enter the Base URL for "Custom".',
			itemIndex: request.itemIndex,
		});
	}
	const path = request.path;
	const wellFormed = path === '' || (path.startsWith('/') && !path.startsWith('//') && !/[?#\\\s]/.test(path));
	const url = `${baseUrl}${path}`;
	let target: URL | undefined;
	try {
		target = new URL(url);
	} catch {
		target = undefined;
	}
	const basePath = base.pathname.replace(/\/+$/, '');
	const staysInside =
		target !== undefined &&
		target.origin === base.origin &&
		(target.pathname === basePath || target.pathname.startsWith(`${basePath}/`)) &&
		target.username === '' &&
		target.password === '';
	if (!wellFormed || hasDotSegment(path) || !staysInside) {
		throw new NodeOperationError(
			this.getNode(),
			`Refused to send a request outside the ${api.vendorName} API set in the credential`,
			{
				description: `The address was built from a value that is not a plain ID (for example ".." or a URL). Nothing was sent. Check the IDs given to this node.`,
				itemIndex: request.itemIndex,
			},
		);
	}
	return url;
}

/** An answer without the credential's secrets, but for a signing secret in `keptField` (top level). */
function redactAnswer(body: unknown, secrets: { all: string[]; authentication: string[] }, keptField?: string): unknown {
	const redacted = redactSecrets(body, secrets.all);
	if (!keptField || !body || typeof body !== 'object' || Array.isArray(body)) return redacted;
	if (!Object.prototype.hasOwnProperty.call(body, keptField)) return redacted;
	const kept = (body as Record<string, unknown>)[keptField];
	return { ...(redacted as Record<string, unknown>), [keptField]: redactSecrets(kept, secrets.authentication) };
}

/** The credential's secret values: all of them, and those that authenticate requests (not signing secrets). */
export function credentialSecrets(
	credentials: ICredentialDataDecryptedObject,
	fields: readonly string[] = DEFAULT_SECRET_FIELDS,
): { all: string[]; authentication: string[] } {
	const all: string[] = [];
	const authentication: string[] = [];
	for (const field of fields) {
		if (!Object.prototype.hasOwnProperty.call(credentials, field)) continue;
		const value = credentials[field];
		if (typeof value !== 'string' || value.trim() === '') continue;
		const forms = [...new Set([value, value.trim()])];
		all.push(...forms);
		if (!SIGNING_SECRET_FIELDS.has(field)) authentication.push(...forms);
	}
	return { all: [...new Set(all)], authentication: [...new Set(authentication)] };
}

/** An error answer from the vendor as a `NodeApiError` with the vendor's message. */
function vendorError(
	this: IAllExecuteFunctions,
	api: VendorApi,
	response: VendorResponse<unknown>,
	request: VendorRequest,
	secrets: readonly string[],
	url: string,
): NodeApiError {
	const status = response.statusCode;
	const body = redactSecrets(response.body, secrets, { bySecretKeys: true });
	if (status >= 300 && status < 400) {
		return new NodeApiError(this.getNode(), errorBody(body), {
			message: `${api.vendorName} answered with a redirect, which the node does not follow`,
			description: redactText(
				`Following it would send your API key to ${redirectTarget(response.headers.location, url, api, secrets)}. Check the environment or Base URL in the ${api.vendorName} credential.`,
				secrets,
			),
			httpCode: String(status),
			itemIndex: request.itemIndex,
		});
	}
	const text = redactSecrets(api.describeError(status, body), secrets);
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

/**
 * Where a redirect points, as far as it is safe to say: resolved as a client would (`//host/…`
 * included), the host only, and not even that when it spells a secret in any case (the URL parser
 * lower-cases host names, which case-sensitive redaction would then miss).
 */
function redirectTarget(location: unknown, requestUrl: string, api: VendorApi, secrets: readonly string[]): string {
	if (typeof location !== 'string') return 'an address it did not give';
	let target: URL;
	try {
		target = new URL(location, requestUrl);
	} catch {
		return 'an address it did not give';
	}
	if (target.origin === new URL(requestUrl).origin) return `another path at ${api.vendorName}`;
	const host = target.host.toLowerCase();
	if (secrets.some((secret) => secret.length >= 4 && host.includes(secret.toLowerCase()))) return 'another site';
	return `another site (${target.protocol}//${target.host})`;
}

/** A request that never got an answer (refused, timed out, DNS) as a `NodeApiError`. */
function unreachableError(
	this: IAllExecuteFunctions,
	api: VendorApi,
	error: unknown,
	request: VendorRequest,
	secrets: readonly string[],
): NodeApiError {
	const reason = redactText(error instanceof Error ? error.message : String(error), secrets);
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
