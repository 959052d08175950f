import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import { createServer as createTlsServer } from 'node:tls';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { WebhookReceiver } from './webhookReceiver';

/**
 * HTTPS for tests whose vendor only delivers to HTTPS (RxScale): a self-signed certificate for
 * 127.0.0.1, and a TLS-terminating proxy that forwards to a plain-http server such as the
 * WebhookReceiver (or a real n8n) — the way a reverse proxy fronts n8n in production.
 */

export interface Certificate {
	key: string;
	cert: string;
}

let cached: Certificate | undefined;

/** A fresh self-signed certificate for 127.0.0.1/localhost, made once per test process by openssl. */
export function selfSignedCertificate(): Certificate {
	if (cached) return cached;
	const dir = mkdtempSync(join(tmpdir(), 'health-practice-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
				'-days', '2', '-subj', '/CN=127.0.0.1',
				'-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
				'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
			],
			{ stdio: 'pipe' },
		);
		cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
		return cached;
	} catch (error) {
		throw new Error(`openssl could not make a test certificate (is openssl installed?): ${(error as Error).message}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export class TlsProxy {
	private readonly sockets = new Set<Socket>();

	private constructor(
		private readonly server: TlsServer,
		/** `https://127.0.0.1:<port>` */
		readonly url: string,
	) {}

	/** Terminates TLS on 127.0.0.1 (port 0) and forwards every connection to `targetUrl` (http). */
	static async start(targetUrl: string, certificate: Certificate = selfSignedCertificate()): Promise<TlsProxy> {
		const target = new URL(targetUrl);
		const server = createTlsServer({ key: certificate.key, cert: certificate.cert });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		const { port } = server.address() as AddressInfo;
		const proxy = new TlsProxy(server, `https://127.0.0.1:${port}`);
		server.on('secureConnection', (client) => {
			const upstream = connect(Number(target.port), target.hostname);
			for (const socket of [client, upstream]) {
				proxy.sockets.add(socket);
				socket.on('close', () => proxy.sockets.delete(socket));
				socket.on('error', () => undefined);
			}
			client.pipe(upstream).pipe(client);
		});
		return proxy;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/**
 * The sandbox, a stand-in for n8n's webhook server, and a TLS proxy in front of it whose
 * certificate the sandbox's sender trusts: n8n as a vendor that only delivers to HTTPS sees it.
 * Use `proxy.url` as the trigger harness's `n8nBaseUrl`.
 */
export interface HttpsDeliveryStack {
	sandbox: Sandbox;
	receiver: WebhookReceiver;
	proxy: TlsProxy;
	certificate: Certificate;
	stop(): Promise<void>;
}

export async function startHttpsDeliveryStack(): Promise<HttpsDeliveryStack> {
	const certificate = selfSignedCertificate();
	const sandbox = await startSandbox({ trustedCertificates: [certificate.cert] });
	const receiver = await WebhookReceiver.start();
	const proxy = await TlsProxy.start(receiver.url, certificate);
	return {
		sandbox,
		receiver,
		proxy,
		certificate,
		stop: async () => {
			await sandbox.stop();
			await proxy.stop();
			await receiver.stop();
		},
	};
}
