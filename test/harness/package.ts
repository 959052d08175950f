import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */

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
