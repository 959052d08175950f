import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

// Healthie and RxScale send test deliveries when asked, so those two runs also take the receiver path.
it.each([
	['heroHealth', false],
	['healthie', true],
	['hearLink', false],
	['rxScale', true],
] as const)('%s: the command runs, every fact it can ask holds, nothing is left at the vendor, and no key is printed or written', async (slug, withReceiver) => {
	const reportPath = join(folder, `${slug}.json`);
	const receiverPort = withReceiver ? await freePort() : undefined;
	const args = [slug, '--environment', 'custom', '--base-url', String(sandbox[slug].credentials().baseUrl), '--yes', '--report', reportPath];
	if (receiverPort) args.push('--receiver-url', `http://127.0.0.1:${receiverPort}/hook`, '--receiver-port', String(receiverPort), '--wait', '20');

	const { code, output } = await runCommand(args, keyVariables(slug));

	expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
	const text = readFileSync(reportPath, 'utf8');
	const report = JSON.parse(text) as CheckReport;
	expect(report.vendor).toBe(slug);
	expect(report.facts.filter((fact) => fact.verdict === 'differs')).toEqual([]);
	expect(report.summary.holds).toBeGreaterThan(2);
	if (withReceiver) expect(report.how.deliveriesReceived).toBeGreaterThan(0);
	for (const secret of Object.values(keyVariables(slug))) {
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
