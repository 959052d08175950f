import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The check's own webhook receiver, for `--receiver-url` / `--receiver-port`: it listens on
 * 127.0.0.1 (a tunnel such as `cloudflared` or `ngrok` forwards the public https address to it),
 * keeps the exact bytes and headers of every POST, and answers. With `refuseFirst` the first
 * delivery is answered 500, to see whether and how the vendor retries it; every other one 200.
 * With `acceptsPath`, a POST to any other path is answered 200 unread (so a vendor stops retrying
 * it) and only counted in `ignored`: a leftover subscription of an earlier run, or a stranger.
 * Nothing it receives is printed or written anywhere: the check reads shapes from it, never values.
 */

export interface CapturedDelivery {
	at: number;
	method: string;
	/** The path (and query) the request arrived at. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer;
	/** What the receiver answered. */
	answered: number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DELIVERIES = 200;
/** Bodies read at the same time: with the 1 MB cap, at most 8 MB in memory however many senders. */
const MAX_READING = 8;

export class DeliveryReceiver {
	readonly deliveries: CapturedDelivery[] = [];
	refuseFirst = false;
	/** Deliveries to another path: an earlier run's leftover subscription, or someone else's. */
	ignored = 0;
	private stopped = false;
	private reading = 0;
	private readonly sockets = new Set<Socket>();
	private readonly waiters = new Set<() => void>();

	private constructor(
		private readonly server: Server,
		readonly port: number,
		private readonly acceptsPath?: (path: string) => boolean,
	) {}

	/** `acceptsPath` gets the path without its query and trailing slashes. */
	static async listen(port: number, options: { host?: string; acceptsPath?: (path: string) => boolean } = {}): Promise<DeliveryReceiver> {
		const { host = '127.0.0.1', acceptsPath } = options;
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => resolve());
		});
		const receiver = new DeliveryReceiver(server, (server.address() as AddressInfo).port, acceptsPath);
		server.on('request', (request, response) => {
			// A sender that drops the connection mid-body must not end the check (and its clean-up).
			receiver.handle(request, response).catch(() => {
				if (!response.headersSent) response.writeHead(400).end();
				request.destroy();
			});
		});
		server.on('connection', (socket) => {
			receiver.sockets.add(socket);
			socket.on('close', () => receiver.sockets.delete(socket));
		});
		return receiver;
	}

	/** Resolves with the deliveries once `enough` says so, or at the deadline with what came. */
	async waitFor(enough: (deliveries: CapturedDelivery[]) => boolean, timeoutMs: number): Promise<CapturedDelivery[]> {
		const deadline = Date.now() + timeoutMs;
		while (!this.stopped && !enough(this.deliveries) && Date.now() < deadline) {
			await new Promise<void>((resolve) => {
				const wake = () => {
					clearTimeout(timer);
					this.waiters.delete(wake);
					resolve();
				};
				const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
				this.waiters.add(wake);
			});
		}
		return [...this.deliveries];
	}

	/** How many bodies are being read right now. */
	get readingNow(): number {
		return this.reading;
	}

	/** Ends every wait now, and any later one at once (the admin pressed Ctrl-C). */
	stopWaiting(): void {
		this.stopped = true;
		for (const wake of [...this.waiters]) wake();
	}

	async close(): Promise<void> {
		for (const wake of [...this.waiters]) wake();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		if (request.method !== 'POST' || this.deliveries.length >= MAX_DELIVERIES || this.reading >= MAX_READING) {
			response.writeHead(request.method === 'POST' ? 429 : 405, { 'content-type': 'application/json' }).end('{}');
			return;
		}
		const path = request.url ?? '/';
		if (this.acceptsPath && !this.acceptsPath(path.split('?')[0].replace(/\/+$/, ''))) {
			this.ignored += 1;
			request.resume();
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		this.reading += 1;
		try {
			for await (const chunk of request) {
				size += (chunk as Buffer).length;
				if (size > MAX_BODY_BYTES) {
					response.writeHead(413, { 'content-type': 'application/json' }).end('{}');
					request.destroy();
					return;
				}
				chunks.push(chunk as Buffer);
			}
		} finally {
			this.reading -= 1;
		}
		const answered = this.refuseFirst && this.deliveries.length === 0 ? 500 : 200;
		this.deliveries.push({
			at: Date.now(),
			method: request.method,
			path,
			headers: request.headers,
			rawBody: Buffer.concat(chunks),
			answered,
		});
		response.writeHead(answered, { 'content-type': 'application/json' }).end(answered === 200 ? '{"received":true}' : '{"error":"refused once by the vendor check, to see a retry"}');
		for (const wake of [...this.waiters]) wake();
	}
}
