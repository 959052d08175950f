import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { TriggerHarness } from './n8nCore';

/**
 * A stand-in for n8n's webhook server: receives real HTTP deliveries at
 * `/webhook/<webhookId>/webhook` (and `/webhook-test/…`), runs the trigger's `webhook()` in a real
 * WebhookContext and answers as n8n does (webhook-helpers: `noWebhookResponse` → nothing more,
 * `workflowData` → an execution, `webhookResponse` → that body, `{}` → "Webhook call received").
 * After a test execution it removes the test registration, as n8n does.
 */

export interface Execution {
	webhookId: string;
	mode: 'production' | 'test';
	items: IDataObject[];
}

export interface Answer {
	path: string;
	status: number;
	body: string;
}

export class WebhookReceiver {
	readonly executions: Execution[] = [];
	readonly answers: Answer[] = [];
	/** `webhook()` calls that returned `noWebhookResponse` without answering (a hung caller). */
	readonly unanswered: string[] = [];
	readonly errors: unknown[] = [];
	private readonly triggers = new Map<string, TriggerHarness>();

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(): Promise<WebhookReceiver> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		const { port } = server.address() as AddressInfo;
		const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
		server.on('request', (request, response) => void receiver.handle(request, response));
		return receiver;
	}

	register(trigger: TriggerHarness): void {
		this.triggers.set(trigger.webhookId, trigger);
	}

	executionsOf(trigger: TriggerHarness, mode: Execution['mode'] = 'production'): Execution[] {
		return this.executions.filter((execution) => execution.webhookId === trigger.webhookId && execution.mode === mode);
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = new URL(request.url ?? '/', this.url).pathname;
		const match = /^\/(webhook|webhook-test)\/([^/]+)\/webhook$/.exec(path);
		const trigger = match ? this.triggers.get(match[2]) : undefined;
		if (!match || !trigger || request.method !== 'POST') {
			this.answer(path, response, 404, JSON.stringify({ message: 'webhook not registered' }));
			return;
		}
		const mode = match[1] === 'webhook' ? 'production' : 'test';

		const expressRequest = await asExpressRequest(request);
		const expressResponse = asExpressResponse(response);
		let result: IWebhookResponseData;
		try {
			result = await trigger.webhook(mode, expressRequest, expressResponse);
		} catch (error) {
			this.errors.push(error);
			this.answer(path, response, 500, JSON.stringify({ message: 'Error in workflow' }));
			return;
		}

		if (result.noWebhookResponse) {
			if (!response.writableEnded) {
				this.unanswered.push(path);
				response.destroy();
			} else {
				this.answers.push({ path, status: response.statusCode, body: expressResponse.sentBody });
			}
			return;
		}
		if (result.workflowData) {
			this.executions.push({
				webhookId: trigger.webhookId,
				mode,
				items: result.workflowData[0].map((item) => item.json),
			});
			this.answer(path, response, 200, '');
			if (mode === 'test') await trigger.unpublish('test');
			return;
		}
		const body = result.webhookResponse ?? { message: 'Webhook call received' };
		this.answer(path, response, 200, typeof body === 'string' ? body : JSON.stringify(body));
	}

	private answer(path: string, response: ServerResponse, status: number, body: string): void {
		this.answers.push({ path, status, body });
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(body);
	}
}

/** What n8n hands `webhook()`: the request with `readRawBody()`; JSON bodies already read. */
async function asExpressRequest(request: IncomingMessage) {
	const readAll = async () => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	};
	const augmented = request as IncomingMessage & {
		rawBody?: Buffer;
		body?: unknown;
		readRawBody: () => Promise<void>;
	};
	augmented.readRawBody = async () => {
		if (augmented.rawBody === undefined) augmented.rawBody = await readAll();
	};
	if (String(request.headers['content-type'] ?? '').includes('json')) {
		await augmented.readRawBody();
		try {
			augmented.body = JSON.parse(augmented.rawBody!.toString('utf8'));
		} catch {
			augmented.body = {};
		}
	}
	return augmented;
}

function asExpressResponse(response: ServerResponse) {
	const augmented = response as ServerResponse & {
		sentBody: string;
		status(code: number): typeof augmented;
		json(body: unknown): typeof augmented;
		send(body?: unknown): typeof augmented;
	};
	augmented.sentBody = '';
	augmented.status = (code: number) => {
		augmented.statusCode = code;
		return augmented;
	};
	augmented.json = (body: unknown) => {
		augmented.setHeader('content-type', 'application/json');
		augmented.sentBody = JSON.stringify(body);
		augmented.end(augmented.sentBody);
		return augmented;
	};
	augmented.send = (body?: unknown) => {
		augmented.sentBody = body === undefined ? '' : String(body);
		augmented.end(augmented.sentBody);
		return augmented;
	};
	return augmented;
}
