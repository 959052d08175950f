import { provision } from './provision';
import { buildAndPack } from './package';

/**
 * Runs once before the e2e files: makes sure the cached n8n is there (installing or repairing it),
 * then builds and packs the package that every test file installs into its own n8n.
 */
export default async function globalSetup(): Promise<void> {
	const log = (line: string) => process.stderr.write(`${line}\n`);
	await provision(log);
	process.env.E2E_PACKAGE_TARBALL = buildAndPack(log);
}
