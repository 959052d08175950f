import type { Operation, Resource } from '../../shared/actions';
import { getOrder } from './order/get';
import { searchOrders } from './order/search';
import { getPatient } from './patient/get';
import { listSubscriptions } from './subscription/list';
import { registerSubscription } from './subscription/register';
import { removeSubscription } from './subscription/remove';
import { sendTestDelivery } from './webhook/sendTestDelivery';

/** RxScale's resources and operations, in the order the node shows them. */

export const RXSCALE_RESOURCES: Resource[] = [
	{ value: 'webhook', name: 'Webhook', description: 'Test deliveries to an HTTPS address' },
	{ value: 'subscription', name: 'Subscription', description: 'Webhook subscriptions of the organisation' },
	{ value: 'order', name: 'Order' },
	{ value: 'patient', name: 'Patient' },
];

export const RXSCALE_OPERATIONS: Operation[] = [
	sendTestDelivery,
	listSubscriptions,
	registerSubscription,
	removeSubscription,
	getOrder,
	searchOrders,
	getPatient,
];
