import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeOperations, operationProperties } from '../shared/actions';
import { HERO_HEALTH_LIST_SEARCH, HERO_HEALTH_OPERATIONS, HERO_HEALTH_RESOURCES } from './actions';

export class HeroHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health',
		name: 'heroHealth',
		icon: { light: 'file:heroHealth.svg', dark: 'file:heroHealth.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send patient messages, trace and register patients on the NHS Spine, and find, reserve and book appointments in Hero Health',
		defaults: { name: 'Hero Health' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		properties: operationProperties(HERO_HEALTH_RESOURCES, HERO_HEALTH_OPERATIONS),
	};

	methods = { listSearch: HERO_HEALTH_LIST_SEARCH };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, HERO_HEALTH_OPERATIONS);
	}
}
