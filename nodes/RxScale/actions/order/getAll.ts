import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS } from '../../transport';
import { dateFilter, optionalText, unixSeconds } from '../common';
import type { PagedList } from '../pages';
import { fetchRecords, givenQuery } from '../pages';

/** `GET /orders`: answered under `orders` (docs/vendors/rxscale.md#orders-patients-and-prescriptions). */
export const ORDER_LIST: PagedList = { path: RXSCALE_PATHS.orders, permission: RXSCALE_PERMISSIONS.readOrders };

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
		return await fetchRecords.call(this, ORDER_LIST, givenQuery(query), returnAll ? Infinity : limit, itemIndex);
	},
};
