import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import type { VendorPackage } from './packages';
import { committedFiles, links, packageFolder, packageFolderProblems, PACKED, REPO_ROOT, rootManifest, VENDOR_PACKAGES } from './packages';

/**
 * `npm run build:packages`: from the same source tree, one publishable package per vendor under
 * packages/<name>/ (its dist/ with that vendor's nodes and credential and the shared core compiled
 * in, its icons and codex files, a README made from its node page, the licence), and every package
 * packed as npm would publish it into build/packages/, the umbrella too.
 *
 * `--check` changes nothing and fails when a committed file of a package folder (package.json,
 * tsconfig.json, eslint.config.mjs, the links to the sources) is not what this script would write.
 */

const GITHUB = 'https://github.com/n8n-nodes-health-practice/n8n-nodes-health-practice';

function writeFolder(pkg: VendorPackage): void {
	const folder = packageFolder(pkg);
	for (const [file, content] of Object.entries(committedFiles(pkg))) {
		mkdirSync(dirname(join(folder, file)), { recursive: true });
		writeFileSync(join(folder, file), content);
	}
	for (const [link, target] of Object.entries(links(pkg))) {
		const path = join(folder, link);
		mkdirSync(dirname(path), { recursive: true });
		removeEntry(path);
		symlinkSync(target, path);
	}
}

/** Removes a link without following it, or a file or folder that stands where a link should. */
function removeEntry(path: string): void {
	let entry;
	try {
		entry = lstatSync(path);
	} catch {
		return;
	}
	if (entry.isSymbolicLink() || entry.isFile()) unlinkSync(path);
	else rmSync(path, { recursive: true });
}

function build(pkg: VendorPackage): void {
	const folder = packageFolder(pkg);
	rmSync(join(folder, 'dist'), { recursive: true, force: true });
	execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(folder, 'tsconfig.json')], { stdio: 'inherit' });
	// Icons: tsc emits the code and the codex JSON, not images.
	const icons = join(REPO_ROOT, 'nodes', pkg.vendor);
	for (const file of readdirSync(icons).filter((name) => /\.(svg|png)$/.test(name))) {
		copyFileSync(join(icons, file), join(folder, 'dist', 'nodes', pkg.vendor, file));
	}
	writeFileSync(join(folder, 'README.md'), readmeFor(pkg));
	copyFileSync(join(REPO_ROOT, 'LICENSE'), join(folder, 'LICENSE'));
}

/** The node page, with links into the repository made absolute (npm shows the README alone). */
function readmeFor(pkg: VendorPackage): string {
	const page = readFileSync(join(REPO_ROOT, 'docs', 'nodes', `${pkg.page}.md`), 'utf8');
	const absolute = page.replace(/(!?\[[^\]]*\]\()(?!https?:|#|mailto:)([^)\s]+)\)/g, (_match, label: string, target: string) => {
		const path = join('docs', 'nodes', target).replace(/\\/g, '/');
		const image = label.startsWith('!');
		return `${label}${GITHUB}/${image ? 'raw' : 'blob'}/main/${path})`;
	});
	const version = rootManifest().version;
	return [
		`> **${pkg.name}** ${version}: the ${pkg.title} nodes of [n8n-nodes-health-practice](${GITHUB}) as a package of their own.`,
		`> Install it in n8n (*Settings → Community Nodes*) by its name. Its node types are \`${pkg.name}.<node>\`.`,
		'',
		absolute,
	].join('\n');
}

function pack(folder: string): string {
	mkdirSync(PACKED, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', PACKED], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
	return join(PACKED, filename);
}

function main(): void {
	if (process.argv.includes('--check')) {
		const problems = packageFolderProblems();
		for (const problem of problems) console.error(problem);
		process.exit(problems.length > 0 ? 1 : 0);
	}
	rmSync(PACKED, { recursive: true, force: true });
	const tarballs = [pack(REPO_ROOT)];
	for (const pkg of VENDOR_PACKAGES) {
		writeFolder(pkg);
		build(pkg);
		tarballs.push(pack(packageFolder(pkg)));
	}
	for (const tarball of tarballs) console.log(relative(REPO_ROOT, tarball));
}

main();
