import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { VendorApi } from '../../../nodes/shared/http';
import { isNotFoundError, parseRetryAfterMs, retryPolicy, vendorRequest } from '../../../nodes/shared/http';
import { testNode } from '../../support/mockContexts';

interface Answer {
	statusCode: number;
	body?: unknown;
	headers?: Record<string, string>;
}

const api: VendorApi = {
	vendorName: 'Acme',
	credentialType: 'acmeApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	describeError: (status, body) => ({
		message: `Acme said ${status}: ${(body as { message?: string })?.message ?? 'nothing'}`,
		description: 'Acme description.',
	}),
};

/** A context whose HTTP helper answers from a script (an answer, or an Error to throw). */
function context(script: Array<Answer | Error>, credentials: Record<string, unknown> = { baseUrl: 'https://acme.test/api/' }) {
	const sent: IHttpRequestOptions[] = [];
	const debug: string[] = [];
	const ctx = {
		getNode: () => testNode,
		getCredentials: async () => credentials,
		logger: { debug: (message: string) => debug.push(message) },
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				const next = script.shift();
				if (!next) throw new Error('script exhausted');
				if (next instanceof Error) throw next;
				return { headers: {}, ...next };
			},
		},
	} as unknown as IAllExecuteFunctions;
	return { ctx, sent, debug };
}

beforeAll(() => {
});

describe('vendorRequest', () => {
	it('joins the base URL and path, asks n8n for the full response and returns the body', async () => {
		const { ctx, sent } = context([{ statusCode: 200, body: { ok: 1 } }]);
		const body = await vendorRequest.call(ctx, api, { method: 'GET', path: '/v1/things', qs: { a: 1 } });
		expect(body).toEqual({ ok: 1 });
		expect(sent[0]).toMatchObject({
			method: 'GET',
			url: 'https://acme.test/api/v1/things',
			qs: { a: 1 },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	});

	it('turns an error answer into a NodeApiError with the vendor’s words, status and item', async () => {
		const { ctx } = context([{ statusCode: 400, body: { message: 'dob is wrong' } }]);
		const error = await vendorRequest
			.call(ctx, api, { method: 'POST', path: '/x', body: {}, itemIndex: 3 })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error).toMatchObject({
			message: 'Acme said 400: dob is wrong',
			description: 'Acme description.',
			httpCode: '400',
		});
		expect((error as NodeApiError).context.itemIndex).toBe(3);
	});

	it('adds the permission hint to 401 and 403 answers', async () => {
		const { ctx } = context([{ statusCode: 403, body: {} }]);
		await expect(
			vendorRequest.call(ctx, api, { method: 'GET', path: '/x', permissionHint: 'Needs the Booking scope.' }),
		).rejects.toMatchObject({ description: 'Acme description. Needs the Booking scope.' });
	});

	it('retries a 429 after Retry-After, also for a POST, and then succeeds', async () => {
		const { ctx, sent } = context([
			{ statusCode: 429, headers: { 'retry-after': '0' } },
			{ statusCode: 201, body: { id: 1 } },
		]);
		await expect(vendorRequest.call(ctx, api, { method: 'POST', path: '/x', body: {} })).resolves.toEqual({ id: 1 });
		expect(sent).toHaveLength(2);
	});

	it('gives up on a 429 whose Retry-After is too long, saying when to try again', async () => {
		const { ctx, sent } = context([{ statusCode: 429, headers: { 'retry-after': '3600' }, body: {} }]);
		await expect(vendorRequest.call(ctx, api, { method: 'GET', path: '/x' })).rejects.toMatchObject({
			httpCode: '429',
			description: expect.stringContaining('Try again in 3600 seconds'),
		});
		expect(sent).toHaveLength(1);
	});

	it('retries a 5xx for an idempotent request, at most the bounded number of times', async () => {
		const { ctx, sent } = context([{ statusCode: 503 }, { statusCode: 503 }, { statusCode: 503 }, { statusCode: 200 }]);
		await expect(vendorRequest.call(ctx, api, { method: 'GET', path: '/x' })).rejects.toMatchObject({ httpCode: '503' });
		expect(sent).toHaveLength(retryPolicy.maxAttempts);
	});

	it('never retries a 5xx for a creating POST (it may have happened)', async () => {
		const { ctx, sent } = context([{ statusCode: 500 }, { statusCode: 200 }]);
		await expect(vendorRequest.call(ctx, api, { method: 'POST', path: '/x', body: {} })).rejects.toMatchObject({
			httpCode: '500',
		});
		expect(sent).toHaveLength(1);
	});

	it('respects a single attempt for requests on a deadline', async () => {
		const { ctx, sent } = context([{ statusCode: 503 }, { statusCode: 200 }]);
		await expect(vendorRequest.call(ctx, api, { method: 'GET', path: '/x', attempts: 1 })).rejects.toThrow();
		expect(sent).toHaveLength(1);
	});

	it('reports an unreachable vendor with a fresh error that carries no request options', async () => {
		const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			config: { headers: { 'x-api-key': 'super-secret-key' } },
		});
		const { ctx } = context([network, network, network]);
		const error = (await vendorRequest.call(ctx, api, { method: 'GET', path: '/x' }).catch((e: unknown) => e)) as NodeApiError;
		expect(`${error.message} ${error.description}`).toContain('Acme could not be reached (connect ECONNREFUSED 127.0.0.1:9)');
		expect(JSON.stringify({ ...error, cause: error.cause, context: error.context })).not.toContain('super-secret-key');
	});

	it('keeps a secret the vendor echoes out of the error', async () => {
		const { ctx } = context([{ statusCode: 400, body: { message: 'bad signing_key whsec_abcdef123' } }]);
		const error = (await vendorRequest
			.call(ctx, api, { method: 'POST', path: '/x', body: {}, secrets: ['whsec_abcdef123'] })
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('Acme said 400: bad signing_key [redacted]');
		expect(JSON.stringify(error)).not.toContain('whsec_abcdef123');
	});

	it('refuses to send anything when the credential has no usable base URL', async () => {
		const { ctx, sent } = context([], { baseUrl: '' });
		await expect(vendorRequest.call(ctx, api, { method: 'GET', path: '/x' })).rejects.toThrow(
			'The Acme credential has no valid base URL',
		);
		expect(sent).toHaveLength(0);
	});
});

