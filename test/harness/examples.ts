import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Sandbox } from '../sandbox';
import type { DeliveryRecord } from '../sandbox/deliveries';
import { credentialsFor, KITS } from '../vendors';
import type { ExampleTrigger, VendorKit } from '../vendors';
import type { CredentialRef, N8nApi, Workflow, WorkflowDefinition } from './n8nApi';
import { REPO_ROOT } from './package';
import type { Stack } from './stack';

/**
 * The example workflows in `examples/`, as `npm start` and the e2e suite use them: each refers to
 * its credentials by name ("Hero Health (sandbox)"); those are created from the sandbox's
 * simulations, one per vendor kit (its `demo` part), and bound by name when the example is imported.
 */

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export interface Example {
	file: string;
	definition: WorkflowDefinition;
	/** The credentials its nodes refer to, by type and name. */
	credentials: Array<{ type: string; name: string }>;
	/** Whether it starts from a trigger that publishing activates (not only a manual trigger). */
	publishable: boolean;
}

export interface ImportedExample {
	example: Example;
	workflow: Workflow;
	published: boolean;
}

export function loadExamples(dir = EXAMPLES_DIR): Example[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowDefinition;
			const definition: WorkflowDefinition = {
				name: raw.name,
				nodes: raw.nodes,
				connections: raw.connections,
				settings: raw.settings ?? {},
			};
			const credentials = raw.nodes.flatMap((node) =>
				Object.entries(node.credentials ?? {}).map(([type, ref]) => ({ type, name: ref.name })),
			);
			const publishable = raw.nodes.some(
				(node) => /trigger$/i.test(node.type) && node.type !== 'n8n-nodes-base.manualTrigger',
			);
			return { file, definition, credentials, publishable };
		});
}

/** The example as it reads for a package of another name: `<package>.<node>` types renamed. */
export function forPackage(example: Example, from: string, to: string): Example {
	const nodes = example.definition.nodes.map((node) =>
		node.type.startsWith(`${from}.`) ? { ...node, type: `${to}.${node.type.slice(from.length + 1)}` } : node,
	);
	return { ...example, definition: { ...example.definition, nodes } };
}

/** The vendor kit that provides a sandbox credential of this type and name, if any. */
export function vendorFor(credential: { type: string; name: string }): VendorKit | undefined {
	return KITS.find((kit) => kit.credentialType.name === credential.type && kit.demo.credentialName === credential.name);
}

/**
 * One credential per sandbox vendor, pointing at the sandbox, named as the examples name them.
 * With `webhookUrl` (n8n's Production URL for a `webhookId`), each vendor also learns which
 * example triggers will be published with its credential, so that it can set up for them what an
 * admin sets up by hand before publishing (a webhook in HearLink's portal, whose secret goes into
 * the credential).
 */
export async function createSandboxCredentials(
	api: N8nApi,
	sandbox: Sandbox,
	webhookUrl?: (webhookId: string) => string,
	examples: Example[] = loadExamples(),
	kits: readonly VendorKit[] = KITS,
): Promise<CredentialRef[]> {
	const created: CredentialRef[] = [];
	for (const kit of kits) {
		const triggers = webhookUrl ? exampleTriggers(examples, kit, webhookUrl) : [];
		created.push(await api.createCredential(kit.demo.credentialName, kit.credentialType.name, credentialsFor(kit, sandbox, triggers)));
	}
	return created;
}

/** The trigger nodes of publishable examples that use this vendor's credential, with their Production URLs. */
function exampleTriggers(
	examples: Example[],
	kit: VendorKit,
	webhookUrl: (webhookId: string) => string,
): ExampleTrigger[] {
	return examples
		.filter((example) => example.publishable)
		.flatMap((example) => example.definition.nodes)
		.filter(
			(node) =>
				node.webhookId &&
				node.credentials?.[kit.credentialType.name]?.name === kit.demo.credentialName,
		)
		.map((node) => ({ type: node.type, parameters: node.parameters, productionUrl: webhookUrl(node.webhookId!) }));
}

