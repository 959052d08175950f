import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Removes the packed tarball globalSetup made. */
export default async function globalTeardown(): Promise<void> {
	const tarball = process.env.E2E_PACKAGE_TARBALL;
	if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
}