describe('vendorRequest keeps every request inside the credential’s API', () => {
	it.each([
		['a dot-dot segment', '/v1/things/../../admin'],
		['a single dot segment', '/v1/./things'],
		['percent-encoded dots', '/v1/things/%2e%2E/admin'],
		['a mixed encoded dot segment', '/v1/things/.%2e/admin'],
		['a full URL', 'https://evil.example/steal'],
		['a protocol-relative URL', '//evil.example/steal'],
		['a path without its leading slash', '@evil.example/steal'],
		['a backslash', '/v1\\..\\admin'],
		['a query smuggled into the path', '/v1/things?x=1'],
		['whitespace', '/v1/th ings'],
	])('refuses %s before sending anything', async (_name, path) => {
		const { ctx, sent } = context([{ statusCode: 200, body: {} }]);
		const error = await vendorRequest.call(ctx, api, { method: 'GET', path, itemIndex: 2 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Refused to send a request outside the Acme API set in the credential');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
		expect(sent).toHaveLength(0);
	});

	it('accepts an empty path (the base URL itself, as for GraphQL) and ordinary paths below it', async () => {
		const { ctx, sent } = context([{ statusCode: 200, body: {} }, { statusCode: 200, body: {} }]);
		await vendorRequest.call(ctx, api, { method: 'POST', path: '' });
		await vendorRequest.call(ctx, api, { method: 'GET', path: '/v1/things/abc%2F..%3F' });
		expect(sent.map((options) => options.url)).toEqual(['https://acme.test/api', 'https://acme.test/api/v1/things/abc%2F..%3F']);
	});

	it('refuses a base URL that is not http(s)', async () => {
		const { ctx, sent } = context([], { baseUrl: 'file:///etc/passwd' });
		await expect(vendorRequest.call(ctx, api, { method: 'GET', path: '/x' })).rejects.toThrow('has no valid base URL');
		expect(sent).toHaveLength(0);
	});
});

describe('vendorRequest keeps the credential’s secrets out of everything it returns', () => {
	const KEY = 'sk_live_0123456789abcdefghijklmnop';
	const SIGNING = 'whsec_signing-secret-0123456789';
	const credentials = { baseUrl: 'https://acme.test/api', apiKey: KEY, webhookSigningSecret: SIGNING };

	it('redacts a key the vendor echoes in an error, in message, description and body', async () => {
		const echoingApi: VendorApi = { ...api, describeError: (_status, body) => ({ message: JSON.stringify(body), description: `key ${KEY}?` }) };
		const { ctx } = context([{ statusCode: 401, body: { message: `bad key ${KEY}`, [KEY]: SIGNING, nested: [{ detail: SIGNING }] } }], credentials);
		const error = (await vendorRequest.call(ctx, echoingApi, { method: 'GET', path: '/x' }).catch((e: unknown) => e)) as NodeApiError;
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, response: (error as unknown as { errorResponse?: unknown }).errorResponse });
		expect(everything).toContain('[redacted]');
		expect(everything).not.toContain(KEY);
		expect(everything).not.toContain(SIGNING);
	});

	it('redacts values under keys that name a secret in an error body', async () => {
		const { ctx } = context([{ statusCode: 409, body: { message: 'exists', signing_secret: 'whsec_issued-by-the-vendor-1234' } }], credentials);
		const error = (await vendorRequest.call(ctx, api, { method: 'POST', path: '/x' }).catch((e: unknown) => e)) as NodeApiError;
		expect(JSON.stringify(error.cause ?? error)).not.toContain('whsec_issued-by-the-vendor-1234');
	});

	it('redacts the key from an unreachable vendor’s error message', async () => {
		const { ctx } = context([new Error(`request to https://acme.test/api?key=${KEY} failed`)], credentials);
		const error = (await vendorRequest.call(ctx, api, { method: 'POST', path: '/x' }).catch((e: unknown) => e)) as NodeApiError;
		expect(`${error.message} ${error.description}`).not.toContain(KEY);
		expect(error.message).toContain('[redacted]');
	});

	it('redacts the credential’s secrets from a successful answer, except the one field where the caller expects a signing secret back', async () => {
		const { ctx } = context(
			[
				{ statusCode: 200, body: { note: `your key is ${KEY}`, secret: SIGNING } },
				{ statusCode: 201, body: { note: `your key is ${KEY} and ${SIGNING}`, signing_secret: SIGNING } },
			],
			credentials,
		);
		expect(await vendorRequest.call(ctx, api, { method: 'GET', path: '/x' })).toEqual({
			note: 'your key is [redacted]',
			secret: '[redacted]',
		});
		expect(await vendorRequest.call(ctx, api, { method: 'POST', path: '/subscriptions', signingSecretField: 'signing_secret' })).toEqual({
			note: 'your key is [redacted] and [redacted]',
			signing_secret: SIGNING,
		});
	});
});

describe('parseRetryAfterMs', () => {
	it('reads delay-seconds and HTTP dates', () => {
		expect(parseRetryAfterMs('7')).toBe(7000);
		expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
		expect(parseRetryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:29:00 GMT'))).toBe(0);
	});

	it('is undefined for absent or unreadable values', () => {
		expect(parseRetryAfterMs(undefined)).toBeUndefined();
		expect(parseRetryAfterMs('soon')).toBeUndefined();
		expect(parseRetryAfterMs('')).toBeUndefined();
	});
});

describe('isNotFoundError', () => {
	it('recognises a 404 NodeApiError and nothing else', () => {
		expect(isNotFoundError(new NodeApiError(testNode, {}, { httpCode: '404' }))).toBe(true);
		expect(isNotFoundError(new NodeApiError(testNode, {}, { httpCode: '500' }))).toBe(false);
		expect(isNotFoundError(new Error('404'))).toBe(false);
		expect(isNotFoundError(undefined)).toBe(false);
	});
});
