import type { Operation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS } from '../../transport';
import { getByUid, uidField } from '../common';

export const getOrder: Operation = {
	resource: 'order',
	operation: 'get',
	name: 'Get',
	description: 'Get an order with its shop orders, fulfilment orders and prescriptions',
	action: 'Get an order',
	fields: [
		uidField(
			'Order UID',
			'orderUid',
			"The order's UID. From a pharmacy order event, use data.order.uid (the pharmacy order's own UID is data.uid).",
		),
	],
	async run(itemIndex) {
		return await getByUid(this, itemIndex, {
			parameter: 'orderUid',
			label: 'Order UID',
			path: RXSCALE_PATHS.order,
			permission: RXSCALE_PERMISSIONS.readOrders,
		});
	},
};
