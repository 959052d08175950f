import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeType,
} from 'n8n-workflow';

import { redactText } from '../../nodes/shared/errors';
import type { VendorApi } from '../../nodes/shared/http';
import { TriggerHarness } from '../../test/support/n8nCore';

/**
 * The check talks to the vendor exactly as the nodes do: n8n-core's own contexts (the ones n8n
 * gives a trigger), the credential type's own `authenticate`, the nodes' own transport, adapters and
 * paths. Besides, `raw()` sends one request with the same authentication and hands back whatever
 * came (status, headers, body, no redirect followed), for the answers the nodes would turn into an
 * error. Every request is recorded for the report (method, path below the API root, query names,
 * status: never a header, a query value or a body).
 */

export interface RecordedCall {
	method: string;
	path: string;
	status: number | 'no answer';
	/** For a 429: whether it came with Retry-After. */
	retryAfter?: boolean;
	/** What the call was for, when the check made it itself. */
	purpose?: string;
}

export interface RawRequest {
	method: IHttpRequestMethods;
	/** Below the API root: empty or starting with `/`. */
	path: string;
	qs?: IDataObject;
	/** How arrays in `qs` are written, as the nodes write them (e.g. `repeat`: `key=a&key=b`). */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	body?: unknown;
	headers?: IDataObject;
	/** Send without the credential's authentication (for a probe with other headers). */
	unauthenticated?: boolean;
	purpose?: string;
}

export interface RawAnswer {
	/** 0 when no answer came (refused connection, time-out, DNS). */
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** Why no answer came, secrets removed. */
	error?: string;
}

export interface VendorBinding {
	name: string;
	credentialType: ICredentialType;
	trigger: INodeType;
	api: VendorApi;
}

export type CheckContext = IHookFunctions;

/** Shared by the sessions of one run (e.g. the real key and a made-up one): calls, secrets, placeholders. */
export class RunRecord {
	readonly calls: RecordedCall[] = [];
	/** What the check created at the vendor and could not remove again. */
	cleanup?: { created: number; left: number; unconfirmed?: number };
	/** How many deliveries the receiver captured. */
	deliveries = 0;
	private readonly secrets = new Set<string>();
	private readonly placeholders = new Map<string, string>();
	private readonly counts = new Map<string, number>();

	/** A value that must never reach the screen or the report. */
	addSecret(value: unknown): void {
		if (typeof value === 'string' && value.trim().length >= 4) {
			this.secrets.add(value);
			this.secrets.add(value.trim());
		}
	}

	secretValues(): string[] {
		return [...this.secrets];
	}

	/** A stand-in (`<webhook-1>`) for a value the vendor invented or the admin supplied, the same each time. */
	placeholder(kind: string, value: unknown): string {
		const text = String(value);
		const known = this.placeholders.get(text);
		if (known) return known;
		const next = (this.counts.get(kind) ?? 0) + 1;
		this.counts.set(kind, next);
		const stand = `<${kind}-${next}>`;
		this.placeholders.set(text, stand);
		return stand;
	}

	/** A whole value (an address) that is always shown by one name. */
	alias(value: string, stand: string): void {
		this.placeholders.set(value, stand);
	}

	/** `text` without any secret and with every long placeholder value replaced. */
	scrub(text: string): string {
		let out = redactText(text, this.secretValues()).replace(/\[redacted\]/g, '[secret]');
		for (const [value, stand] of [...this.placeholders].sort((a, b) => b[0].length - a[0].length)) {
			if (value.length >= 6) out = out.split(value).join(stand);
		}
		return out;
	}

	/** A path with every segment that is a placeholder's value replaced by its placeholder. */
	pathLabel(path: string): string {
		return path
			.split('/')
			.map((segment) => {
				let decoded = segment;
				try {
					decoded = decodeURIComponent(segment);
				} catch {
					decoded = segment;
				}
				return this.placeholders.get(decoded) ?? (this.secrets.has(decoded) ? '[secret]' : segment);
			})
			.join('/');
	}
}

export class CheckSession {
	readonly context: CheckContext;
	readonly baseUrl: string;
	readonly credentials: ICredentialDataDecryptedObject;

