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

/** Manual Trigger → the action node: run it with `api.executeManually(id, MANUAL_TRIGGER)`. */
export function actionWorkflow(options: {
	name: string;
	nodeName: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credential: CredentialRef;
}): WorkflowDefinition {
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: MANUAL_TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: options.nodeName,
				type: options.type,
				typeVersion: options.typeVersion ?? 1,
				position: [260, 0],
				parameters: options.parameters,
				credentials: credentialsOf(options.credential),
			},
		],
		connections: { [MANUAL_TRIGGER]: { main: [[{ node: options.nodeName, type: 'main', index: 0 }]] } },
	};
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
