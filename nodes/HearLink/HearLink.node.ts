import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperations, operationProperties } from '../shared/actions';
import { HEARLINK_OPERATIONS, HEARLINK_RESOURCES } from './actions';

export class HearLink implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HearLink',
		name: 'hearLink',
		icon: { light: 'file:hearLink.svg', dark: 'file:hearLink.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create and read patients, appointments and invoices in HearLink (audiology practice management)',
		defaults: { name: 'HearLink' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hearLinkApi', required: true }],
		properties: operationProperties(HEARLINK_RESOURCES, HEARLINK_OPERATIONS),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, HEARLINK_OPERATIONS);
	}
}
