import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { MAX_LIST_PAGES } from '../../shared/actions';

import type { RxScalePermission } from '../transport';
import { rxScaleRequest } from '../transport';

/**
 * RxScale's paged lists (docs/vendors/rxscale.md#orders-patients-and-prescriptions): `page` from 0
 * and `limit` (at most 200; larger values are capped), answered with the records under `data`
 * (orders: under `orders`), `totalRegistries` and `totalPages`.
 */

/** The Management API caps `limit` at 200. */
export const MAX_PAGE_SIZE = 200;

export interface RxScalePage {
	records: IDataObject[];
	/** From the answer's `totalPages`, when it has one. */
	totalPages?: number;
}

export interface PagedList {
	path: string;
	permission: RxScalePermission;
}

interface PageAnswer {
	orders?: unknown;
	data?: unknown;
	totalPages?: unknown;
}

/** One page of a list. */
export async function fetchPage(
	this: IAllExecuteFunctions,
	list: PagedList,
	qs: IDataObject,
	page: number,
	limit: number,
	itemIndex?: number,
): Promise<RxScalePage> {
	const answer = (await rxScaleRequest.call(this, {
		method: 'GET',
		path: list.path,
		qs: { ...qs, page, limit },
		permission: list.permission,
		itemIndex,
	})) as PageAnswer | undefined;
	const raw = Array.isArray(answer?.orders) ? answer.orders : Array.isArray(answer?.data) ? answer.data : [];
	const records = raw.filter((record): record is IDataObject => Boolean(record) && typeof record === 'object' && !Array.isArray(record));
	const totalPages = typeof answer?.totalPages === 'number' && Number.isFinite(answer.totalPages) ? answer.totalPages : undefined;
	return { records, ...(totalPages === undefined ? {} : { totalPages }) };
}

/** Whether a page is the last one: by `totalPages` where RxScale gives it, else by a short page. */
export function isLastPage(page: number, answer: RxScalePage, limit: number): boolean {
	return answer.totalPages !== undefined ? page + 1 >= answer.totalPages : answer.records.length < limit;
}

/** Up to `wanted` records (Infinity for all), page by page. */
export async function fetchRecords(
	this: IAllExecuteFunctions,
	list: PagedList,
	qs: IDataObject,
	wanted: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const pageSize = Math.min(MAX_PAGE_SIZE, wanted);
	const records: IDataObject[] = [];
	let previousFirst: unknown;
	for (let page = 0; records.length < wanted && page < MAX_LIST_PAGES; page++) {
		const answer = await fetchPage.call(this, list, qs, page, pageSize, itemIndex);
		const batch = answer.records;
		// A server that ignores `page` would answer the same page for ever.
		const first = (batch[0] as { uid?: unknown } | undefined)?.uid;
		if (batch.length === 0 || (page > 0 && first !== undefined && first === previousFirst)) break;
		previousFirst = first;
		records.push(...batch.slice(0, wanted - records.length));
		if (isLastPage(page, answer, pageSize)) break;
	}
	return records;
}

/** The entries of `query` that were given, as query parameters. */
export function givenQuery(query: Record<string, unknown>): IDataObject {
	return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as IDataObject;
}
