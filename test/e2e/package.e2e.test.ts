import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import type { CredentialRef, Stack } from '../harness';
import { createSandboxCredentials, declaredFiles, failedOutcomes, loadExamples, MANUAL_TRIGGER, PACKAGE_NAME, REPO_ROOT, runExamples, startStack, vendorFor } from '../harness';

/**
 * The package as a whole in a real n8n: what it declares loads under the package's name, and every
 * example workflow imports, publishes and runs on the sandbox's sample events, as `npm start` shows.
 */

let stack: Stack;
let credentials: CredentialRef[];

beforeAll(async () => {
	// Behind https, as `npm start` runs it: RxScale's examples subscribe, and RxScale only delivers to https.
	stack = await startStack({ https: true });
	credentials = await createSandboxCredentials(stack.n8n.api, stack.sandbox, (webhookId) =>
		stack.n8n.webhookUrl(webhookId),
	);
});

afterAll(async () => {
	await stack?.stop();
});

/** The type names the built files declare, read from the classes themselves. */
async function declared<T>(files: string[], nameOf: (instance: T) => string): Promise<string[]> {
	const names: string[] = [];
	for (const file of files) {
		const exported = (await import(join(REPO_ROOT, file))) as Record<string, new () => T>;
		names.push(nameOf(new (Object.values(exported)[0])()));
	}
	return names;
}

it('loads every node and credential the package declares, named as an installed community package', async () => {
	const files = declaredFiles();
	const nodes = await declared<INodeType>(files.nodes, (node) => `${PACKAGE_NAME}.${node.description.name}`);
	const credentialTypes = await declared<ICredentialType>(files.credentials, (credential) => credential.name);

	const loaded = await stack.n8n.api.loadedTypes();

	expect(nodes.length).toBeGreaterThan(0);
	expect(loaded.nodes).toEqual(expect.arrayContaining(nodes));
	expect(loaded.credentials).toEqual(expect.arrayContaining(credentialTypes));
});

it('every credential an example refers to is one the sandbox provides (test/vendors/)', () => {
	const unknown = loadExamples().flatMap((example) =>
		example.credentials.filter((credential) => !vendorFor(credential)).map((c) => `${example.file}: "${c.name}" (${c.type})`),
	);
	expect(unknown).toEqual([]);
});

it("imports and publishes every example, and each runs successfully on the sandbox's sample events", async () => {
	const { skipped, outcomes } = await runExamples(stack, credentials);

	expect(skipped).toEqual([]);
	expect(outcomes.length).toBeGreaterThan(0);
	expect(failedOutcomes(outcomes)).toEqual([]);
});

it("runs a workflow the way the editor's Execute button does (what action scenarios use)", async () => {
	const { api } = stack.n8n;
	const workflow = await api.createWorkflow({
		name: 'Manual run',
		nodes: [
			{ name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		],
		connections: {},
	});

	const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

	expect(execution).toMatchObject({ status: 'success', mode: 'manual', workflowId: workflow.id });
});
