import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { packedTarball, VENDOR_PACKAGES } from '../../scripts/packages';

/** Builds the packages and packs them as npm would publish them. */

export const REPO_ROOT = resolve(__dirname, '..', '..').replace(/\/\.tsbuild$/, '');

export function buildAndPack(log: (line: string) => void = () => undefined): string {
	log('Building the package (npm run build)…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const destination = mkdtempSync(join(tmpdir(), 'n8n-nodes-health-practice-pack-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * `npm run build:packages`: the umbrella and every per-vendor package, packed into build/packages/.
 * Returns the umbrella's tarball; `vendorTarball` finds the others.
 */
export function buildAllPackages(log: (line: string) => void = () => undefined): string {
	log('Building the umbrella and the per-vendor packages (npm run build:packages)…');
	execFileSync('npm', ['run', 'build:packages', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const umbrella = packedTarball((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name);
	for (const tarball of [umbrella, ...VENDOR_PACKAGES.map((pkg) => packedTarball(pkg.name))]) {
		if (!existsSync(tarball)) throw new Error(`build:packages made no ${tarball}`);
	}
	return umbrella;
}

/** The name in a tarball's package.json: the folder n8n installs it into, and its node types' prefix. */
export function packageNameOf(tarball: string): string {
	const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
	return (JSON.parse(manifest) as { name: string }).name;
}

/** Removes what `buildAndPack` made (n8n keeps its own unpacked copy). */
export function removePack(tarball: string): void {
	rmSync(dirname(tarball), { recursive: true, force: true });
}

/** The node and credential files the package declares (package.json `n8n`). */
export function declaredFiles(): { nodes: string[]; credentials: string[] } {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return { nodes: manifest.n8n.nodes, credentials: manifest.n8n.credentials };
}
