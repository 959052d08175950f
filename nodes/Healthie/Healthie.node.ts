import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperations, operationProperties } from '../shared/actions';
import { HEALTHIE_LIST_SEARCH, HEALTHIE_OPERATIONS, HEALTHIE_RESOURCES } from './actions';

export class Healthie implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Healthie',
		name: 'healthie',
		icon: { light: 'file:healthie.svg', dark: 'file:healthie.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Find, create and update patients, book, list, reschedule, cancel and delete appointments, read filled-out forms, or run any Healthie GraphQL query',
		defaults: { name: 'Healthie' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'healthieApi', required: true }],
		properties: operationProperties(HEALTHIE_RESOURCES, HEALTHIE_OPERATIONS),
	};

	methods = { listSearch: HEALTHIE_LIST_SEARCH };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, HEALTHIE_OPERATIONS);
	}
}
