import { randomUUID } from 'node:crypto';

import { PACKAGE_NAME } from './n8n';
import type { CredentialRef, WorkflowDefinition, WorkflowNode } from './n8nApi';

/** Small workflows the scenarios publish or run: one of our nodes plus n8n's own No Operation. */

export const NO_OP = 'Received';
export const MANUAL_TRIGGER = 'When clicking Execute workflow';

/** `<package>.<node name>`, as n8n names the types of an installed community package. */
export function nodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

export function credentialsOf(credential: CredentialRef): WorkflowNode['credentials'] {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

/** A trigger → No Operation workflow; the trigger gets a fixed `webhookId`, so its URLs are known. */
export function triggerWorkflow(options: {
	name: string;
	triggerName: string;
	type: string;
	parameters: Record<string, unknown>;
	credential: CredentialRef;
	/** Fixes the trigger's URLs: `/webhook/<webhookId>/…`. */
	webhookId: string;
}): WorkflowDefinition {
	const { webhookId } = options;
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: options.triggerName,
				type: options.type,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: options.parameters,
				credentials: credentialsOf(options.credential),
			},
			noOp([260, 0]),
		],
		connections: { [options.triggerName]: { main: [[{ node: NO_OP, type: 'main', index: 0 }]] } },
	};
}

export interface ActionStep {
	nodeName: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credential: CredentialRef;
	/** n8n's "Execute Once" setting: the node runs for its first input item only. */
	executeOnce?: boolean;
}

/** Manual Trigger → the action node: run it with `api.executeManually(id, MANUAL_TRIGGER)`. */
export function actionWorkflow(options: ActionStep & { name: string }): WorkflowDefinition {
	return actionChain(options.name, [options]);
}

/** Manual Trigger → each step in turn, each fed the previous one's output (expressions may use it). */
export function actionChain(name: string, steps: ActionStep[]): WorkflowDefinition {
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: MANUAL_TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...steps.map(
			(step, index): WorkflowNode => ({
				id: randomUUID(),
				name: step.nodeName,
				type: step.type,
				typeVersion: step.typeVersion ?? 1,
				position: [260 * (index + 1), 0],
				parameters: step.parameters,
				credentials: credentialsOf(step.credential),
				...(step.executeOnce ? { executeOnce: true } : {}),
			}),
		),
	];
	const connections = Object.fromEntries(
		nodes.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return { name, nodes, connections };
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
