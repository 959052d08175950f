import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run vendor:check -- <vendor> [options]`: checks every inferred vendor fact against a real
 * account in one command and writes a report to attach to a bug report (docs/VENDOR-CHECK.md). The
 * command itself is scripts/vendorCheck/cli.ts; this entry point keeps n8n-core's instance settings
 * (which it writes on first use) in a temporary folder, never in the admin's ~/.n8n, and removes it.
 */
const userFolder = mkdtempSync(join(tmpdir(), 'n8n-vendor-check-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_LOG_LEVEL ??= 'error';

const removeUserFolder = () => rmSync(userFolder, { recursive: true, force: true });

void import('./vendorCheck/cli')
	.then(async ({ runCli }) => await runCli())
	.then((code) => {
		removeUserFolder();
		process.exit(code);
	})
	.catch(async (error: unknown) => {
		removeUserFolder();
		// An error that escaped the run may quote a request: keep the keys the admin set out of it.
		const { redactText } = await import('../nodes/shared/errors');
		const secrets = Object.entries(process.env)
			.filter(([name, value]) => /_(API_KEY|SECRET|PRACTICE_GROUP_ID)$/.test(name) && value)
			.map(([, value]) => String(value));
		console.error(`vendor:check failed: ${redactText(error instanceof Error ? error.message : String(error), secrets)}`);
		process.exit(1);
	});
