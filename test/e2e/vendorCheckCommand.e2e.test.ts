import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CheckReport } from '../../scripts/vendorCheck/run';
import { REPO_ROOT } from '../harness';
import { freePort } from '../integration/vendorCheck/sandboxCheck';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { VendorSlug } from '../vendors';

/**
 * `npm run vendor:check -- <vendor>` as an admin types it (compiled, in its own process, no
 * terminal, the key in the environment) against the sandbox: no n8n. The integration tests call
 * the same code in-process; this is the command itself, for each vendor.
 */

let sandbox: Sandbox;
let folder: string;

beforeAll(async () => {
	sandbox = await startSandbox({ rxScale: { settings: { allowHttpTargets: true } } });
	folder = mkdtempSync(join(tmpdir(), 'vendor-check-command-'));
});

afterAll(async () => {
	await sandbox.stop();
	rmSync(folder, { recursive: true, force: true });
});

/** The environment variables an admin sets (docs/VENDOR-CHECK.md), from the sandbox's credential. */
function keyVariables(slug: VendorSlug): Record<string, string> {
	const credentials = sandbox[slug].credentials();
	const apiKey = String(credentials.apiKey);
	switch (slug) {
		case 'heroHealth':
			return { HERO_HEALTH_API_KEY: apiKey, HERO_HEALTH_PRACTICE_GROUP_ID: String(credentials.practiceGroupId) };
		case 'healthie':
			return { HEALTHIE_API_KEY: apiKey };
		case 'hearLink':
			return { HEARLINK_API_KEY: apiKey };
		case 'rxScale':
			return { RXSCALE_API_KEY: apiKey };
	}
}

async function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
	return await new Promise((resolve) => {
		execFile('npm', ['run', 'vendor:check', '--silent', '--', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 5 * 60_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
		});
	});
}

/**
 * Until stopped: whenever the receiver listens, a POST to `path` dropped half-way; after the first,
 * `then` (HearLink's portal Test press).
 */
function sendHalfPostsTo(port: number, path: string, then?: () => void): () => void {
	let stopped = false;
	let sent = 0;
	void (async () => {
		while (!stopped) {
			const connected = await new Promise<boolean>((resolve) => {
				const socket = connect(port, '127.0.0.1');
				socket.once('error', () => resolve(false));
				socket.once('connect', () => {
					socket.write(`POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"half":`);
					setTimeout(() => {
						socket.destroy();
						resolve(true);
					}, 20);
				});
			});
			if (connected && ++sent === 1) then?.();
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	})();
	return () => {
		stopped = true;
	};
}

// Healthie and RxScale send test deliveries when asked, and HearLink's portal Test press is played
// by the sandbox, so those three runs also take the receiver path.
it.each([
	['heroHealth', false],
	['healthie', true],
	['hearLink', true],
	['rxScale', true],
] as const)('%s: the command runs, every fact it can ask holds, nothing is left at the vendor, and no key is printed or written', async (slug, withReceiver) => {
	const reportPath = join(folder, `${slug}.json`);
	const receiverPort = withReceiver ? await freePort() : undefined;
	const args = [slug, '--environment', 'custom', '--base-url', String(sandbox[slug].credentials().baseUrl), '--yes', '--report', reportPath];
	const receiverUrl = `http://127.0.0.1:${receiverPort}/hook`;
	if (receiverPort) args.push('--receiver-url', receiverUrl, '--receiver-port', String(receiverPort), '--wait', '8');
	const variables = keyVariables(slug);
	let pressTest: (() => void) | undefined;
	if (slug === 'hearLink' && receiverPort) {
		// As an admin does in HearLink's portal: a webhook for the receiver URL, its secret for the check.
		const webhook = sandbox.hearLink.createWebhook(receiverUrl, ['patient.created']);
		variables.HEARLINK_WEBHOOK_SIGNING_SECRET = webhook.secret;
		pressTest = () => void sandbox.hearLink.emit('webhook.test', undefined, { webhookId: webhook.id });
	}

	// A sender that drops its connection half-way through a POST to the receiver must not end the
	// command (HearLink's receiver reads every POST to its URL's own path).
	const stopSending = receiverPort ? sendHalfPostsTo(receiverPort, '/hook', pressTest) : undefined;
	const { code, output } = await runCommand(args, variables).finally(() => stopSending?.());

	expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
	const text = readFileSync(reportPath, 'utf8');
	const report = JSON.parse(text) as CheckReport;
	expect(report.vendor).toBe(slug);
	expect(report.facts.filter((fact) => fact.verdict === 'differs')).toEqual([]);
	expect(report.summary.holds).toBeGreaterThan(2);
	if (withReceiver) expect(report.how.deliveriesReceived).toBeGreaterThan(0);
	for (const secret of Object.values(variables)) {
		if (secret.length < 6) continue;
		expect(text).not.toContain(secret);
		expect(output).not.toContain(secret);
	}
	expect(output).toContain(`${report.summary.holds} hold, 0 differ`);
	if (report.cleanup) expect(report.cleanup.left).toBe(0);
	// RxScale keeps a removed subscription, inactive
	const active = sandbox.rxScale.subscriptions.filter((subscription) => subscription.active);
	expect(sandbox.heroHealth.webhooks.size + sandbox.healthie.webhooks.size + active.length).toBe(0);
});
