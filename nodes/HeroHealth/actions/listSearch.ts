import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { VendorRequest } from '../../shared/http';
import { matchesFilter, searchResults } from '../../shared/resourceLocator';
import { UK_TIME_ZONE } from '../../shared/time';
import { SLOT_QUERY_PARAMETERS } from '../inferredEndpoints';
import type { PageParameters } from '../pagination';
import { heroHealthSearchPage, pageIndexOfToken } from '../pagination';
import { permissionHint } from '../transport';

/**
 * The "From List" of every Hero Health resource locator (`methods.listSearch`). Hero's list
 * endpoints take no text search (docs/vendors/hero-health.md#booking), so the typed filter is
 * matched here against the names shown, page by page, following Hero's `page_index` / `page_size`
 * paging (nodes/HeroHealth/pagination.ts). Requests go through the Hero transport like every other.
 */

/** Records per page asked of Hero for a list (the editor shows about this many at a time). */
export const SEARCH_PAGE_SIZE = 50;
/** Pages read at most for one request of the editor, when a filter leaves few matches. */
const MAX_PAGES_PER_SEARCH = 5;
/** Practitioners are found in slots: more slot pages may be read for them. */
const MAX_SLOT_PAGES_PER_PRACTITIONER_SEARCH = 10;
/** New practitioners enough for one request of the editor. */
const PRACTITIONERS_PER_SEARCH = 20;

type Search = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

const text = (value: unknown): string | undefined =>
	(typeof value === 'string' && value.trim() !== '') || typeof value === 'number' ? String(value).trim() : undefined;

/**
 * The ID already chosen in the node for `name` (e.g. the Appointment Type when listing slots):
 * Slot operations keep it under Filters, the others at the top. A resource locator's value, or a
 * plain ID; an expression cannot be read before the node runs, so it filters nothing.
 */
function chosenId(context: ILoadOptionsFunctions, name: 'appointmentTypeId' | 'locationId'): string | undefined {
	const resource = context.getCurrentNodeParameter('resource');
	const raw = context.getCurrentNodeParameter(resource === 'slot' ? `filters.${name}` : name) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	const id = text(value);
	return id === undefined || id.startsWith('=') ? undefined : id;
}

function refusedToken(context: ILoadOptionsFunctions): NodeOperationError {
	return new NodeOperationError(context.getNode(), 'This list cannot continue: its page token is not one this node gave', {
		description: 'Close the list and open it again.',
	});
}

/** Reads one page of a Hero list for the editor and names its records. */
async function searchList(
	context: ILoadOptionsFunctions,
	request: Omit<VendorRequest, 'qs'> & { qs?: IDataObject },
	filter: string | undefined,
	paginationToken: string | undefined,
	name: (item: IDataObject) => INodeListSearchItems | undefined,
	names?: PageParameters,
): Promise<INodeListSearchResult> {
	const start = pageIndexOfToken(paginationToken);
	if (start === undefined) throw refusedToken(context);
	const named = new Map<IDataObject, INodeListSearchItems>();
	const page = await heroHealthSearchPage.call(context, request, start, {
		pageSize: SEARCH_PAGE_SIZE,
		enough: SEARCH_PAGE_SIZE,
		maxPages: MAX_PAGES_PER_SEARCH,
		names,
		keep: (item) => {
			const entry = name(item);
			if (!entry || !matchesFilter(entry.name, filter)) return false;
			named.set(item, entry);
			return true;
		},
	});
	return searchResults(
		page.items.map((item) => named.get(item)!),
		page.nextPageIndex,
	);
}

/** "GP appointment (10 min)": Hero's name for the type and its length. */
export function appointmentTypeName(item: IDataObject): string {
	const label = text(item.name) ?? `Appointment type ${text(item.id) ?? ''}`.trim();
	const minutes = typeof item.duration === 'number' && item.duration > 0 ? ` (${item.duration} min)` : '';
	return `${label}${minutes}`;
}

