import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { manifestFor, packageFolder, packageFolderProblems, REPO_ROOT, rootManifest, VENDOR_PACKAGES } from '../../../scripts/packages';

/**
 * The per-vendor packages (`npm run build:packages`) and the release workflow that publishes them.
 * What n8n's scanner says about the built packages is `npm run verify:packages` (run by .ci/run).
 */

const root = rootManifest() as ReturnType<typeof rootManifest> & { name: string; dependencies?: unknown };

describe('per-vendor packages', () => {
	it('the folders committed under packages/ are what build:packages writes (so the scanner reads the right source)', () => {
		expect(packageFolderProblems()).toEqual([]);
	});

	it.each(VENDOR_PACKAGES)('$name declares only its own nodes and credential, strict, with no runtime dependency', (pkg) => {
		const manifest = manifestFor(pkg) as { name: string; keywords: string[]; dependencies?: unknown; peerDependencies: unknown; n8n: { strict: boolean; nodes: string[]; credentials: string[] } };

		expect(manifest.name).toBe(pkg.name);
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.n8n.strict).toBe(true);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.n8n.credentials).toEqual([`dist/credentials/${pkg.vendor}Api.credentials.js`]);
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		for (const node of manifest.n8n.nodes) expect(node.startsWith(`dist/nodes/${pkg.vendor}/`)).toBe(true);
	});

	it('together the per-vendor packages ship every node and credential the umbrella ships, each once', () => {
		const manifests = VENDOR_PACKAGES.map((pkg) => manifestFor(pkg) as { n8n: { nodes: string[]; credentials: string[] } });

		expect(manifests.flatMap((m) => m.n8n.nodes).sort()).toEqual([...root.n8n.nodes].sort());
		expect(manifests.flatMap((m) => m.n8n.credentials).sort()).toEqual([...root.n8n.credentials].sort());
	});

	it('the umbrella has no runtime dependency and no "main" that points nowhere', () => {
		expect(root.dependencies).toBeUndefined();
		expect((root as { main?: string }).main).toBeUndefined();
	});
});

describe('the release workflow (.github/workflows/publish.yml)', () => {
	interface Step {
		name?: string;
		run?: string;
		'working-directory'?: string;
		env?: Record<string, string>;
	}
	const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'publish.yml'), 'utf8')) as {
		on: { push: { tags: string[] } };
		jobs: Record<string, { permissions: Record<string, string>; env?: Record<string, string>; steps: Step[] }>;
	};
	const jobs = Object.values(workflow.jobs);
	const steps = jobs.flatMap((job) => job.steps.map((step) => ({ job, step })));
	const publishing = steps.filter(({ step }) => /\bnpm publish\b/.test(step.run ?? ''));
	const nameIn = (folder: string) => (JSON.parse(readFileSync(join(REPO_ROOT, folder, 'package.json'), 'utf8')) as { name: string }).name;

	it('runs on version tags only', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push.tags).toEqual(['v*.*.*']);
	});

	it('publishes exactly the packages build:packages makes: the umbrella and each per-vendor package, once', () => {
		const published = publishing.map(({ step }) => nameIn(step['working-directory'] ?? '.'));

		expect(published.sort()).toEqual([root.name, ...VENDOR_PACKAGES.map((pkg) => pkg.name)].sort());
		for (const pkg of VENDOR_PACKAGES) {
			expect(publishing.some(({ step }) => step['working-directory'] === packageFolder(pkg).slice(REPO_ROOT.length + 1))).toBe(true);
		}
	});

	it('publishes with npm provenance from a job allowed to mint the OIDC token', () => {
		for (const { job, step } of publishing) {
			expect(job.permissions['id-token']).toBe('write');
			const provenance = step.run!.includes('--provenance') || { ...job.env, ...step.env }.NPM_CONFIG_PROVENANCE === 'true';
			expect({ step: step.name, provenance }).toEqual({ step: step.name, provenance: true });
		}
	});

	it('builds and checks every package (verify:packages) before the first publish', () => {
		const firstPublish = steps.findIndex(({ step }) => /\bnpm publish\b/.test(step.run ?? ''));
		const verify = steps.findIndex(({ step }) => /npm run verify:packages/.test(step.run ?? ''));

		expect(verify).toBeGreaterThanOrEqual(0);
		expect(verify).toBeLessThan(firstPublish);
	});
});
