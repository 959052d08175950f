import type { IAllExecuteFunctions, IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/environment';
import { messageFromBody, redactSecrets, statusText } from '../shared/errors';
import type { VendorApi, VendorErrorText } from '../shared/http';
import { retryPolicy, vendorRequest } from '../shared/http';
import { apiVersionOf, HEALTHIE_ENVIRONMENTS } from './environments';

/**
 * Healthie's one GraphQL endpoint, for the trigger and the action node alike (docs/vendors/healthie.md#endpoints-and-authentication):
 * every call a POST of `{ query, variables }` through the shared `vendorRequest` (auth headers from
 * the credential, HTTP 429 and 5xx handling). On top of HTTP, GraphQL's own failure shapes:
 * top-level `errors` and a mutation's `messages` both become a `NodeApiError` in Healthie's words;
 * `TOO_MANY_REQUESTS`, which Healthie sends as a GraphQL error, is retried with bounded backoff;
 * `extensions.warnings` (version deprecation) go to the log.
 */

export const healthieApi: VendorApi = {
	vendorName: 'Healthie',
	credentialType: 'healthieApi',
	baseUrl: (credentials) => resolveBaseUrl(credentials, HEALTHIE_ENVIRONMENTS),
	describeError: describeHealthieHttpError,
};

export interface GraphqlRequest {
	query: string;
	variables?: IDataObject;
	itemIndex?: number;
	/** At most this many attempts, for HTTP and GraphQL rate limiting alike; 1 on a deadline. */
	attempts?: number;
	timeoutMs?: number;
	/** Values that must never appear in an error. */
	secrets?: string[];
	permissionHint?: string;
}

interface GraphqlError {
	message?: unknown;
	code?: unknown;
	extensions?: { code?: unknown } | null;
}

interface GraphqlResponse {
	data?: unknown;
	errors?: unknown;
	extensions?: { warnings?: unknown } | null;
}

interface FieldError {
	field?: unknown;
	message?: unknown;
}

const RATE_LIMITED = 'TOO_MANY_REQUESTS';

/** Runs one GraphQL document and returns its `data`. */
export async function healthieGraphql(this: IAllExecuteFunctions, request: GraphqlRequest): Promise<IDataObject> {
	const mutation = containsMutation(request.query);
	const attempts = request.attempts ?? retryPolicy.maxAttempts;
	for (let attempt = 1; ; attempt++) {
		const response = (await vendorRequest.call(this, healthieApi, {
			method: 'POST',
			path: '',
			body: { query: request.query, variables: request.variables ?? {} },
			headers: { 'Content-Type': 'application/json' },
			// A query can be sent twice safely; a document with a mutation only when Healthie did not act on it (429).
			idempotent: !mutation,
			itemIndex: request.itemIndex,
			secrets: request.secrets,
			permissionHint: request.permissionHint,
			attempts: request.attempts,
			timeoutMs: request.timeoutMs,
		})) as GraphqlResponse;
		logWarnings.call(this, response);

		const errors = graphqlErrors(response);
		if (errors.length > 0) {
			// A rate-limited request was not executed, so even a mutation may be sent again.
			if (attempt < attempts && errors.some((error) => codeOf(error) === RATE_LIMITED)) {
				this.logger.debug(`Healthie answered ${RATE_LIMITED}; retrying (attempt ${attempt + 1})`);
				await sleep(retryPolicy.baseDelayMs * 2 ** (attempt - 1));
				continue;
			}
			throw apiError.call(this, response, request, {
				message: `Healthie rejected the request: ${errors.map(messageOf).join('; ')}`,
				description: descriptionFor(errors.map(codeOf)),
			});
		}

		const data = response?.data;
		if (!data || typeof data !== 'object' || Array.isArray(data)) {
			throw apiError.call(this, response, request, { message: 'Healthie answered without any data' });
		}
		if (mutation) {
			const rejections = fieldErrors(data as IDataObject);
			if (rejections.length > 0) {
				throw apiError.call(this, response, request, {
					message: `Healthie did not accept the request: ${rejections.join('; ')}`,
					description: 'Correct the fields named above and run the node again.',
				});
			}
		}
		return data as IDataObject;
	}
}

/** The shapes of Healthie's documents that differ between API versions (docs/vendors/healthie.md#api-versions; docs/vendors/healthie.md#webhooks-list-shape). */
export interface ApiShape {
	/** `undefined`: no version header, Healthie's 2024-06-01 baseline. */
	version?: string;
	/** How `createWebhook` and `webhooks` spell event types: enum names from 2025-04-01, dotted before. */
	eventTypes: 'enum' | 'dotted';
	/**
	 * How `webhooks` lists, in the order to try: a Relay connection in 2025-11-30 and later, a plain
	 * list (offset/page_size) in the baseline. Which release switched is not published, so the
	 * releases in between try the likelier form first and fall back to the other.
	 */
	webhookLists: Array<'connection' | 'list'>;
}

export function apiShapeFor(version: string | undefined): ApiShape {
	if (version === undefined) return { version, eventTypes: 'dotted', webhookLists: ['list'] };
	return {
		version,
		eventTypes: version >= '2025-04-01' ? 'enum' : 'dotted',
		webhookLists:
			version >= '2025-11-30'
				? ['connection']
				: version >= '2025-10-15'
					? ['connection', 'list']
					: ['list', 'connection'],
	};
}

export async function healthieApiShape(this: IAllExecuteFunctions, itemIndex?: number): Promise<ApiShape> {
	const credentials = await this.getCredentials(healthieApi.credentialType, itemIndex);
	return apiShapeFor(apiVersionOf(credentials));
}

/**
 * True when any operation of the document is a mutation, wherever it stands (after fragments,
 * after a query): the keyword `mutation` outside strings and comments, outside any selection or
 * argument list. A document it cannot read is taken for one, so it is never sent twice.
 */
export function containsMutation(document: string): boolean {
	const code = document
		.replace(/"""[\s\S]*?"""/g, ' ')
		.replace(/"(?:[^"\\\n]|\\.)*"/g, ' ')
		.replace(/#[^\n\r]*/g, ' ');
	if (code.includes('"')) return true;
	let depth = 0;
	for (const token of code.match(/[{}()]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
		if (token === '{' || token === '(') depth++;
		else if (token === '}' || token === ')') depth--;
		else if (depth <= 0 && token === 'mutation') return true;
	}
	return false;
}

/** HTTP-level failures: Healthie's body may still be GraphQL-shaped (`{ errors: [...] }`). */
export function describeHealthieHttpError(status: number, body: unknown): VendorErrorText {
	const errors = graphqlErrors(body as GraphqlResponse);
	const detail = errors.length > 0 ? errors.map(messageOf).join('; ') : messageFromBody(body);
	const base = statusText('Healthie', status);
	return {
		message: detail ? `${base}: ${detail}` : base,
		description:
			status === 401 || status === 403
				? 'Check the API key in the credential, that it is for the chosen environment (sandbox and production keys differ), and the shard ID if your account has one.'
				: descriptionFor(errors.map(codeOf)),
	};
}

function graphqlErrors(response: GraphqlResponse | undefined): GraphqlError[] {
	const errors = response && typeof response === 'object' ? response.errors : undefined;
	if (!Array.isArray(errors)) return [];
	return errors.filter((error): error is GraphqlError => typeof error === 'object' && error !== null);
}

function codeOf(error: GraphqlError): string | undefined {
	const code = error.extensions?.code ?? error.code;
	return typeof code === 'string' ? code : undefined;
}

function messageOf(error: GraphqlError): string {
	return typeof error.message === 'string' && error.message.trim() ? error.message.trim() : (codeOf(error) ?? 'unknown error');
}

function descriptionFor(codes: Array<string | undefined>): string | undefined {
	if (codes.includes('UNSUPPORTED_API_VERSION')) {
		return 'Healthie does not accept the API version chosen in the credential: choose another release there.';
	}
	if (codes.includes('MISSING_API_VERSION_HEADER')) {
		return 'Healthie now requires an API version: choose one in the credential.';
	}
	if (codes.includes(RATE_LIMITED)) {
		return 'Healthie is limiting how many requests this API key may send. Wait a few minutes and run it again.';
	}
	return undefined;
}

/** Every non-empty `messages` list among the mutation payloads: "email: Email has already been taken". */
function fieldErrors(data: IDataObject): string[] {
	return Object.values(data).flatMap((payload) => {
		const messages = payload && typeof payload === 'object' ? (payload as { messages?: unknown }).messages : undefined;
		if (!Array.isArray(messages)) return [];
		return messages
			.filter((entry): entry is FieldError => typeof entry === 'object' && entry !== null)
			.map((entry) => {
				const message = typeof entry.message === 'string' ? entry.message.trim() : '';
				const field = typeof entry.field === 'string' ? entry.field.trim() : '';
				if (!field || message.toLowerCase().includes(field.toLowerCase().replace(/_/g, ' '))) {
					return message || field || 'invalid';
				}
				return message ? `${field}: ${message}` : field;
			});
	});
}

function apiError(
	this: IAllExecuteFunctions,
	response: GraphqlResponse,
	request: GraphqlRequest,
	text: VendorErrorText,
): NodeApiError {
	const body = withoutSigningSecrets(redactSecrets(response, request.secrets ?? []));
	const errorBody: JsonObject =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as JsonObject) : { body: String(body) };
	return new NodeApiError(this.getNode(), errorBody, {
		message: text.message,
		description: text.description,
		itemIndex: request.itemIndex,
	});
}

/** A webhook's `signature_secret` never reaches an error shown to users, whatever else Healthie sent. */
function withoutSigningSecrets(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutSigningSecrets);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [
			key,
			key === 'signature_secret' && inner ? '[redacted]' : withoutSigningSecrets(inner),
		]),
	);
}

