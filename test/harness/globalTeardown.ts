import { tmpdir } from 'node:os';

import { removePack } from './package';

/** Removes a tarball globalSetup packed into a temporary folder; build/packages/ stays to be looked at. */
export default async function globalTeardown(): Promise<void> {
	const tarball = process.env.E2E_PACKAGE_TARBALL;
	if (tarball?.startsWith(tmpdir())) removePack(tarball);
}
