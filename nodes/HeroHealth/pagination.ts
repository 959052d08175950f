import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListWanted } from '../shared/actions';
import type { VendorRequest } from '../shared/http';
import { heroHealthRequest } from './transport';

/**
 * Hero's lists answer `{ data: [...], count }` and page with `page_index` / `page_size`
 * (docs/vendors/hero-health.md#page-index-base). Not documented: whether `page_index` starts at 0 or 1, the largest
 * `page_size`, and whether `count` is the total or the page length. So: start at 0 with pages of
 * 100; stop at a short page, when a page brings nothing new, or once `count` records are in (unless
 * `count` equals the page's length, which may mean either reading); and if page 1 starts with the
 * same record as page 0, the API counts from 1 and the repeated page is skipped.
 */

export const PAGE_SIZE = 100;

export interface PageParameters {
	pageIndex: string;
	pageSize: string;
}

const HERO_PAGE_PARAMETERS: PageParameters = { pageIndex: 'page_index', pageSize: 'page_size' };

interface HeroPage {
	data?: unknown;
	count?: unknown;
}

export async function heroHealthList(
	this: IExecuteFunctions,
	request: VendorRequest,
	wanted: ListWanted,
	names: PageParameters = HERO_PAGE_PARAMETERS,
): Promise<IDataObject[]> {
	const pageSize = wanted.returnAll ? PAGE_SIZE : Math.max(1, Math.min(wanted.limit, PAGE_SIZE));
	const enough = (items: IDataObject[]) => !wanted.returnAll && items.length >= wanted.limit;
	const collected: IDataObject[] = [];
	const seenIds = new Set<string>();
	let firstIdOfPageZero: string | undefined;

	for (let pageIndex = 0; ; pageIndex++) {
		const page = (await heroHealthRequest.call(this, {
			...request,
			qs: { ...request.qs, [names.pageIndex]: pageIndex, [names.pageSize]: pageSize },
		})) as HeroPage;
		const data = Array.isArray(page?.data) ? (page.data as IDataObject[]) : [];
		const firstId = idOf(data[0]);

		if (pageIndex === 0) firstIdOfPageZero = firstId;
		else if (pageIndex === 1 && firstId !== undefined && firstId === firstIdOfPageZero) continue; // 1-based

		let added = 0;
		for (const item of data) {
			const id = idOf(item);
			if (id !== undefined) {
				if (seenIds.has(id)) continue;
				seenIds.add(id);
			}
			collected.push(item);
			added++;
		}

		const total = typeof page?.count === 'number' ? page.count : undefined;
		const finished =
			enough(collected) ||
			data.length < pageSize ||
			added === 0 ||
			(total !== undefined && total !== data.length && collected.length >= total);
		if (finished) break;
	}
	return wanted.returnAll ? collected : collected.slice(0, wanted.limit);
}

function idOf(item: unknown): string | undefined {
	if (!item || typeof item !== 'object') return undefined;
	const id = (item as { id?: unknown }).id;
	return id === undefined || id === null ? undefined : String(id);
}
