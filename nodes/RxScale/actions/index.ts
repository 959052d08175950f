import type { Operation, Resource } from '../../shared/actions';
import { getManyAppointments } from './appointment/getAll';
import { getOrder } from './order/get';
import { getManyOrders } from './order/getAll';
import { getPatient } from './patient/get';
import { getPrescription } from './prescription/get';
import { createSubscription } from './subscription/create';
import { deleteSubscription } from './subscription/delete';
import { getManySubscriptions } from './subscription/getAll';
import { sendTestDelivery } from './webhook/sendTestDelivery';

export { RXSCALE_LIST_SEARCH } from './listSearch';

/** RxScale's resources and operations, in the order the node shows them. */

export const RXSCALE_RESOURCES: Resource[] = [
	{ value: 'webhook', name: 'Webhook', description: 'Test deliveries to an HTTPS address' },
	{ value: 'subscription', name: 'Subscription', description: 'Webhook subscriptions of the organisation' },
	{ value: 'order', name: 'Order' },
	{ value: 'patient', name: 'Patient' },
	{ value: 'prescription', name: 'Prescription' },
	{ value: 'appointment', name: 'Appointment', description: 'Scheduled (video) appointments' },
];

export const RXSCALE_OPERATIONS: Operation[] = [
	sendTestDelivery,
	getManySubscriptions,
	createSubscription,
	deleteSubscription,
	getOrder,
	getManyOrders,
	getPatient,
	getPrescription,
	getManyAppointments,
];
