import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { DeliverySender } from './deliveries';
import type { FaultRule } from './faults';
import { Faults } from './faults';
import type { SandboxRequest, SandboxResponse } from './http';
import { INVALID_JSON, json, parseJson, readBody, Router, send } from './http';

/**
 * One local HTTP server that behaves like each vendor. Vendor simulations live under their own
 * prefix (`/heroHealth/...`, the node's spelling); `/_sandbox/...` is the control API (faults, events, state) used by tests,
 * the demo and anyone trying the nodes without vendor accounts.
 */

export interface VendorSimulation {
	/** URL prefix and fault/request-log name: the vendor's slug, e.g. `heroHealth`. */
	readonly name: string;
	/** The vendor's API, below the prefix. */
	readonly api: Router;
	/** Control routes, below `/_sandbox/<name>`. */
	readonly control: Router;
	/** Base URL a credential's "Custom" environment should use. */
	readonly baseUrl: string;
	/** Values for a credential that this simulation accepts. */
	credentials(): Record<string, string>;
	/** How to use it by hand (its records, control routes and switches), for `npm run sandbox` and the docs. */
	usage(): string;
	reset(): void;
}

export interface SimulationContext {
	/** The sandbox root, e.g. `http://127.0.0.1:8787`. */
	rootUrl: string;
	deliveries: DeliverySender;
}

export interface RecordedRequest {
	vendor: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** The raw query string (`?a=1&a=2`), which keeps repeated keys that `query` folds. */
	search: string;
	headers: IncomingMessage['headers'];
	body: unknown;
	status?: number;
	at: number;
}

const MAX_RECORDED_REQUESTS = 5000;

export class SandboxServer {
	readonly faults = new Faults();
	readonly deliveries = new DeliverySender();
	readonly requests: RecordedRequest[] = [];
	private readonly registered = new Map<string, VendorSimulation>();
	private readonly sockets = new Set<Socket>();
	private readonly control = new Router();

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {
		this.control
			.add('GET', '/', () => json(200, this.describe()))
			.add('POST', '/faults', (request) => json(201, { rules: this.faults.inject(toFaultRule(request.body)) }))
			.add('DELETE', '/faults', () => {
				this.faults.clear();
				return json(204);
			})
			.add('POST', '/latency', (request) => {
				const { vendor = '*', ms = 0 } = (request.body ?? {}) as { vendor?: string; ms?: number };
				this.faults.setLatency(vendor, Number(ms));
				return json(204);
			})
			.add('GET', '/requests', (request) => {
				const vendor = request.query.get('vendor');
				return json(200, vendor ? this.requests.filter((r) => r.vendor === vendor) : this.requests);
			})
			.add('POST', '/reset', () => {
				this.reset();
				return json(204);
			});
	}

	static async listen(port = 0, host = '127.0.0.1'): Promise<SandboxServer> {
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => resolve());
		});
		const address = server.address() as AddressInfo;
		const instance = new SandboxServer(server, `http://${host}:${address.port}`);
		server.on('request', (request, response) => void instance.handle(request, response));
		server.on('connection', (socket) => {
			instance.sockets.add(socket);
			socket.on('close', () => instance.sockets.delete(socket));
		});
		return instance;
	}

	get context(): SimulationContext {
		return { rootUrl: this.url, deliveries: this.deliveries };
	}

	register(simulation: VendorSimulation): void {
		this.registered.set(simulation.name, simulation);
	}

	/** The registered simulations, in registration order. */
	simulations(): VendorSimulation[] {
		return [...this.registered.values()];
	}

	/** Requests this vendor's API received, oldest first (control calls excluded). */
	requestsTo(vendor: string, filter: Partial<Pick<RecordedRequest, 'method' | 'path'>> = {}): RecordedRequest[] {
		return this.requests.filter(
			(r) =>
				r.vendor === vendor &&
				(filter.method === undefined || r.method === filter.method) &&
				(filter.path === undefined || r.path === filter.path),
		);
	}

	reset(): void {
		this.faults.clear();
		this.requests.length = 0;
		for (const simulation of this.registered.values()) simulation.reset();
	}

	describe(): Record<string, unknown> {
		return {
			url: this.url,
			vendors: Object.fromEntries(
				[...this.registered.values()].map((simulation) => [
					simulation.name,
					{ baseUrl: simulation.baseUrl, credentials: simulation.credentials() },
				]),
			),
		};
	}

	async stop(): Promise<void> {
		await this.deliveries.stop();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(incoming.url ?? '/', this.url);
		const [, first = '', ...rest] = url.pathname.split('/');
		const rawBody = await readBody(incoming);
		const body = parseJson(rawBody);
		const base: Omit<SandboxRequest, 'path' | 'params'> = {
			method: incoming.method ?? 'GET',
			query: url.searchParams,
			headers: incoming.headers,
			rawBody,
			body,
		};

		if (first === '_sandbox') {
			const [vendor, ...vendorPath] = rest;
			const simulation = this.registered.get(vendor);
			const result = simulation
				? await this.route(simulation.control, { ...base, path: `/${vendorPath.join('/')}` })
				: await this.route(this.control, { ...base, path: `/${rest.join('/')}` });
			send(response, result);
			return;
		}

		const simulation = this.registered.get(first);
		if (!simulation) {
			send(response, json(404, { error: `no vendor simulation at /${first}` }));
			return;
		}
		const path = `/${rest.join('/')}`;
		const record: RecordedRequest = {
			vendor: simulation.name,
			method: base.method,
			path,
			query: Object.fromEntries(url.searchParams),
			search: url.search,
			headers: incoming.headers,
			body: body === INVALID_JSON ? rawBody.toString('utf8') : body,
			at: Date.now(),
		};
		this.requests.push(record);
		if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.shift();

		const latency = this.faults.latencyFor(simulation.name);
		if (latency > 0) await sleep(latency);

		const fault = this.faults.take(simulation.name, base.method, path);
		if (fault?.kind === 'drop') {
			record.status = 0;
			incoming.socket.destroy();
			return;
		}
		if (fault?.kind === 'timeout') {
			record.status = 0;
			await sleep(fault.hangMs);
			incoming.socket.destroy();
			return;
		}
		if (fault?.kind === 'rateLimit') {
			record.status = 429;
			send(
				response,
				json(429, { error: 'Too Many Requests' }, { 'retry-after': String(fault.retryAfterSeconds) }),
			);
			return;
		}
		if (fault?.kind === 'status') {
			record.status = fault.status;
			send(response, json(fault.status, fault.body ?? { error: `injected ${fault.status}` }, fault.headers));
			return;
		}

		const result = await this.route(simulation.api, { ...base, path });
		record.status = result.status;
		if (fault?.kind === 'dropAfterHandling') {
			incoming.socket.destroy();
			return;
		}
		send(response, result);
	}

	private async route(router: Router, request: Omit<SandboxRequest, 'params'>): Promise<SandboxResponse> {
		const found = router.match(request.method, request.path);
		if (found === undefined) return json(404, { error: `no route for ${request.method} ${request.path}` });
		if (found === 'method') return json(405, { error: `method ${request.method} not allowed` });
		try {
			return await found.handler({ ...request, params: found.params });
		} catch (error) {
			return json(500, { error: (error as Error).message });
		}
	}
}

function toFaultRule(body: unknown): FaultRule {
	if (!body || typeof body !== 'object') throw new Error('a fault rule is a JSON object');
	return body as FaultRule;
}
