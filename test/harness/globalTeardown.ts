import { removePack } from './package';

/** Removes the packed tarball globalSetup made. */
export default async function globalTeardown(): Promise<void> {
	if (process.env.E2E_PACKAGE_TARBALL) removePack(process.env.E2E_PACKAGE_TARBALL);
}