/** "Leeds Road Surgery (LS1 4AP)": Hero does not document a location's fields, so its name where given. */
export function locationName(item: IDataObject): string {
	const label = text(item.name) ?? text(item.display_name) ?? `Location ${text(item.id) ?? ''}`.trim();
	const postcode = text(item.postcode);
	return postcode && !label.includes(postcode) ? `${label} (${postcode})` : label;
}

const ukParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: UK_TIME_ZONE,
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
});

/** "Mon 4 Mar 2030, 09:00" in UK time (GMT or BST, as the clinic's clock shows it). */
export function ukTimeLabel(instant: string): string | undefined {
	const ms = Date.parse(instant);
	if (!Number.isFinite(ms)) return undefined;
	const part = (type: string) => ukParts.formatToParts(new Date(ms)).find((entry) => entry.type === type)?.value ?? '';
	return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/** "Mon 4 Mar 2030, 09:00–09:15 · Practitioner 32": when the slot starts (UK time), and with whom. */
export function slotName(item: IDataObject): string | undefined {
	const start = typeof item.start_time === 'string' ? ukTimeLabel(item.start_time) : undefined;
	if (!start) return undefined;
	const end = typeof item.finish_time === 'string' ? ukTimeLabel(item.finish_time) : undefined;
	const until = end && end.slice(0, -5) === start.slice(0, -5) ? `–${end.slice(-5)}` : '';
	const practitioner = text(item.practitioner_id);
	return `${start}${until}${practitioner ? ` · Practitioner ${practitioner}` : ''}`;
}

const CHANNEL_NAMES = new Map([
	['SMS', 'SMS'],
	['EMAIL', 'email'],
	['NHS_APP', 'NHS App'],
]);

/** "Flu clinic (SMS, created)": the batch's name, channel and status. */
export function batchMessageName(item: IDataObject): string {
	const label = text(item.name) ?? `Batch ${text(item.id) ?? ''}`.trim();
	const channel = CHANNEL_NAMES.get(String(item.channel)) ?? text(item.channel);
	const status = text(item.status)?.toLowerCase().replace(/_/g, ' ');
	const about = [channel, status].filter(Boolean).join(', ');
	return about ? `${label} (${about})` : label;
}

const byId = (item: IDataObject, name: string | undefined): INodeListSearchItems | undefined => {
	const id = text(item.id);
	return id === undefined || name === undefined ? undefined : { name, value: id };
};

const searchAppointmentTypes: Search = async function (filter, paginationToken) {
	const locationId = chosenId(this, 'locationId');
	return await searchList(
		this,
		{
			method: 'GET',
			path: '/v1/appointment_types',
			qs: locationId ? { location_ids: [locationId] } : {},
			arrayFormat: 'repeat',
			permissionHint: permissionHint('Booking'),
		},
		filter,
		paginationToken,
		(item) => byId(item, appointmentTypeName(item)),
	);
};

const searchLocations: Search = async function (filter, paginationToken) {
	return await searchList(
		this,
		{ method: 'GET', path: '/v1/locations', permissionHint: permissionHint('Booking') },
		filter,
		paginationToken,
		(item) => byId(item, locationName(item)),
	);
};

/** The slot filters the node already has: the chosen Appointment Type and Location. */
function slotQuery(context: ILoadOptionsFunctions): IDataObject {
	const appointmentTypeId = chosenId(context, 'appointmentTypeId');
	const locationId = chosenId(context, 'locationId');
	return {
		...(appointmentTypeId ? { [SLOT_QUERY_PARAMETERS.appointmentTypeId]: appointmentTypeId } : {}),
		...(locationId ? { [SLOT_QUERY_PARAMETERS.locationId]: locationId } : {}),
	};
}

const slotPaging = { pageIndex: SLOT_QUERY_PARAMETERS.pageIndex, pageSize: SLOT_QUERY_PARAMETERS.pageSize };

const searchSlots: Search = async function (filter, paginationToken) {
	return await searchList(
		this,
		{ method: 'GET', path: '/v1/slots', qs: slotQuery(this), permissionHint: permissionHint('Booking') },
		filter,
		paginationToken,
		(item) => byId(item, slotName(item)),
		slotPaging,
	);
};

/**
 * A practitioner token: the next slot page, and the practitioners already listed (Hero has no
 * practitioner list, so they are found in slots, and each is listed once).
 */
function practitionerToken(token: string | undefined): { start: number; listed: Set<string> } | undefined {
	if (token === undefined || token === '') return { start: 0, listed: new Set() };
	const match = /^(\d{1,6}):([^:]*)$/.exec(token);
	if (!match) return undefined;
	try {
		const listed = match[2] === '' ? [] : match[2].split(',').map((id) => decodeURIComponent(id));
		return { start: Number(match[1]), listed: new Set(listed) };
	} catch {
		return undefined;
	}
}

/**
 * Hero has no practitioner list (docs/vendors/hero-health.md#booking): the practitioners are those
 * in the free slots of the chosen Appointment Type and Location, named as Hero's answers name them:
 * by ID, with the appointment types of their slots ("Practitioner 32 (Nurse appointment)").
 */
const searchPractitioners: Search = async function (filter, paginationToken) {
	const token = practitionerToken(paginationToken);
	if (!token) throw refusedToken(this);

	const typeNames = new Map<string, string>();
	const types = await heroHealthSearchPage.call(
		this,
		{ method: 'GET', path: '/v1/appointment_types', permissionHint: permissionHint('Booking') },
		0,
		{ pageSize: 100, enough: Infinity, maxPages: 2 },
	);
	for (const type of types.items) {
		const id = text(type.id);
		const name = text(type.name);
		if (id && name) typeNames.set(id, name);
	}

	const found = new Map<string, Set<string>>();
	const page = await heroHealthSearchPage.call(
		this,
		{ method: 'GET', path: '/v1/slots', qs: slotQuery(this), permissionHint: permissionHint('Booking') },
		token.start,
		{
			pageSize: SEARCH_PAGE_SIZE * 2,
			enough: PRACTITIONERS_PER_SEARCH,
			maxPages: MAX_SLOT_PAGES_PER_PRACTITIONER_SEARCH,
			names: slotPaging,
			keep: (slot) => {
				const id = text(slot.practitioner_id);
				if (id === undefined || token.listed.has(id)) return false;
				const typeId = text(slot.appointment_type_id);
				const isNew = !found.has(id);
				if (isNew) found.set(id, new Set());
				if (typeId) found.get(id)!.add(typeNames.get(typeId) ?? `appointment type ${typeId}`);
				return isNew;
			},
		},
	);

	const results = [...found.entries()]
		.map(([id, offered]) => ({
			name: offered.size > 0 ? `Practitioner ${id} (${[...offered].sort().join(', ')})` : `Practitioner ${id}`,
			value: id,
		}))
		.filter((entry) => matchesFilter(entry.name, filter));
	if (page.nextPageIndex === undefined) return searchResults(results);
	const listed = [...token.listed, ...found.keys()].map((id) => encodeURIComponent(id)).join(',');
	return searchResults(results, `${page.nextPageIndex}:${listed}`);
};

const searchBatchMessages: Search = async function (filter, paginationToken) {
	return await searchList(
		this,
		{ method: 'GET', path: '/v1/batch_message', permissionHint: permissionHint('Messaging') },
		filter,
		paginationToken,
		(item) => byId(item, batchMessageName(item)),
	);
};

/** `methods.listSearch` of the Hero Health node, by the names its fields' `searchListMethod` give. */
export const HERO_HEALTH_LIST_SEARCH: Record<string, Search> = {
	searchAppointmentTypes,
	searchLocations,
	searchSlots,
	searchPractitioners,
	searchBatchMessages,
};
