import { createServer } from 'node:net';

import type { Sandbox } from '../test/sandbox';
import { startSandbox } from '../test/sandbox';
import type { TlsFront } from '../test/harness';
import { buildAndPack, createSandboxCredentials, freePort, importExamples, N8n, N8N_VERSION, provision, removePack, sendSampleEvents, startTlsFront } from '../test/harness';
import { KITS } from '../test/vendors';

/**
 * `npm start`: a working n8n with these nodes, on this machine, with no vendor accounts.
 * Installs what it needs (once), builds and packs the package, starts the vendor sandbox and a
 * fresh n8n with the package installed, creates the owner and a sandbox credential per vendor,
 * imports and publishes the example workflows, makes the sandbox send a few events, and prints
 * where to log in. Ctrl-C stops everything and removes the temporary n8n. n8n's webhooks are served
 * behind a local TLS proxy (self-signed certificate, trusted by the sandbox), because RxScale only
 * delivers to https; the editor stays on http.
 *
 * `npm start -- --no-demo`: n8n with the package only (no sandbox, credentials or examples).
 * `--verbose`: show n8n's own output too.
 */

const N8N_PORT = 5678;
const SANDBOX_PORT = 8787;

const say = (line = '') => console.log(line);

async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	const demo = !args.has('--no-demo');

	const provisioned = await provision((line) => say(line));
	const packageTarball = buildAndPack(say);

	let sandbox: Sandbox | undefined;
	let n8n: N8n | undefined;
	let tls: TlsFront | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox…');
		await Promise.allSettled([n8n?.stop(), sandbox?.stop()]);
		await tls?.proxy.stop();
		removePack(packageTarball);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		let port = (await isFree(N8N_PORT)) ? N8N_PORT : undefined;
		if (demo) {
			port ??= await freePort();
			tls = await startTlsFront(port);
			sandbox = await startSandbox({
				port: (await isFree(SANDBOX_PORT)) ? SANDBOX_PORT : 0,
				trustedCertificates: [tls.certificate.cert],
			});
			say(`Vendor sandbox on ${sandbox.url}`);
		}
		say(`Starting n8n ${N8N_VERSION} with the package (the first start takes about a minute)…`);
		n8n = await N8n.start({
			provisioned,
			packageTarball,
			port,
			webhookBaseUrl: tls?.webhookBaseUrl,
			echo: args.has('--verbose') ? process.stdout : undefined,
			onUnexpectedExit: (code, signal) => {
				console.error(`\nn8n stopped by itself (code ${code}, signal ${signal}).\n${n8n?.logTail()}`);
				void stop(1);
			},
		});
		if (sandbox) await runDemo(n8n, sandbox);
	} catch (error) {
		console.error(`\n${(error as Error).message}`);
		await stop(1);
		return;
	} finally {
		removePack(packageTarball);
	}

	say(`
n8n ${N8N_VERSION} is running with n8n-nodes-health-practice:

  Editor    ${n8n.url}
  Log in    ${n8n.owner.email}
            ${n8n.owner.password}
`);
	if (tls) {
		say(`  Webhooks  ${n8n.webhookBaseUrl}/  (n8n behind a local TLS proxy with a self-signed certificate, as`);
		say('            RxScale only delivers to https; the sandbox trusts it, curl needs -k)');
		say();
	}
	if (sandbox) {
		say(`  Sandbox   ${sandbox.url}  (what "the vendors" received: ${sandbox.url}/_sandbox/requests)`);
		say('  Send another event, e.g.');
		for (const line of howToSendEvents(sandbox)) say(`    ${line}`);
		say();
	}
	say(`  n8n's log ${n8n.logFile}
  This n8n is fresh on every start and removed on exit. Stop with Ctrl-C.`);
}

async function runDemo(n8n: N8n, sandbox: Sandbox): Promise<void> {
	const { api } = n8n;
	// Also sets up, at the sandbox, what an admin sets up by hand before publishing (HearLink's portal).
	const credentials = await createSandboxCredentials(api, sandbox, (webhookId) => n8n.webhookUrl(webhookId));
	say(`Credentials pointing at the sandbox: ${credentials.map((credential) => `"${credential.name}"`).join(', ')}`);

	const imported = await importExamples(api, credentials, (example, reason) =>
		say(`  skipped examples/${example.file}: ${reason}`),
	);
	for (const { example, workflow, published } of imported) {
		say(`  ${published ? 'published' : 'imported '} "${workflow.name}" (examples/${example.file})`);
	}

	const { vendors, delivered } = await sendSampleEvents(sandbox, imported);
	if (vendors.length === 0) return;
	const names = vendors.map((kit) => kit.demo.credentialName).join(', ');
	say(`The sandbox sent sample events (${names}); waiting for the executions…`);
	for (const [{ workflow }, count] of delivered) {
		try {
			const executions = await api.waitForExecutions(workflow.id, count);
			const ok = executions.filter((execution) => execution.status === 'success').length;
			say(`  "${workflow.name}": ${executions.length} execution(s), ${ok} successful`);
		} catch (error) {
			say(`  "${workflow.name}": executions are late (${(error as Error).message.split('\n')[0]})`);
		}
	}
}

function howToSendEvents(sandbox: Sandbox): string[] {
	return KITS.map((kit) => kit.demo.curl(sandbox.url));
}

async function isFree(port: number): Promise<boolean> {
	const server = createServer();
	return await new Promise((resolve) => {
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
