import { rootCertificates } from 'node:tls';

import { Agent, request } from 'undici';

import type { Sandbox, SandboxOptions } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { Certificate } from '../support/tls';
import { selfSignedCertificate, TlsProxy } from '../support/tls';
import type { N8nOptions } from './n8nProcess';
import { freePort, N8n } from './n8nProcess';
import type { Provisioned } from './provision';
import type { QueueOptions } from './queueStack';
import { startQueueStack } from './queueStack';
import { provisionedPaths, problems } from './provision';

/**
 * The vendor sandbox and a real n8n with the package, started together and stopped together
 * (also when the start fails half-way). With `https`, n8n's webhooks are served behind a TLS
 * proxy, as a reverse proxy fronts n8n in production: `N8N_WEBHOOK_URL` is the proxy's
 * `https://127.0.0.1:<port>/`, its self-signed certificate is trusted by the sandbox's deliveries
 * and by `stack.post`; the editor and the API stay on n8n's own http address.
 */

export interface Stack {
	sandbox: Sandbox;
	n8n: N8n;
	/** The https front, when started with `https`. */
	tls?: TlsFront;
	/** POSTs to a webhook URL (http, or https through the TLS front), as a vendor or a forger would. */
	post(url: string, init: { headers?: Record<string, string>; body: string }): Promise<{ status: number; body: string }>;
	stop(): Promise<void>;
}

export interface StackOptions extends Omit<N8nOptions, 'provisioned' | 'packageTarball'> {
	provisioned?: Provisioned;
	packageTarball?: string;
	sandbox?: SandboxOptions;
	/** Serve n8n's webhooks over https (RxScale only delivers to https targets). */
	https?: boolean;
	/** n8n in queue mode (Postgres, Redis, webhook processors, workers) behind an https front. */
	queue?: QueueOptions;
}

export interface TlsFront {
	proxy: TlsProxy;
	certificate: Certificate;
	/** n8n's `N8N_WEBHOOK_URL`: the proxy's https address. */
	webhookBaseUrl: string;
}

/** A TLS proxy (self-signed certificate for 127.0.0.1) that forwards to n8n's http port. */
export async function startTlsFront(n8nPort: number): Promise<TlsFront> {
	const certificate = selfSignedCertificate();
	const proxy = await TlsProxy.start(`http://127.0.0.1:${n8nPort}`, certificate);
	return { proxy, certificate, webhookBaseUrl: `${proxy.url}/` };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const provisioned = options.provisioned ?? provisionedFromGlobalSetup();
	const packageTarball = options.packageTarball ?? process.env.E2E_PACKAGE_TARBALL;
	if (!packageTarball) throw new Error('No package to install: run the e2e suite with `npm run test:e2e`.');
	if (options.queue) return await startQueueStack({ ...options, queue: options.queue }, { provisioned, packageTarball });

	const port = options.port ?? (options.https ? await freePort() : undefined);
	const tls = options.https ? await startTlsFront(port!) : undefined;
	const trusted = [...(options.sandbox?.trustedCertificates ?? []), ...(tls ? [tls.certificate.cert] : [])];
	const dispatcher = tls ? new Agent({ connect: { ca: [...rootCertificates, tls.certificate.cert] } }) : undefined;
	const stopFront = async () => {
		await Promise.allSettled([tls?.proxy.stop(), dispatcher?.close()]);
	};

	let sandbox: Sandbox;
	try {
		sandbox = await startSandbox({ ...options.sandbox, trustedCertificates: trusted });
	} catch (error) {
		await stopFront();
		throw error;
	}
	let n8n: N8n;
	try {
		n8n = await N8n.start({ ...options, port, webhookBaseUrl: tls?.webhookBaseUrl, provisioned, packageTarball });
	} catch (error) {
		await Promise.allSettled([sandbox.stop(), stopFront()]);
		throw error;
	}
	return {
		sandbox,
		n8n,
		tls,
		post: async (url, init) => {
			const response = await request(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...init.headers },
				body: init.body,
				...(dispatcher ? { dispatcher } : {}),
			});
			return { status: response.statusCode, body: await response.body.text() };
		},
		stop: async () => {
			await Promise.allSettled([n8n.stop(), sandbox.stop()]);
			await stopFront();
		},
	};
}

function provisionedFromGlobalSetup(): Provisioned {
	const broken = problems();
	if (broken.length > 0) {
		throw new Error(`The provisioned n8n is not usable (${broken.join('; ')}): run \`npm run test:e2e\`.`);
	}
	return provisionedPaths();
}
