import { getByIdOperation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';

export const getOrder = getByIdOperation({
	resource: 'order',
	description: 'Get an order with its shop orders, fulfilment orders and prescriptions',
	action: 'Get an order',
	id: {
		name: 'orderUid',
		displayName: 'Order UID',
		placeholder: 'e.g. ord-123',
		description: "The order's UID. From a pharmacy order event, use data.order.uid (the pharmacy order's own UID is data.uid).",
	},
	async fetch(uid, itemIndex) {
		return await rxScaleRequest.call(this, {
			method: 'GET',
			path: RXSCALE_PATHS.order(uid),
			permission: RXSCALE_PERMISSIONS.readOrders,
			resourceEndpoint: true,
			itemIndex,
		});
	},
});
