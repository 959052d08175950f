import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';
import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import type { CredentialRef, ImportedExample, N8nApi, Workflow } from '../test/harness';
import { actionsWorkflow, buildAndPack, createSandboxCredentials, declaredFiles, importExamples, nodeType, provision, removePack, REPO_ROOT, sendSampleEvents, startStack, triggerWorkflow } from '../test/harness';

/**
 * `npm run docs:screenshots`: the real editor in headless Chromium (Debian's `chromium`, never a
 * downloaded browser), with the demo's workflows. Saves into docs/: each node's panel
 * (`node-<name>.png`), a From List dropdown open on the sandbox's results
 * (`node-heroHealth-from-list.png`), each credential's dialog (`credential-<type>.png`) and a
 * successful execution of each published example (`execution-<example>.png`).
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const DOCS = join(REPO_ROOT, 'docs');
const UI_TIMEOUT = 120_000;

async function main(): Promise<void> {
	if (!existsSync(CHROMIUM)) {
		console.error(
			`No Chromium at ${CHROMIUM}. Install Debian's package (the screenshots never download a browser):\n` +
				'  sudo apt-get update && sudo apt-get install -y chromium',
		);
		process.exit(1);
	}
	const provisioned = await provision();
	const packageTarball = buildAndPack(console.log);
	mkdirSync(DOCS, { recursive: true });

	const stack = await startStack({ provisioned, packageTarball, https: true }).finally(() => removePack(packageTarball));
	let browser: Browser | undefined;
	try {
		const { api } = stack.n8n;
		const credentials = await createSandboxCredentials(api, stack.sandbox, (webhookId) => stack.n8n.webhookUrl(webhookId));
		const imported = await importExamples(api, credentials);
		const { delivered } = await sendSampleEvents(stack.sandbox, imported);

		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = api.sessionCookie.split(/=(.*)/s);
		await context.addCookies([{ name, value, url: stack.n8n.url }]);
		const page = await context.newPage();
		page.setDefaultTimeout(UI_TIMEOUT);

		const shots: Array<() => Promise<void>> = [];
		for (const type of await nodeTypes()) {
			const workflow = await workflowShowing(api, imported, credentials, type);
			shots.push(() => shootNodePanel(page, stack.n8n.url, workflow, type));
		}
		const hero = credentials.find((credential) => credential.type === 'heroHealthApi');
		if (hero) {
			const picking = await api.createWorkflow(
				actionsWorkflow({ name: 'Picking from a list', credential: hero, steps: [{ name: 'List Slots', type: nodeType('heroHealth'), parameters: FROM_LIST_PARAMETERS }] }),
			);
			shots.push(() => shootFromList(page, stack.n8n.url, picking, 'List Slots'));
		}
		for (const credential of credentials) shots.push(() => shootCredential(page, stack.n8n.url, credential));
		for (const [entry, count] of delivered) {
			const executions = await api.waitForExecutions(entry.workflow.id, count);
			const success = executions.find((execution) => execution.status === 'success');
			if (success) shots.push(() => shootExecution(page, stack.n8n.url, entry, success.id));
		}
		for (const shot of shots) {
			try {
				await shot();
			} catch (error) {
				const seen = join(tmpdir(), `n8n-screenshot-failure-${Date.now()}.png`);
				await page.screenshot({ path: seen }).catch(() => undefined);
				throw new Error(`${(error as Error).message}\nWhat the browser showed: ${seen}`);
			}
		}
	} finally {
		await browser?.close();
		await stack.stop();
	}
}

interface PackageNodeType {
	name: string;
	displayName: string;
	credentialType?: string;
	trigger: boolean;
}

/** Every node the package declares, read from the built classes. */
async function nodeTypes(): Promise<PackageNodeType[]> {
	const types: PackageNodeType[] = [];
	for (const file of declaredFiles().nodes) {
		const exported = (await import(join(REPO_ROOT, file))) as Record<string, new () => INodeType>;
		const { description } = new (Object.values(exported)[0])();
		types.push({
			name: description.name,
			displayName: description.displayName,
			credentialType: description.credentials?.[0]?.name,
			trigger: description.group.includes('trigger'),
		});
	}
	return types;
}

/** An imported example with this node, or a one-node workflow made for the picture. */
async function workflowShowing(
	api: N8nApi,
	imported: ImportedExample[],
	credentials: CredentialRef[],
	type: PackageNodeType,
): Promise<Workflow> {
	const example = imported.find(({ workflow }) => workflow.nodes.some((node) => node.type === nodeType(type.name)));
	if (example) return example.workflow;
	const credential = credentials.find((candidate) => candidate.type === type.credentialType);
	if (!credential) throw new Error(`No sandbox credential for ${type.name} (${type.credentialType})`);
	const common = { name: type.displayName, type: nodeType(type.name), parameters: {}, credential };
	return await api.createWorkflow(
		type.trigger
			? triggerWorkflow({ ...common, triggerName: type.displayName, webhookId: randomUUID() })
			: actionsWorkflow({ name: type.displayName, credential, steps: [{ name: type.displayName, type: common.type, parameters: {} }] }),
	);
}

async function shootNodePanel(page: Page, baseUrl: string, workflow: Workflow, type: PackageNodeType): Promise<void> {
	const node = workflow.nodes.find((candidate) => candidate.type === nodeType(type.name))!;
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`).dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
	await settle(page);
	await save(page, `node-${type.name}.png`);
}

/** Hero's List Slots with its Appointment Type filter in From List mode: the dropdown opened on the vendor's results. */
const FROM_LIST_PARAMETERS = { resource: 'slot', operation: 'getAll', filters: { appointmentTypeId: { __rl: true, mode: 'list', value: '' } } };

async function shootFromList(page: Page, baseUrl: string, workflow: Workflow, nodeName: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
	await page.getByTestId('rlc-input').first().click();
	await page.getByTestId('rlc-item').first().waitFor({ state: 'visible' });
	await settle(page);
	await save(page, 'node-heroHealth-from-list.png');
}

async function shootCredential(page: Page, baseUrl: string, credential: CredentialRef): Promise<void> {
	await page.goto(`${baseUrl}/home/credentials/${credential.id}`);
	await page.getByTestId('editCredential-modal').waitFor({ state: 'visible' });
	await settle(page);
	await save(page, `credential-${credential.type}.png`);
}

/** The execution on the canvas (every node green), then the last node opened on its input and output. */
async function shootExecution(page: Page, baseUrl: string, entry: ImportedExample, executionId: string): Promise<void> {
	const name = entry.example.file.replace(/\.json$/, '');
	// Sticky notes are not canvas nodes: the last node that ran is the last one that is not a note.
	const last = entry.workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').at(-1)!;
	await page.goto(`${baseUrl}/workflow/${entry.workflow.id}/executions/${executionId}`);
	const lastNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${last.name}"]`);
	await lastNode.waitFor({ state: 'visible' });
	await page.keyboard.press('Escape');
	await settle(page);
	await save(page, `execution-${name}.png`);
	await lastNode.dblclick();
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
	await settle(page);
	await save(page, `execution-${name}-data.png`);
}

/** Lets the editor finish loading and animating before the picture. */
async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1500);
}

async function save(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: join(DOCS, file) });
	console.log(`docs/${file}`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
