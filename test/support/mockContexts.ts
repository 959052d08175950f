import type { IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';

/**
 * Minimal, faithful fakes of n8n's contexts for unit tests: real static-data objects, recorded
 * log lines and responses, and an HTTP helper the test controls. Integration tests use n8n-core's
 * real contexts instead (test/support/n8nCore.ts).
 */

/** The Production URL the fake contexts give a trigger (what a vendor that signs the URL signed). */
export const DEFAULT_WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

export const testNode: INode = {
	id: 'node-under-test',
	name: 'Trigger Under Test',
	type: 'n8n-nodes-health-practice.testTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface RecordedLogs {
	debug: string[];
	info: string[];
	warn: string[];
	error: string[];
}

function recordingLogger(): { logger: IHookFunctions['logger']; logs: RecordedLogs } {
	const logs: RecordedLogs = { debug: [], info: [], warn: [], error: [] };
	const logger = {
		debug: (message: string) => logs.debug.push(message),
		info: (message: string) => logs.info.push(message),
		warn: (message: string) => logs.warn.push(message),
		error: (message: string) => logs.error.push(message),
	} as unknown as IHookFunctions['logger'];
	return { logger, logs };
}

export interface FakeHookOptions {
	parameters?: IDataObject;
	staticData?: IDataObject;
	webhookUrl?: string;
	mode?: 'trigger' | 'manual';
}

export function fakeHookContext(options: FakeHookOptions = {}) {
	const staticData = options.staticData ?? {};
	const { logger, logs } = recordingLogger();
	const parameters = options.parameters ?? {};
	const context = {
		logger,
		getNode: () => testNode,
		getWorkflow: () => ({ id: 'wf-1', name: 'Test', active: true }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getNodeWebhookUrl: () => options.webhookUrl ?? DEFAULT_WEBHOOK_URL,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflowStaticData: () => staticData,
	} as unknown as IHookFunctions;
	return { context, staticData, logs };
}

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
}

export interface FakeWebhookOptions {
	rawBody?: Buffer;
	/** When set, `rawBody` starts undefined and `readRawBody()` provides these bytes. */
	rawBodyViaRead?: Buffer;
	headers?: Record<string, string | string[] | undefined>;
	parameters?: IDataObject;
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
	nodeId?: string;
	/** Credentials by type, as `getCredentials(type)` returns them. */
	credentials?: Record<string, IDataObject>;
}

export function fakeWebhookContext(options: FakeWebhookOptions = {}) {
	const { logger, logs } = recordingLogger();
	const response: FakeResponse = { ended: false };
	const request = {
		rawBody: options.rawBodyViaRead ? undefined : options.rawBody,
		readRawBody: async () => {
			request.rawBody = options.rawBodyViaRead;
		},
		headers: options.headers ?? {},
	} as { rawBody?: Buffer; readRawBody: () => Promise<void>; headers: unknown };
	const expressResponse = {
		status(code: number) {
			response.statusCode = code;
			return expressResponse;
		},
		json(body: unknown) {
			response.body = body;
			response.ended = true;
			return expressResponse;
		},
		send(body?: unknown) {
			response.body = body;
			response.ended = true;
			return expressResponse;
		},
		end() {
			response.ended = true;
			return expressResponse;
		},
	};
	const parameters = options.parameters ?? {};
	const context = {
		logger,
		getNode: () => ({ ...testNode, id: options.nodeId ?? testNode.id, parameters: JSON.parse(JSON.stringify(parameters)) as INode['parameters'] }),
		getWorkflow: () => ({ id: 'wf-1', name: 'Test', active: true }),
		getMode: () => options.mode ?? 'webhook',
		// As n8n's WebhookContext: always the production URL (no getWebhookResourceUrl before n8n 2.41).
		getNodeWebhookUrl: () => DEFAULT_WEBHOOK_URL,
		getRequestObject: () => request,
		getResponseObject: () => expressResponse,
		getHeaderData: () => options.headers ?? {},
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getWorkflowStaticData: () => options.staticData ?? {},
		getCredentials: async (type: string) => {
			const credentials = options.credentials?.[type];
			if (!credentials) throw new Error(`Node does not have any credentials set for "${type}"`);
			return credentials;
		},
		helpers: { returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })) },
	} as unknown as IWebhookFunctions;
	return { context, response, logs };
}
