import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation, Resource } from '../shared/actions';
import { executeOperations, operationProperties } from '../shared/actions';
import { getOrder } from './actions/order/get';
import { searchOrders } from './actions/order/search';
import { getPatient } from './actions/patient/get';
import { listSubscriptions } from './actions/subscription/list';
import { registerSubscription } from './actions/subscription/register';
import { removeSubscription } from './actions/subscription/remove';
import { sendTestDelivery } from './actions/webhook/sendTestDelivery';

const RESOURCES: Resource[] = [
	{ value: 'webhook', name: 'Webhook', description: 'Test deliveries to an HTTPS address' },
	{ value: 'subscription', name: 'Subscription', description: 'Webhook subscriptions of the organisation' },
	{ value: 'order', name: 'Order' },
	{ value: 'patient', name: 'Patient' },
];

const OPERATIONS: Operation[] = [
	sendTestDelivery,
	listSubscriptions,
	registerSubscription,
	removeSubscription,
	getOrder,
	searchOrders,
	getPatient,
];

export class RxScale implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RxScale',
		name: 'rxScale',
		icon: { light: 'file:rxScale.svg', dark: 'file:rxScale.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send RxScale test deliveries, manage webhook subscriptions, and read orders and patients',
		defaults: { name: 'RxScale' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rxScaleApi', required: true }],
		properties: operationProperties(RESOURCES, OPERATIONS),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, OPERATIONS);
	}
}
