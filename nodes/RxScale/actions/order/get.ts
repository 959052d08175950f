import { getByIdOperation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';
import { RXSCALE_SEARCH_METHODS } from '../listSearch';

export const getOrder = getByIdOperation({
	resource: 'order',
	description: 'Get an order with its shop orders, fulfilment orders and prescriptions',
	action: 'Get order',
	id: {
		name: 'orderUid',
		displayName: 'Order',
		description: 'The order to get: pick it from the list (search by name, patient or UID), or give its UID',
		locator: {
			searchMethod: RXSCALE_SEARCH_METHODS.orders,
			idPlaceholder: 'e.g. ord-123',
			idHint:
				"The order's UID: from a pharmacy order event, data.order.uid (the pharmacy order's own UID is data.uid); from Order → Get Many, uid.",
		},
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
