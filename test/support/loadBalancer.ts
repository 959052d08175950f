import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import type { Certificate } from './tls';
import { selfSignedCertificate } from './tls';

/**
 * The https front an admin puts before n8n in queue mode: production webhooks (`/webhook/…`) go
 * round-robin to the webhook processors, everything else (the editor, the API, test webhooks at
 * `/webhook-test/…`) to main, as n8n's queue-mode guide routes them. An upstream that cannot be
 * reached answers 502, as a proxy would. It counts what each processor was sent.
 */
export class LoadBalancer {
	/** Production webhook requests forwarded to each processor, in order. */
	readonly served: number[];
	private next = 0;
	private readonly sockets = new Set<Duplex>();

	private constructor(
		private readonly server: Server,
		/** `https://127.0.0.1:<port>` */
		readonly url: string,
		readonly certificate: Certificate,
		private readonly main: URL,
		private readonly processors: URL[],
	) {
		this.served = processors.map(() => 0);
	}

	static async start(options: { main: string; processors: string[]; certificate?: Certificate }): Promise<LoadBalancer> {
		const certificate = options.certificate ?? selfSignedCertificate();
		const server = createServer({ key: certificate.key, cert: certificate.cert });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		const { port } = server.address() as AddressInfo;
		const front = new LoadBalancer(server, `https://127.0.0.1:${port}`, certificate, new URL(options.main), options.processors.map((url) => new URL(url)));
		server.on('connection', (socket) => {
			front.sockets.add(socket);
			socket.on('close', () => front.sockets.delete(socket));
		});
		server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => front.forward(incoming, outgoing));
		return front;
	}

	private upstreamFor(path: string): URL {
		if (!path.startsWith('/webhook/') || this.processors.length === 0) return this.main;
		const index = this.next++ % this.processors.length;
		this.served[index]++;
		return this.processors[index];
	}

	private forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
		const target = this.upstreamFor(incoming.url ?? '/');
		const upstream = httpRequest(
			{
				host: target.hostname,
				port: Number(target.port),
				method: incoming.method,
				path: incoming.url,
				headers: { ...incoming.headers, host: target.host, 'x-forwarded-proto': 'https', 'x-forwarded-for': incoming.socket.remoteAddress ?? '' },
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		upstream.on('error', () => {
			if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
			outgoing.end('Bad Gateway');
		});
		incoming.pipe(upstream);
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
