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
	.catch((error: unknown) => {
		removeUserFolder();
		console.error(`vendor:check failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	});
