import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { fetch } from 'undici';

/**
 * n8n's internal REST API (what the editor calls, with the owner's login cookie; answers wrapped in
 * `{ data }`) and its public API (`/api/v1`, with an API key made at login). Every failure carries
 * the tail of n8n's log.
 */

/** Generous bounds for a shared, noisy 2-core machine; nothing is asserted on time. */
export const TIMEOUTS = {
	startup: 5 * 60_000,
	stop: 60_000,
	publication: 3 * 60_000,
	execution: 2 * 60_000,
	request: 60_000,
};

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	executeOnce?: boolean;
}

export interface WorkflowDefinition {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Workflow extends WorkflowDefinition {
	id: string;
	active: boolean;
	versionId?: string;
	activeVersionId?: string | null;
	staticData?: Record<string, unknown> | null;
}

/** `GET /rest/workflows/{id}/publication-status` (WorkflowPublicationStatusService in n8n 2.41). */
export interface PublicationStatus {
	status: 'not_published' | 'in_progress' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers?: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished?: boolean;
	data?: {
		resultData?: {
			error?: { message?: string };
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;
		};
	};
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export class N8nApi {
	private cookie = '';
	private apiKey = '';

	constructor(
		readonly baseUrl: string,
		private readonly owner: Owner,
		private readonly logTail: (lines?: number) => string,
	) {}

	/** Logs in as the owner (cookie for `/rest`) and, the first time, makes an API key for `/api/v1`. */
	async connect(): Promise<void> {
		const response = await this.raw('POST', '/rest/login', {
			body: { emailOrLdapLoginId: this.owner.email, password: this.owner.password },
		});
		if (response.status !== 200) throw this.failure('POST', '/rest/login', response);
		const cookie = response.headers.get('set-cookie') ?? '';
		this.cookie = cookie.split(';')[0];
		if (!this.cookie) throw new Error('n8n answered the login without a session cookie');
		if (this.apiKey) return;
		const scopes = await this.rest<string[]>('GET', '/rest/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/rest/api-keys', {
			label: `e2e-${randomUUID().slice(0, 8)}`,
			scopes,
			expiresAt: null,
		});
		this.apiKey = key.rawApiKey;
	}

	/** The session cookie (`n8n-auth=…`), e.g. for a browser. */
	get sessionCookie(): string {
		return this.cookie;
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<CredentialRef> {
		const created = await this.public<{ id: string }>('POST', '/api/v1/credentials', { name, type, data });
		return { id: created.id, name, type };
	}

	async createWorkflow(definition: WorkflowDefinition): Promise<Workflow> {
		return await this.public<Workflow>('POST', '/api/v1/workflows', withSettings(definition));
	}

	/** Saves a new version; n8n republishes a published workflow by itself. */
	async updateWorkflow(id: string, definition: WorkflowDefinition): Promise<Workflow> {
		return await this.public<Workflow>('PUT', `/api/v1/workflows/${id}`, withSettings(definition));
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return await this.public<Workflow>('GET', `/api/v1/workflows/${id}`);
	}

	async publish(id: string): Promise<Workflow> {
		return await this.public<Workflow>('POST', `/api/v1/workflows/${id}/publish`, {});
	}

	async unpublish(id: string): Promise<Workflow> {
		return await this.public<Workflow>('POST', `/api/v1/workflows/${id}/unpublish`, {});
	}

	async publicationStatus(id: string): Promise<PublicationStatus> {
		return await this.rest<PublicationStatus>('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Waits until n8n has applied the publication (it answers `/publish` before any trigger hook
	 * ran), of `versionId` when given (after an update of a published workflow). A failed
	 * publication throws with n8n's own error messages.
	 */
	async waitForPublication(id: string, versionId?: string): Promise<PublicationStatus> {
		return await this.poll(`workflow ${id} to be published`, TIMEOUTS.publication, async () => {
			const status = await this.publicationStatus(id);
			if (status.status === 'failed' || status.status === 'partial') {
				const reasons = (status.triggers ?? []).map((t) => t.errorMessage).filter(Boolean);
				throw new Fatal(`n8n could not publish workflow ${id}: ${reasons.join('; ') || JSON.stringify(status)}`);
			}
			const live = versionId === undefined || status.liveVersionId === versionId;
			return status.status === 'published' && live ? status : undefined;
		});
	}

	/** Every execution of a workflow, newest first, with their data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const page = await this.public<{ data: Execution[] }>(
			'GET',
			`/api/v1/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		return page.data;
	}

	/** Waits until the workflow has at least `count` finished executions, and returns all of them. */
	async waitForExecutions(workflowId: string, count: number): Promise<Execution[]> {
		return await this.poll(`${count} finished execution(s) of workflow ${workflowId}`, TIMEOUTS.execution, async () => {
			const all = await this.executions(workflowId);
			const finished = all.filter(isFinished);
			if (finished.length >= count && finished.length === all.length) return all;
			// What there was, should the wait give up.
			throw new Error(`${all.length} execution(s): ${all.map((execution) => `${execution.id} ${execution.status}`).join(', ') || 'none'}`);
		});
	}

	/**
	 * The "Test" button of the credential modal, as the editor does it: the modal holds the saved
	 * credential as `GET /rest/credentials/{id}?includeData=true` returns it (secrets redacted), the
	 * user may change fields (`changes`), and the editor posts it to `POST /rest/credentials/test`;
	 * n8n puts the stored secrets back in place of the redacted ones (CredentialsService.unredact)
	 * and runs the credential type's `test` request.
	 */
	async testCredential(credential: CredentialRef, changes: Record<string, unknown> = {}): Promise<CredentialTestResult> {
		const saved = await this.rest<{ data?: Record<string, unknown> }>(
			'GET',
			`/rest/credentials/${credential.id}?includeData=true`,
		);
		return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: credential.type, data: { ...saved.data, ...changes } },
		});
	}

