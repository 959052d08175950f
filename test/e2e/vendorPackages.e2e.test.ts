import type { Stack } from '../harness';
import { createSandboxCredentials, failedOutcomes, forPackage, loadExamples, PACKAGE_NAME, runExamples, startStack, vendorFor } from '../harness';
import { KITS } from '../vendors';
import { packedTarball, VENDOR_PACKAGES } from '../../scripts/packages';

/**
 * Each per-vendor package (`npm run build:packages`, what n8n can verify) in a real n8n, alone:
 * without the umbrella or any other vendor's package it loads its own nodes and credential only,
 * under its own name, and its vendor's examples, node types renamed for it, publish and run on the
 * sandbox.
 */

const OTHER_PACKAGES = [PACKAGE_NAME, ...VENDOR_PACKAGES.map((pkg) => pkg.name)];

describe.each(VENDOR_PACKAGES)('$name installed alone', (pkg) => {
	const kit = KITS.find((candidate) => candidate.name === pkg.title)!;
	const examples = loadExamples()
		.filter((example) => example.credentials.length > 0 && example.credentials.every((credential) => vendorFor(credential) === kit))
		.map((example) => forPackage(example, PACKAGE_NAME, pkg.name));
	let stack: Stack;

	beforeAll(async () => {
		// Behind https, as `npm start` runs it: RxScale only delivers to https.
		stack = await startStack({ https: true, packageTarball: packedTarball(pkg.name) });
	});

	afterAll(async () => {
		await stack?.stop();
	});

	it('n8n loads its nodes as <package>.<node> and its credential, and nothing of the other packages', async () => {
		const loaded = await stack.n8n.api.loadedTypes();
		const packaged = loaded.nodes.filter((type) => OTHER_PACKAGES.some((name) => type.startsWith(`${name}.`)));

		const own = [kit.action, kit.trigger].flatMap(({ description }) =>
			// n8n adds an AI-agent tool variant of every node that is usable as a tool.
			description.usableAsTool ? [description.name, `${description.name}Tool`] : [description.name],
		);
		expect(packaged.sort()).toEqual(own.map((name) => `${pkg.name}.${name}`).sort());
		const vendorCredentials = KITS.map((other) => other.credentialType.name);
		expect(loaded.credentials.filter((name) => vendorCredentials.includes(name))).toEqual([kit.credentialType.name]);
	});

	it("its vendor's examples, node types renamed for it, publish and run on the sandbox's sample events", async () => {
		expect(examples.length).toBeGreaterThan(0);
		const credentials = await createSandboxCredentials(stack.n8n.api, stack.sandbox, (webhookId) => stack.n8n.webhookUrl(webhookId), examples, [kit]);
		const { skipped, outcomes } = await runExamples(stack, credentials, examples);

		expect(skipped).toEqual([]);
		expect(outcomes.length).toBeGreaterThan(0);
		expect(failedOutcomes(outcomes)).toEqual([]);
	});
});
