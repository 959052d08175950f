import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperations, operationProperties } from '../shared/actions';
import { RXSCALE_LIST_SEARCH, RXSCALE_OPERATIONS, RXSCALE_RESOURCES } from './actions';

export class RxScale implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RxScale',
		name: 'rxScale',
		icon: { light: 'file:rxScale.svg', dark: 'file:rxScale.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send RxScale test deliveries, manage webhook subscriptions, and read orders, patients, prescriptions and appointments',
		defaults: { name: 'RxScale' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rxScaleApi', required: true }],
		properties: operationProperties(RXSCALE_RESOURCES, RXSCALE_OPERATIONS),
	};

	methods = { listSearch: RXSCALE_LIST_SEARCH };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, RXSCALE_OPERATIONS);
	}
}