	/**
	 * The editor's "Execute workflow" / "Listen for test event" from a trigger:
	 * `POST /rest/workflows/{id}/run` with `triggerToStartFrom` (n8n 2.41 runs the saved draft; its
	 * ManualRunDto takes no workflow body). A webhook trigger answers `{ waitingForWebhook: true }`
	 * and n8n registers it at its Test URL; any other trigger answers `{ executionId }`.
	 */
	async runFromTrigger(
		workflowId: string,
		triggerName: string,
	): Promise<{ waitingForWebhook?: boolean; executionId?: string }> {
		return await this.rest('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } }, {
			'push-ref': `e2e-${randomUUID().slice(0, 8)}`,
		});
	}

	/** Runs a workflow manually (as the editor's button does) and waits for that execution to finish. */
	async executeManually(workflowId: string, triggerName: string): Promise<Execution> {
		const started = await this.runFromTrigger(workflowId, triggerName);
		if (!started.executionId) throw new Error(`n8n did not start an execution: ${JSON.stringify(started)}`);
		return await this.waitForExecution(started.executionId);
	}

	async waitForExecution(executionId: string): Promise<Execution> {
		return await this.poll(`execution ${executionId} to finish`, TIMEOUTS.execution, async () => {
			const execution = await this.public<Execution>('GET', `/api/v1/executions/${executionId}?includeData=true`);
			return isFinished(execution) ? execution : undefined;
		});
	}