/** The example with its credential references bound to created credentials; names it cannot bind. */
export function bindCredentials(
	example: Example,
	available: CredentialRef[],
): { definition: WorkflowDefinition; missing: string[] } {
	const missing = new Set<string>();
	const nodes = example.definition.nodes.map((node) => {
		if (!node.credentials) return node;
		const credentials = Object.fromEntries(
			Object.entries(node.credentials).map(([type, ref]) => {
				const found = available.find((credential) => credential.type === type && credential.name === ref.name);
				if (!found) missing.add(`"${ref.name}" (${type})`);
				return [type, { id: found?.id ?? ref.id, name: ref.name }];
			}),
		);
		return { ...node, credentials };
	});
	return { definition: { ...example.definition, nodes }, missing: [...missing] };
}

/**
 * Imports every example whose credentials exist, publishes those with a trigger and waits until
 * n8n has applied each publication. Examples it cannot satisfy are reported through `skip`.
 */
export async function importExamples(
	api: N8nApi,
	available: CredentialRef[],
	skip: (example: Example, reason: string) => void = () => undefined,
	examples = loadExamples(),
): Promise<ImportedExample[]> {
	const imported: ImportedExample[] = [];
	for (const example of examples) {
		const { definition, missing } = bindCredentials(example, available);
		if (missing.length > 0) {
			skip(example, `no sandbox credential ${missing.join(', ')}`);
			continue;
		}
		const workflow = await api.createWorkflow(definition);
		if (example.publishable) {
			await api.publish(workflow.id);
			await api.waitForPublication(workflow.id);
		}
		imported.push({ example, workflow, published: example.publishable });
	}
	return imported;
}

/**
 * Makes every vendor whose credentials the published examples use send its sample events, and
 * says how many deliveries reached each example (so how many executions it should show).
 */
export async function sendSampleEvents(
	sandbox: Sandbox,
	imported: ImportedExample[],
): Promise<{ vendors: VendorKit[]; delivered: Map<ImportedExample, number> }> {
	const published = imported.filter((entry) => entry.published);
	const vendors = new Set<VendorKit>();
	for (const { example } of published) {
		for (const credential of example.credentials) {
			const vendor = vendorFor(credential);
			if (vendor) vendors.add(vendor);
		}
	}
	const deliveries: DeliveryRecord[] = [];
	for (const kit of vendors) deliveries.push(...(await kit.demo.sendSampleEvents(sandbox)));

	const delivered = new Map<ImportedExample, number>();
	for (const entry of published) {
		const webhookIds = entry.example.definition.nodes.map((node) => node.webhookId).filter(Boolean);
		const reached = deliveries.filter(
			(delivery) => delivery.delivered && webhookIds.some((id) => delivery.url.includes(`/webhook/${id}/`)),
		);
		delivered.set(entry, reached.length);
	}
	return { vendors: [...vendors], delivered };
}

/** What a published example did with the sandbox's sample events. */
export interface ExampleOutcome {
	example: string;
	/** Sample deliveries that reached it. */
	deliveries: number;
	executions: number;
	/** The error of every execution that did not succeed. */
	failed: string[];
}

/**
 * Imports `examples` with the credentials given, publishes those with a trigger, makes the vendors
 * send their sample events and waits for the executions: what `npm start` shows, as outcomes a
 * test can compare (an example that ran as it should has deliveries > 0, as many executions, none
 * failed), and the examples that could not be imported.
 */
export async function runExamples(
	stack: Stack,
	credentials: CredentialRef[],
	examples: Example[] = loadExamples(),
): Promise<{ skipped: string[]; outcomes: ExampleOutcome[] }> {
	const skipped: string[] = [];
	const imported = await importExamples(stack.n8n.api, credentials, (example, reason) => skipped.push(`${example.file}: ${reason}`), examples);
	const { delivered } = await sendSampleEvents(stack.sandbox, imported);
	const outcomes: ExampleOutcome[] = [];
	for (const entry of imported.filter((candidate) => candidate.published)) {
		const deliveries = delivered.get(entry) ?? 0;
		const executions = deliveries > 0 ? await stack.n8n.api.waitForExecutions(entry.workflow.id, deliveries) : [];
		outcomes.push({
			example: entry.example.file,
			deliveries,
			executions: executions.length,
			failed: executions.filter((execution) => execution.status !== 'success').map((execution) => String(execution.data?.resultData?.error?.message)),
		});
	}
	return { skipped, outcomes };
}

/** The outcomes of examples that did not run as they should. */
export const failedOutcomes = (outcomes: ExampleOutcome[]) =>
	outcomes.filter((outcome) => outcome.deliveries === 0 || outcome.executions !== outcome.deliveries || outcome.failed.length > 0);
