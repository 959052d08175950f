import { readFileSync } from 'node:fs';

import { startSandbox } from '../test/sandbox';
import { sandboxUsage } from '../test/sandbox/usage';

/**
 * `npm run sandbox`: the vendor sandbox on its own, to try the nodes without vendor accounts; prints
 * each vendor's base URL and credential and how to drive it (test/sandbox/usage.ts).
 * SANDBOX_PORT chooses the port (default 8787); SANDBOX_TRUST_CERT names a PEM certificate to trust
 * for https deliveries (a local n8n served over https); RXSCALE_ALLOW_HTTP_TARGETS=true lets the
 * RxScale simulation accept http targets (the real RxScale does not, nor does the RxScale Trigger).
 */
async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	const trust = process.env.SANDBOX_TRUST_CERT;
	const sandbox = await startSandbox({
		port,
		trustedCertificates: trust ? [readFileSync(trust, 'utf8')] : [],
		rxScale: { settings: { allowHttpTargets: process.env.RXSCALE_ALLOW_HTTP_TARGETS === 'true' } },
	});
	console.log(`${sandboxUsage(sandbox)}\n\nStop with Ctrl-C.`);

	const stop = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
