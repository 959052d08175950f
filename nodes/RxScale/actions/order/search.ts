import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';
import { unixSeconds } from '../common';

/** The Management API caps `limit` at 200 (docs/vendors/rxscale.md#orders-and-patients). */
const MAX_PAGE_SIZE = 200;

const optionalText = z
	.string()
	.trim()
	.optional()
	.transform((value) => value || undefined);

const input = z
	.object({
		search: optionalText,
		created_at_from: unixSeconds('Created From').optional(),
		created_at_to: unixSeconds('Created To').optional(),
		updated_at_from: unixSeconds('Updated From').optional(),
		updated_at_to: unixSeconds('Updated To').optional(),
		shop_identifier: optionalText,
		shop_order_external_id: optionalText,
	})
	.refine((value) => !(value.created_at_from && value.created_at_to && value.created_at_from > value.created_at_to), {
		message: 'Created From must not be after Created To',
	})
	.refine((value) => !(value.updated_at_from && value.updated_at_to && value.updated_at_from > value.updated_at_to), {
		message: 'Updated From must not be after Updated To',
	});

interface OrderPage {
	orders?: unknown;
	data?: unknown;
	totalPages?: unknown;
}

const dateFilter = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'dateTime' as const,
	default: '',
	description: `${description} (UTC unless the value has a time zone; Unix seconds are accepted too)`,
});

export const searchOrders: Operation = {
	resource: 'order',
	operation: 'search',
	name: 'Search',
	description: 'Find orders by UID, shop or creation/update time, one item each',
	action: 'Search orders',
	fields: [
		...returnAllFields(),
		collection('filters', [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description:
					'Text to look for; an exact order, prescription or pharmacy order UID finds the order it belongs to',
			},
			dateFilter('Created From', 'created_at_from', 'Orders created at or after this time'),
			dateFilter('Created To', 'created_at_to', 'Orders created at or before this time'),
			dateFilter('Updated From', 'updated_at_from', 'Orders updated at or after this time'),
			dateFilter('Updated To', 'updated_at_to', 'Orders updated at or before this time'),
			{
				displayName: 'Shop Identifier',
				name: 'shop_identifier',
				type: 'string',
				default: '',
				description: 'Only orders from this shop',
			},
			{
				displayName: 'Shop Order External ID',
				name: 'shop_order_external_id',
				type: 'string',
				default: '',
				description: "The shop's own order ID",
			},
		]),
	],
	async run(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = parseInput(this.getNode(), input, filters, itemIndex);
		const { returnAll, limit } = listWanted(this, itemIndex);
		const wanted = returnAll ? Infinity : limit;
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted);
		const qs: IDataObject = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
		return await fetchOrders(this, itemIndex, qs, pageSize, wanted);
	},
};

/** Pages are 0-indexed; the answer carries `orders` (or `data`) and `totalPages` (docs/vendors/rxscale.md#orders-and-patients). */
async function fetchOrders(
	context: IExecuteFunctions,
	itemIndex: number,
	qs: IDataObject,
	pageSize: number,
	wanted: number,
): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	let previousFirst: unknown;
	for (let page = 0; orders.length < wanted; page++) {
		const answer = (await rxScaleRequest.call(context, {
			method: 'GET',
			path: RXSCALE_PATHS.orders,
			qs: { ...qs, page, limit: pageSize },
			permission: RXSCALE_PERMISSIONS.readOrders,
			itemIndex,
		})) as OrderPage | undefined;
		const list = Array.isArray(answer?.orders) ? answer.orders : Array.isArray(answer?.data) ? answer.data : [];
		const batch = list.filter((order): order is IDataObject => Boolean(order) && typeof order === 'object');
		// A server that ignores `page` would answer the same page for ever.
		const first = (batch[0] as { uid?: unknown } | undefined)?.uid;
		if (batch.length === 0 || (page > 0 && first !== undefined && first === previousFirst)) break;
		previousFirst = first;
		orders.push(...batch.slice(0, wanted - orders.length));
		const totalPages = typeof answer?.totalPages === 'number' ? answer.totalPages : undefined;
		if (totalPages !== undefined ? page + 1 >= totalPages : batch.length < pageSize) break;
	}
	return orders;
}