	constructor(
		readonly binding: VendorBinding,
		credentials: ICredentialDataDecryptedObject,
		readonly record: RunRecord,
	) {
		this.credentials = { ...credentials };
		for (const field of ['apiKey', 'practiceGroupId', 'webhookSigningSecret', 'previousWebhookSigningSecret', 'authorizationShard']) {
			record.addSecret(credentials[field]);
		}
		this.baseUrl = binding.api.baseUrl(this.credentials);
		const harness = new TriggerHarness({
			trigger: binding.trigger,
			credentialTypes: [binding.credentialType],
			credentials: { [binding.credentialType.name]: this.credentials },
			parameters: { events: [] },
			n8nBaseUrl: 'https://vendor-check.invalid',
			workflowId: 'vendor-check',
			nodeName: `${binding.name} vendor check`,
		});
		this.context = harness.hookContext('production') as unknown as CheckContext;
		this.recordRequests();
	}

	/** Another session for the same vendor and run with some credential fields changed (a made-up key, another API version). */
	with(changes: ICredentialDataDecryptedObject): CheckSession {
		return new CheckSession(this.binding, { ...this.credentials, ...changes }, this.record);
	}

	/** One request with the credential's authentication; whatever comes back is returned, nothing is thrown. */
	async raw(request: RawRequest): Promise<RawAnswer> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			...(request.arrayFormat ? { arrayFormat: request.arrayFormat } : {}),
			...(request.body === undefined ? {} : { body: request.body as IDataObject }),
			headers: { Accept: 'application/json', ...request.headers },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 30_000,
		};
		const purpose = request.purpose;
		try {
			const helpers = this.context.helpers;
			const response = (request.unauthenticated
				? await helpers.httpRequest({ ...options, purpose } as IHttpRequestOptions)
				: await helpers.httpRequestWithAuthentication.call(this.context, this.binding.credentialType.name, {
						...options,
						purpose,
					} as IHttpRequestOptions)) as { statusCode: number; headers: RawAnswer['headers']; body: unknown };
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			return { status: 0, headers: {}, body: undefined, error: this.record.scrub(error instanceof Error ? error.message : String(error)) };
		}
	}

	/** Wraps n8n-core's HTTP helpers so that every request, the nodes' own included, is recorded. */
	private recordRequests(): void {
		const helpers = this.context.helpers as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
		for (const name of ['httpRequestWithAuthentication', 'httpRequest'] as const) {
			const original = helpers[name];
			if (typeof original !== 'function') continue;
			const optionsAt = name === 'httpRequest' ? 0 : 1;
			helpers[name] = async (...args: unknown[]) => {
				const options = (args[optionsAt] ?? {}) as IHttpRequestOptions & { purpose?: string };
				const { purpose, ...sent } = options;
				const passed = [...args];
				passed[optionsAt] = sent;
				const call: RecordedCall = { method: String(sent.method ?? 'GET'), path: this.pathOf(sent), status: 'no answer', ...(purpose ? { purpose } : {}) };
				this.record.calls.push(call);
				const answer = (await original.apply(this.context, passed)) as { statusCode?: unknown; headers?: Record<string, unknown> } | undefined;
				if (answer && typeof answer === 'object' && typeof answer.statusCode === 'number') call.status = answer.statusCode;
				else call.status = 200;
				if (call.status === 429) call.retryAfter = answer?.headers?.['retry-after'] !== undefined;
				return answer;
			};
		}
	}

	/** The path below the API root with the names (never the values) of its query parameters. */
	private pathOf(options: IHttpRequestOptions): string {
		let path = String(options.url ?? '');
		if (path.startsWith(this.baseUrl)) path = path.slice(this.baseUrl.length);
		else {
			try {
				path = new URL(path).pathname;
			} catch {
				path = '?';
			}
		}
		const names = Object.keys((options.qs as IDataObject | undefined) ?? {});
		return `${path || '/'}${names.length > 0 ? `?${names.map((name) => `${name}=…`).join('&')}` : ''}`;
	}
}
