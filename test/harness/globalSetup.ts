import { provision } from './provision';
import { ensureQueueServices } from './queueServices';
import { buildAllPackages } from './package';

/**
 * Runs once before the e2e files: makes sure the cached n8n is there (installing or repairing it),
 * then builds and packs the packages: the umbrella, which every test file installs into its own
 * n8n, and the per-vendor packages, which test/e2e/vendorPackages.e2e.test.ts installs one at a time.
 */
export default async function globalSetup(): Promise<void> {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	await provision(log);
	// Queue mode's Postgres and Redis, from Debian's packages when this machine lacks them.
	ensureQueueServices(log);
	process.env.E2E_PACKAGE_TARBALL = buildAllPackages(log);
}
