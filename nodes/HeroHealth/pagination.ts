import type { IAllExecuteFunctions, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListWanted } from '../shared/actions';
import { MAX_LIST_PAGES } from '../shared/actions';
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

	for (let pageIndex = 0; pageIndex < MAX_LIST_PAGES; pageIndex++) {
		const page = (await heroHealthRequest.call(this, {
			...request,
			qs: { ...request.qs, [names.pageIndex]: pageIndex, [names.pageSize]: pageSize },
		})) as HeroPage;
		const data = pageData(page);
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

/** The records of one page: `data` of `{ data, count }` (anything else: none). */
function pageData(page: HeroPage | undefined): IDataObject[] {
	return Array.isArray(page?.data) ? (page.data as IDataObject[]).filter((item) => item !== null && typeof item === 'object') : [];
}

/**
 * One "page" of a resource locator's From List, which the editor asks for again with the
 * `paginationToken` it was given: the next `page_index` to read, as digits. Whether Hero counts
 * pages from 0 or 1 is not documented, so the first request (no token) reads page 0 and, when it is
 * full, page 1 too: counted from 1, page 1 is page 0 again and adds nothing (a record is taken once
 * per request, by id), and the next index, 2, is right under either counting. A page shorter than
 * `pageSize` is the last. Reads at most `maxPages` pages per call and stops once `enough` records
 * are in.
 */
export interface SearchPageOptions {
	pageSize: number;
	/** Stop reading once this many records are collected (those `keep` accepts). */
	enough: number;
	maxPages: number;
	/** Which records to return (e.g. those matching the typed filter). */
	keep?: (item: IDataObject) => boolean;
	/** The paging parameters' names (Hero's `page_index` / `page_size` unless said otherwise). */
	names?: PageParameters;
}

export interface SearchPage {
	items: IDataObject[];
	/** The `page_index` to read next; none when the list has ended. */
	nextPageIndex?: number;
}

/** The page index a token stands for (no token: 0); `undefined` for a token this node never gives. */
export function pageIndexOfToken(token: string | undefined): number | undefined {
	if (token === undefined || token === '') return 0;
	return /^\d{1,6}$/.test(token) ? Number(token) : undefined;
}

export async function heroHealthSearchPage(
	this: IAllExecuteFunctions,
	request: VendorRequest,
	startIndex: number,
	options: SearchPageOptions,
): Promise<SearchPage> {
	const { pageSize } = options;
	const keep = options.keep ?? (() => true);
	const names = options.names ?? HERO_PAGE_PARAMETERS;
	const read = async (pageIndex: number) =>
		pageData(
			(await heroHealthRequest.call(this, {
				...request,
				qs: { ...request.qs, [names.pageIndex]: pageIndex, [names.pageSize]: pageSize },
			})) as HeroPage,
		);
	const items: IDataObject[] = [];
	const seenIds = new Set<string>();
	const take = (data: IDataObject[]) => {
		for (const item of data) {
			const id = idOf(item);
			if (id !== undefined) {
				if (seenIds.has(id)) continue;
				seenIds.add(id);
			}
			if (keep(item)) items.push(item);
		}
	};

	let pageIndex = startIndex;
	for (let pagesRead = 0; ; ) {
		const data = await read(pageIndex);
		pagesRead++;
		let next: number | undefined = data.length < pageSize ? undefined : pageIndex + 1;
		take(data);
		if (pageIndex === 0 && next !== undefined) {
			// Page 0 was full: read page 1 in the same call. If the API counts from 1, page 1 is page 0
			// again and adds nothing (records are taken once by id), and every later index is right.
			const second = await read(1);
			pagesRead++;
			take(second);
			next = second.length < pageSize ? undefined : 2;
		}
		if (next === undefined) return { items };
		if (items.length >= options.enough || pagesRead >= options.maxPages) return { items, nextPageIndex: next };
		pageIndex = next;
	}
}

function idOf(item: unknown): string | undefined {
	if (!item || typeof item !== 'object') return undefined;
	const id = (item as { id?: unknown }).id;
	return id === undefined || id === null ? undefined : String(id);
}