	/** The node and credential types the editor is offered (`/types/*.json`, as the editor loads them). */
	/**
	 * A resource locator's "From List", as the editor asks for it: n8n runs the node's
	 * `methods.listSearch[methodName]` with the node's current parameters and credential, a typed
	 * filter and the next page's token.
	 */
	async searchResourceLocator(request: {
		nodeType: string;
		nodeVersion?: number;
		parameter: string;
		methodName: string;
		currentNodeParameters: Record<string, unknown>;
		credential: CredentialRef;
		filter?: string;
		paginationToken?: string;
	}): Promise<{ results: Array<{ name: string; value: string | number; url?: string }>; paginationToken?: string }> {
		return await this.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			path: `parameters.${request.parameter}`,
			nodeTypeAndVersion: { name: request.nodeType, version: request.nodeVersion ?? 1 },
			methodName: request.methodName,
			currentNodeParameters: request.currentNodeParameters,
			credentials: { [request.credential.type]: { id: request.credential.id, name: request.credential.name } },
			...(request.filter === undefined ? {} : { filter: request.filter }),
			...(request.paginationToken === undefined ? {} : { paginationToken: request.paginationToken }),
		});
	}

	async loadedTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
		const names = async (file: string) => {
			const response = await this.raw('GET', `/types/${file}`, { headers: { cookie: this.cookie } });
			if (response.status !== 200) throw this.failure('GET', `/types/${file}`, response);
			return (response.json as Array<{ name: string }>).map((type) => type.name);
		};
		return { nodes: await names('nodes.json'), credentials: await names('credentials.json') };
	}

	/** `/rest/*`: the editor's API, answers wrapped in `{ data }`. */
	async rest<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
		const response = await this.raw(method, path, { body, headers: { cookie: this.cookie, ...headers } });
		if (response.status >= 300) throw this.failure(method, path, response);
		return ((response.json as { data?: T })?.data ?? response.json) as T;
	}

	/** `/api/v1/*`: the public API, with the API key. */
	async public<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await this.raw(method, path, { body, headers: { 'x-n8n-api-key': this.apiKey } });
		if (response.status >= 300) throw this.failure(method, path, response);
		return response.json as T;
	}

	async raw(
		method: string,
		path: string,
		options: { body?: unknown; headers?: Record<string, string> } = {},
	): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
		const send = async () =>
			await fetch(`${this.baseUrl}${path}`, {
				method,
				headers: {
					accept: 'application/json',
					...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
					...options.headers,
				},
				body: options.body === undefined ? undefined : JSON.stringify(options.body),
				signal: AbortSignal.timeout(TIMEOUTS.request),
			});
		let response: Awaited<ReturnType<typeof send>>;
		try {
			response = await send();
		} catch (error) {
			// A kept-alive connection n8n closed while this process was busy (the event loop blocked,
			// e.g. importing the built nodes) fails the next request on it; a read is safe to repeat.
			if (method !== 'GET' || !isClosedConnection(error)) throw error;
			response = await send();
		}
		const text = await response.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json, headers: response.headers as unknown as Headers };
	}

	/** Polls `probe` until it returns a value; a `Fatal` it throws ends the wait at once. */
	async poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		let lastError: unknown;
		for (;;) {
			try {
				const value = await probe();
				if (value !== undefined) return value;
			} catch (error) {
				if (error instanceof Fatal) throw withLog(error, this.logTail());
				lastError = error;
			}
			if (Date.now() > deadline) {
				const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
				throw withLog(new Error(`Gave up waiting for ${what} after ${timeoutMs / 1000} s${last}`), this.logTail());
			}
			await sleep(250);
		}
	}

	private failure(method: string, path: string, response: { status: number; text: string }): Error {
		return withLog(
			new Error(`n8n answered ${method} ${path} with ${response.status}: ${response.text.slice(0, 1000)}`),
			this.logTail(30),
		);
	}
}

/** An error that ends a `poll` at once instead of being retried. */
export class Fatal extends Error {}

function isClosedConnection(error: unknown): boolean {
	const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
	return error instanceof TypeError && cause?.code === 'UND_ERR_SOCKET';
}

function isFinished(execution: Execution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status);
}

/** The items a node output in an execution (first run, first output). */
export function nodeOutput(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) throw new Error(`execution ${execution.id} has no run of "${nodeName}"`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** Whether `nodeName` ran in the execution (a node after Remove Duplicates does not when every item was removed). */
export function nodeRan(execution: Execution, nodeName: string): boolean {
	return (execution.data?.resultData?.runData?.[nodeName]?.length ?? 0) > 0;
}

function withSettings(definition: WorkflowDefinition): WorkflowDefinition {
	return { ...definition, settings: definition.settings ?? {} };
}

export function withLog(error: unknown, tail: string): Error {
	const failure = error instanceof Error ? error : new Error(String(error));
	if (!failure.message.includes(tail)) failure.message = `${failure.message}\n${tail}`;
	return failure;
}

