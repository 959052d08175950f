import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';
import { unixSeconds } from '../common';

/** The Management API caps `limit` at 200 (docs/vendors/rxscale.md#orders-patients-and-prescriptions). */
export const MAX_PAGE_SIZE = 200;

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

interface OrderPageAnswer {
	orders?: unknown;
	data?: unknown;
	totalPages?: unknown;
}

export interface OrderPage {
	orders: IDataObject[];
	/** From the answer's `totalPages`, when it has one. */
	totalPages?: number;
}

const dateFilter = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'dateTime' as const,
	default: '',
	description: `${description}. A date-time without a time zone is read as UTC; Unix seconds are accepted too.`,
});

export const getManyOrders: Operation = {
	resource: 'order',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get many orders, filtered by text, UID, shop or creation/update time, one item each',
	action: 'Get many orders',
	fields: [
		...returnAllFields(),
		collection('filters', [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Mustermann',
				description:
					"Text in the shop's order name, the pharmacy order name or the patient's name; an exact order, prescription or pharmacy order UID finds the order it belongs to",
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
				placeholder: 'e.g. my-store.myshopify.com',
				description: 'Only orders from this shop',
			},
			{
				displayName: 'Shop Order External ID',
				name: 'shop_order_external_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001',
				description: "The shop's own order ID (e.g. the Shopify order number); with Shop Identifier it finds one order",
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

/** One page of `GET /orders`: pages are 0-indexed; the answer carries `orders` (or `data`) and `totalPages` (docs/vendors/rxscale.md#orders-patients-and-prescriptions). */
export async function fetchOrderPage(
	this: IAllExecuteFunctions,
	qs: IDataObject,
	page: number,
	limit: number,
	itemIndex?: number,
): Promise<OrderPage> {
	const answer = (await rxScaleRequest.call(this, {
		method: 'GET',
		path: RXSCALE_PATHS.orders,
		qs: { ...qs, page, limit },
		permission: RXSCALE_PERMISSIONS.readOrders,
		itemIndex,
	})) as OrderPageAnswer | undefined;
	const list = Array.isArray(answer?.orders) ? answer.orders : Array.isArray(answer?.data) ? answer.data : [];
	const orders = list.filter((order): order is IDataObject => Boolean(order) && typeof order === 'object' && !Array.isArray(order));
	const totalPages = typeof answer?.totalPages === 'number' && Number.isFinite(answer.totalPages) ? answer.totalPages : undefined;
	return { orders, ...(totalPages === undefined ? {} : { totalPages }) };
}

/** Whether a page is the last one: by `totalPages` where RxScale gives it, else by a short page. */
export function isLastOrderPage(page: number, answer: OrderPage, limit: number): boolean {
	return answer.totalPages !== undefined ? page + 1 >= answer.totalPages : answer.orders.length < limit;
}

async function fetchOrders(
	context: IAllExecuteFunctions,
	itemIndex: number,
	qs: IDataObject,
	pageSize: number,
	wanted: number,
): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	let previousFirst: unknown;
	for (let page = 0; orders.length < wanted; page++) {
		const answer = await fetchOrderPage.call(context, qs, page, pageSize, itemIndex);
		const batch = answer.orders;
		// A server that ignores `page` would answer the same page for ever.
		const first = (batch[0] as { uid?: unknown } | undefined)?.uid;
		if (batch.length === 0 || (page > 0 && first !== undefined && first === previousFirst)) break;
		previousFirst = first;
		orders.push(...batch.slice(0, wanted - orders.length));
		if (isLastOrderPage(page, answer, pageSize)) break;
	}
	return orders;
}
