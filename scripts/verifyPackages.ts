import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import type { VendorPackage } from './packages';
import { packageFolderProblems, packedTarball, REPO_ROOT, VENDOR_PACKAGES } from './packages';

/**
 * `npm run verify:packages` (after `build:packages`): what n8n's verification scanner,
 * `@n8n/scan-community-package`, would decide about every package, run here with its own code.
 *
 * The scanner lints two things: the source its npm provenance points at (a GitHub tarball of the
 * commit, in which it looks for the folder whose package.json has the package's name, and lints
 * its package.json, nodes/ and credentials/), and the published tarball (its compiled `.js` and
 * package.json). Both legs run here, the source leg on an archive of the commit being checked.
 * The provenance check itself needs a package published from CI and is the one step skipped.
 *
 * Two more checks the scanner cannot make: the source leg must really reach a package's nodes
 * through its links (a canary violation planted in the vendor's folder must fail it), and no file
 * of a per-vendor package may name another vendor.
 */

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	SOURCE_FILE_PATTERNS: string[];
	analyzePackage(dir: string, patterns?: string[]): Promise<ScanResult>;
	findPackageRoot(sourceDir: string, packageName: string): string | null;
}

// The scanner is an ES module; Node 20.19+ loads it with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scanner = require('@n8n/scan-community-package/scanner/scanner.mjs') as Scanner;

/** The patterns the scanner's tarball leg lints (its `analyzePackageByName`). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** How each vendor can be named in a file; a per-vendor package names its own vendor only. */
const VENDOR_NAMES: Record<string, RegExp> = {
	HeroHealth: /hero[\s_-]?health/i,
	Healthie: /healthie/i,
	HearLink: /hear[\s_-]?link/i,
	RxScale: /rx[\s_-]?scale/i,
};

interface PackageUnderCheck {
	name: string;
	vendor?: VendorPackage;
}

/**
 * The source as GitHub would serve it for this commit: the tracked files as they are now (so the
 * check can run before a commit), symlinks kept as links, untracked and ignored files absent.
 * Only reads the repository: CI's checkout refused `git stash create`, which writes the index.
 */
function sourceArchive(into: string): string {
	const tracked = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: REPO_ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((path) => path !== '' && lstatSync(join(REPO_ROOT, path), { throwIfNoEntry: false }));
	const list = join(into, 'tracked-files');
	writeFileSync(list, tracked.join('\0'));
	const archive = join(into, 'source.tar');
	execFileSync('tar', ['--null', '-T', list, '-cf', archive], { cwd: REPO_ROOT });
	const source = join(into, 'source');
	mkdirSync(source);
	execFileSync('tar', ['-xf', archive, '-C', source]);
	return source;
}

function unpack(tarball: string, into: string): string {
	const folder = mkdtempSync(join(into, 'tarball-'));
	execFileSync('tar', ['-xzf', tarball, '-C', folder]);
	return join(folder, 'package');
}

/** Every file under a folder, following links as the scanner's glob does. */
function filesUnder(folder: string): string[] {
	return readdirSync(folder).flatMap((entry) => {
		const path = join(folder, entry);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

function otherVendorMentions(folder: string, own: VendorPackage): string[] {
	const others = Object.entries(VENDOR_NAMES).filter(([vendor]) => vendor !== own.vendor);
	return filesUnder(folder).flatMap((file) => {
		const text = readFileSync(file, 'utf8');
		return others.filter(([, pattern]) => pattern.test(text)).map(([vendor]) => `${relative(folder, file)} names ${vendor}`);
	});
}

function report(label: string, result: ScanResult, problems: string[]): void {
	if (result.passed) return;
	problems.push(`${label}: ${result.message ?? 'failed'}${result.details ? `\n${result.details}` : ''}`);
}

async function verify(pkg: PackageUnderCheck, source: string, work: string, problems: string[]): Promise<void> {
	const root = scanner.findPackageRoot(source, pkg.name);
	if (root === null) {
		problems.push(`${pkg.name}: n8n's scanner would find no folder in the source whose package.json has this name`);
	} else {
		report(`${pkg.name} (source, ${relative(source, root) || '.'})`, await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS), problems);
		if (pkg.vendor) await expectCanaryCaught(pkg.vendor, root, problems);
	}
	const tarball = unpack(packedTarball(pkg.name), work);
	report(`${pkg.name} (tarball)`, await scanner.analyzePackage(tarball, TARBALL_PATTERNS), problems);
	if (pkg.vendor) problems.push(...otherVendorMentions(tarball, pkg.vendor).map((problem) => `${pkg.name} (tarball): ${problem}`));
	console.log(`${pkg.name}: checked`);
}

/** A violation planted in the vendor's linked folder must fail the source leg, or that leg proves nothing. */
async function expectCanaryCaught(vendor: VendorPackage, root: string, problems: string[]): Promise<void> {
	const canary = join(root, 'nodes', vendor.vendor, 'scannerCanary.ts');
	writeFileSync(canary, "console.log('the scanner reads this folder');\n");
	try {
		const result = await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS);
		if (result.passed) problems.push(`${vendor.name}: the scanner's source leg does not reach nodes/${vendor.vendor} through the package folder's link`);
	} finally {
		rmSync(canary);
	}
}

async function main(): Promise<void> {
	const problems = packageFolderProblems();
	const work = mkdtempSync(join(tmpdir(), 'verify-packages-'));
	try {
		const source = sourceArchive(work);
		const packages: PackageUnderCheck[] = [{ name: (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name }, ...VENDOR_PACKAGES.map((vendor) => ({ name: vendor.name, vendor }))];
		for (const pkg of packages) await verify(pkg, source, work, problems);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	for (const problem of problems) console.error(problem);
	if (problems.length > 0) process.exit(1);
	console.log('every package passes n8n\'s scanner analysis (provenance is checked only once published)');
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
