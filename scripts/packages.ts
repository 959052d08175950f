import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The packages this repository publishes: the umbrella (every vendor; what self-hosted admins
 * install in one step) and one package per vendor, built from the same source, each integrating
 * one service as n8n's verification asks. Each per-vendor package has a folder of its own under
 * packages/ that holds its package.json and links to its vendor's sources and the shared core, so
 * that the source n8n's scanner fetches for a package (the folder whose package.json has its name)
 * holds exactly that package's nodes and credential.
 */

export const REPO_ROOT = resolve(__dirname, '..').replace(/\/\.tsbuild$/, '');

export interface VendorPackage {
	/** The npm name (free on the registry when chosen). */
	name: string;
	/** The folder under nodes/ and the credential's prefix, e.g. `HeroHealth`. */
	vendor: string;
	/** The vendor as people write it. */
	title: string;
	/** Its node page under docs/nodes/. */
	page: string;
	keywords: string[];
	description: string;
}

export const VENDOR_PACKAGES: VendorPackage[] = [
	{
		name: 'n8n-nodes-herohealth',
		vendor: 'HeroHealth',
		title: 'Hero Health',
		page: 'hero-health',
		keywords: ['hero health', 'gp', 'nhs', 'healthcare'],
		description: 'n8n nodes for Hero Health (UK GP practices): a signed, self-registering trigger, and actions for messages, patients and appointment booking.',
	},
	{
		name: 'n8n-nodes-healthie',
		vendor: 'Healthie',
		title: 'Healthie',
		page: 'healthie',
		keywords: ['healthie', 'ehr', 'healthcare'],
		description: 'n8n nodes for Healthie (virtual-care EHR): a signed, self-registering trigger for every webhook event, and actions for patients, appointments and forms.',
	},
	{
		name: 'n8n-nodes-hearlink',
		vendor: 'HearLink',
		title: 'HearLink',
		page: 'hearlink',
		keywords: ['hearlink', 'audiology', 'healthcare'],
		description: 'n8n nodes for HearLink (UK audiology clinics): a signed trigger, and actions for patients, appointments and invoices.',
	},
	{
		name: 'n8n-nodes-rxscale',
		vendor: 'RxScale',
		title: 'RxScale',
		page: 'rxscale',
		keywords: ['rxscale', 'pharmacy', 'telemedicine', 'healthcare'],
		description: 'n8n nodes for RxScale (telemedicine and pharmacy orders): a signed, self-registering trigger, and actions for orders, patients and webhook subscriptions.',
	},
];

export const PACKAGES_FOLDER = join(REPO_ROOT, 'packages');

/** Where `build:packages` leaves every tarball, as npm would publish it. */
export const PACKED = join(REPO_ROOT, 'build', 'packages');

/** The tarball `build:packages` packs for a package of this name. */
export function packedTarball(name: string, version = rootManifest().version): string {
	return join(PACKED, `${name}-${version}.tgz`);
}

export function packageFolder(pkg: VendorPackage): string {
	return join(PACKAGES_FOLDER, pkg.name);
}

interface RootManifest {
	version: string;
	license: string;
	homepage: string;
	repository: { type: string; url: string };
	author: unknown;
	engines: unknown;
	peerDependencies: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
}

export function rootManifest(): RootManifest {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as RootManifest;
}

/** The package.json of a per-vendor package: the umbrella's, with only that vendor's nodes and credential. */
export function manifestFor(pkg: VendorPackage, root = rootManifest()): Record<string, unknown> {
	const own = (file: string) => file.startsWith(`dist/nodes/${pkg.vendor}/`) || file === `dist/credentials/${pkg.vendor}Api.credentials.js`;
	return {
		name: pkg.name,
		version: root.version,
		description: pkg.description,
		keywords: ['n8n-community-node-package', 'n8n', ...pkg.keywords],
		license: root.license,
		homepage: `${root.homepage}/blob/main/docs/nodes/${pkg.page}.md`,
		repository: { ...root.repository, directory: `packages/${pkg.name}` },
		author: root.author,
		engines: root.engines,
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: root.n8n.n8nNodesApiVersion,
			strict: true,
			credentials: root.n8n.credentials.filter(own),
			nodes: root.n8n.nodes.filter(own).sort(),
		},
		peerDependencies: root.peerDependencies,
	};
}

/** The files each package folder commits, as this script writes them. */
export function committedFiles(pkg: VendorPackage): Record<string, string> {
	return {
		'package.json': `${JSON.stringify(manifestFor(pkg), null, '\t')}\n`,
		'tsconfig.json': `${JSON.stringify(
			{
				extends: '../../tsconfig.json',
				compilerOptions: { rootDir: '.', outDir: './dist', preserveSymlinks: true, declaration: false, sourceMap: false },
				include: ['credentials/**/*.ts', 'nodes/**/*.ts', 'nodes/**/*.json'],
			},
			null,
			'\t',
		)}\n`,
		// n8n's template, unchanged: `n8n-node lint` insists on it for a strict package.
		'eslint.config.mjs': readFileSync(join(REPO_ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs'), 'utf8'),
		'.gitignore': 'dist/\nREADME.md\nLICENSE\n',
	};
}

/** The package's sources: links into the repository's own folders, so that there is one copy. */
export function links(pkg: VendorPackage): Record<string, string> {
	return {
		[`nodes/${pkg.vendor}`]: `../../../nodes/${pkg.vendor}`,
		'nodes/shared': '../../../nodes/shared',
		[`credentials/${pkg.vendor}Api.credentials.ts`]: `../../../credentials/${pkg.vendor}Api.credentials.ts`,
	};
}

/** What differs between the committed package folders and what `build:packages` writes. */
export function packageFolderProblems(): string[] {
	const problems: string[] = [];
	for (const pkg of VENDOR_PACKAGES) {
		const folder = packageFolder(pkg);
		for (const [file, content] of Object.entries(committedFiles(pkg))) {
			const path = join(folder, file);
			if (!existsSync(path) || readFileSync(path, 'utf8') !== content) problems.push(`${relative(REPO_ROOT, path)} is not what build:packages writes`);
		}
		for (const [link, target] of Object.entries(links(pkg))) {
			const path = join(folder, link);
			if (!existsSync(path) || !lstatSync(path).isSymbolicLink() || readlinkSync(path) !== target) {
				problems.push(`${relative(REPO_ROOT, path)} should link to ${target}`);
			}
		}
	}
	return problems;
}
