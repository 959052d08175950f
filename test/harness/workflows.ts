import { randomUUID } from 'node:crypto';

import type { INodeType } from 'n8n-workflow';

import { PACKAGE_NAME } from './n8nProcess';
import type { CredentialRef, WorkflowDefinition, WorkflowNode } from './n8nApi';

/** Small workflows the scenarios publish or run: one of our nodes plus n8n's own No Operation. */

export const NO_OP = 'Received';
export const REMOVE_DUPLICATES = 'Remove Duplicates';

/**
 * n8n's Remove Duplicates node keyed on the items' `dedupeKey`, in its "remove items processed in
 * previous executions" mode (its history is in n8n's database, so shared by every process): the
 * step README's queue-mode section and the examples put after a trigger.
 */
export function removeDuplicatesNode(position: [number, number]): WorkflowNode {
	return {
		id: randomUUID(),
		name: REMOVE_DUPLICATES,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position,
		parameters: { operation: 'removeItemsSeenInPreviousExecutions', dedupeValue: '={{ $json.dedupeKey }}', options: {} },
	};
}
export const MANUAL_TRIGGER = 'When clicking Execute workflow';

/** `<package>.<node name>`, as n8n names the types of an installed community package. */
export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

export function credentialsOf(credential: CredentialRef): WorkflowNode['credentials'] {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

/**
 * A trigger → No Operation workflow (with `dedupe`: trigger → Remove Duplicates → No Operation);
 * the trigger gets a fixed `webhookId`, so its URLs are known.
 */
export function triggerWorkflow(options: {
	name: string;
	triggerName: string;
	type: string;
	parameters: Record<string, unknown>;
	credential: CredentialRef;
	/** Fixes the trigger's URLs: `/webhook/<webhookId>/…`. */
	webhookId: string;
	/** The trigger's version: 2, what the editor adds today, unless a scenario is about version 1. */
	typeVersion?: number;
	dedupe?: boolean;
}): WorkflowDefinition {
	const { webhookId } = options;
	const after = options.dedupe ? REMOVE_DUPLICATES : options.triggerName;
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: options.triggerName,
				type: options.type,
				typeVersion: options.typeVersion ?? 2,
				position: [0, 0],
				webhookId,
				parameters: options.parameters,
				credentials: credentialsOf(options.credential),
			},
			...(options.dedupe ? [removeDuplicatesNode([260, 0])] : []),
			noOp([options.dedupe ? 520 : 260, 0]),
		],
		connections: {
			...(options.dedupe ? { [options.triggerName]: { main: [[{ node: REMOVE_DUPLICATES, type: 'main' as const, index: 0 as const }]] } } : {}),
			[after]: { main: [[{ node: NO_OP, type: 'main', index: 0 }]] },
		},
	};
}

/** One action node of a workflow built by `actionsWorkflow`. */
export interface ActionStep {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	/** The node it follows and takes its items from; default: the step before it (the Manual Trigger for the first). */
	after?: string;
	/** n8n's "Execute Once" setting: the node runs for its first input item only. */
	executeOnce?: boolean;
}

/**
 * Manual Trigger → action nodes with one credential, each after the node it names, so that one
 * manual run (`api.executeManually(id, MANUAL_TRIGGER)`) exercises many operations; expressions may
 * use the output of the node a step follows. With n8n's v1 execution order (what the editor sets),
 * branches off one node run one after another, top to bottom: in the order given.
 */
export function actionsWorkflow(options: { name: string; credential: CredentialRef; steps: ActionStep[] }): WorkflowDefinition {
	const column = new Map<string, number>([[MANUAL_TRIGGER, 0]]);
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	const nodes: WorkflowNode[] = options.steps.map((step, row) => {
		const after = step.after ?? (row === 0 ? MANUAL_TRIGGER : options.steps[row - 1].name);
		const from = column.get(after);
		if (from === undefined) throw new Error(`"${step.name}" follows "${after}", which comes later or does not exist`);
		column.set(step.name, from + 1);
		(connections[after] ??= { main: [[]] }).main[0].push({ node: step.name, type: 'main', index: 0 });
		return {
			id: randomUUID(),
			name: step.name,
			type: step.type,
			typeVersion: step.typeVersion ?? 1,
			position: [(from + 1) * 260, row * 160],
			parameters: step.parameters,
			credentials: credentialsOf(options.credential),
			...(step.executeOnce ? { executeOnce: true } : {}),
		};
	});
	const trigger: WorkflowNode = {
		id: randomUUID(),
		name: MANUAL_TRIGGER,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return { name: options.name, nodes: [trigger, ...nodes], connections, settings: { executionOrder: 'v1' } };
}

/**
 * Every `resource.operation` an action node offers, read from its description as the editor reads
 * it (the `operation` pickers and the resources they show for), so that a scenario can check it ran
 * them all.
 */
export function operationsOf(node: INodeType): string[] {
	return node.description.properties.flatMap((property) => {
		if (property.name !== 'operation' || property.type !== 'options') return [];
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		const operations = (property.options ?? []).map((option) => String((option as { value: unknown }).value));
		return resources.flatMap((resource) => operations.map((operation) => `${resource}.${operation}`));
	});
}

/** The `resource.operation` of each step, as `operationsOf` names them. */
export function operationsRunBy(steps: ActionStep[]): string[] {
	return steps.map((step) => `${String(step.parameters.resource)}.${String(step.parameters.operation)}`);
}

function noOp(position: [number, number]): WorkflowNode {
	return {
		id: randomUUID(),
		name: NO_OP,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position,
		parameters: {},
	};
}