const loggedWarnings = new Set<string>();
const MAX_LOGGED_WARNINGS = 100;

/** Version deprecation notices (`extensions.warnings[]`): logged once per process, never an error. */
function logWarnings(this: IAllExecuteFunctions, response: GraphqlResponse): void {
	const warnings = response && typeof response === 'object' ? response.extensions?.warnings : undefined;
	if (!Array.isArray(warnings)) return;
	for (const warning of warnings) {
		if (!warning || typeof warning !== 'object') continue;
		const { code, message, sunset_date: sunsetDate } = warning as Record<string, unknown>;
		const text = `Healthie API warning ${String(code ?? '')}: ${String(message ?? '')}${sunsetDate ? ` (sunset ${String(sunsetDate)})` : ''}`;
		if (loggedWarnings.has(text)) continue;
		if (loggedWarnings.size >= MAX_LOGGED_WARNINGS) loggedWarnings.clear();
		loggedWarnings.add(text);
		this.logger.warn(text);
	}
}

/** A GraphQL validation error (a field, argument or type this API version does not have), not a refusal. */
export function isShapeError(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || error.httpCode) return false;
	return /doesn't exist|does not exist|isn't defined|is not defined|doesn't accept argument|unknown argument|cannot query field|type mismatch|cannot be used|of type .* used in position/i.test(
		error.message,
	);
}
