import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MAX_LIST_PAGES } from '../shared/actions';

import type { ApiShape } from './graphql';
import { healthieApiShape, healthieGraphql, isShapeError } from './graphql';
import { APPOINTMENT_RECORD_SELECTION, PATIENT_RECORD_SELECTION } from './records';

/**
 * Healthie's paged collections (`users`, `organizationMembers`, `appointments`, `appointmentTypes`,
 * `formAnswerGroups`), read the way the webhooks list is (docs/vendors/healthie.md#collections):
 * a Relay connection (`first`/`after` → `nodes`, `page_info`) where the API version documents one,
 * a plain list (`offset`/`page_size` → `[T!]`) in the baseline, and for the releases in between
 * the likelier form first with a fallback to the other when Healthie rejects the document's fields.
 *
 * A page is `{ items, next }`; `next` is what `after` or `offset` the following page starts at, and
 * travels as an n8n list-search pagination token (`c:<cursor>` / `o:<offset>`). Every value reaches
 * Healthie as a GraphQL variable, never inside the document or the URL.
 */

export type CollectionForm = 'connection' | 'list';

export interface CollectionArgument {
	/** The variable's GraphQL type; by API version where Healthie changed it. */
	type: string | ((version: string | undefined) => string);
}

export interface CollectionSpec {
	/** The query's root field, e.g. `users`. */
	field: string;
	/** The operation name sent, e.g. `n8nPatients`. */
	operationName: string;
	/** The fields selected on each record. */
	selection: string;
	/** The filtering arguments the node may send, by name. */
	arguments: Record<string, CollectionArgument>;
	/** Sent with every list-form page (e.g. `should_paginate: true` where its default is false). */
	listArguments?: IDataObject;
	/**
	 * The last release whose `field` is certainly a plain list (inferred from the changelog date of
	 * its connection type); the 2026-01-01 reference documents a connection.
	 */
	listUntil: string;
	/** The list form's documented default `page_size`: a page at least this long may not be the last. */
	listDefaultPageSize: number;
}

/** The first release whose reference documents these queries as connections. */
export const CONNECTIONS_DOCUMENTED_FROM = '2026-01-01';

/** Which forms to try, in order, for an API version (docs/vendors/healthie.md#collections-list-shape). */
export function collectionForms(version: string | undefined, spec: Pick<CollectionSpec, 'listUntil'>): CollectionForm[] {
	if (version === undefined || version <= spec.listUntil) return ['list'];
	if (version >= CONNECTIONS_DOCUMENTED_FROM) return ['connection'];
	// "Migrated additional query fields to Connection Type pagination": 2025-10-15 and 2026-01-01.
	return version >= '2025-10-15' ? ['connection', 'list'] : ['list', 'connection'];
}

export type PagePosition = { form: 'connection'; after?: string } | { form: 'list'; offset: number };

export interface CollectionPage {
	items: IDataObject[];
	/** Where the next page starts; absent on the last page. */
	next?: PagePosition;
}

/** A pagination token for n8n's list search. */
export function pageToken(position: PagePosition): string {
	return position.form === 'connection' ? `c:${position.after ?? ''}` : `o:${position.offset}`;
}

/** The position a token names; anything else is refused before a request. */
export function parsePageToken(this: IAllExecuteFunctions, token: string | undefined): PagePosition | undefined {
	if (token === undefined || token === '') return undefined;
	if (token.startsWith('c:') && token.length > 2) return { form: 'connection', after: token.slice(2) };
	const offset = /^o:(\d{1,9})$/.exec(token);
	if (offset) return { form: 'list', offset: Number(offset[1]) };
	throw new NodeOperationError(this.getNode(), 'This list cannot be continued: open it again to start from the first page');
}

export interface PageRequest {
	/** Filtering arguments by name; `undefined` ones are not sent. */
	filters?: IDataObject;
	pageSize: number;
	/** Start here (a page already read told where); otherwise the first page in the version's first form that works. */
	from?: PagePosition;
	itemIndex?: number;
}

/** One page of `spec`'s collection. */
export async function readCollectionPage(
	this: IAllExecuteFunctions,
	spec: CollectionSpec,
	request: PageRequest,
	shape?: ApiShape,
): Promise<CollectionPage> {
	if (request.from) return await readPage.call(this, spec, request, request.from, shape);
	const { version } = shape ?? (await healthieApiShape.call(this, request.itemIndex));
	let firstError: NodeApiError | undefined;
	for (const form of collectionForms(version, spec)) {
		const start: PagePosition = form === 'connection' ? { form } : { form, offset: 0 };
		try {
			return await readPage.call(this, spec, request, start, shape);
		} catch (error) {
			if (!isShapeError(error)) throw asNodeError.call(this, error);
			firstError ??= error as NodeApiError;
			this.logger.debug(`Healthie: the ${form} form of the ${spec.field} query was refused; trying the other form`);
		}
	}
	throw firstError ?? new NodeOperationError(this.getNode(), `Healthie answered no form of the ${spec.field} query`);
}

/** Every record (`limit` undefined) or the first `limit`, page after page. */
export async function readCollection(
	this: IAllExecuteFunctions,
	spec: CollectionSpec,
	request: Omit<PageRequest, 'from'> & { limit?: number },
): Promise<IDataObject[]> {
	const shape = await healthieApiShape.call(this, request.itemIndex);
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	let from: PagePosition | undefined;
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const wanted = request.limit === undefined ? request.pageSize : Math.min(request.pageSize, request.limit - items.length);
		const result = await readCollectionPage.call(this, spec, { ...request, pageSize: wanted, from }, shape);
		let fresh = 0;
		for (const item of result.items) {
			const key = item.id === undefined || item.id === null ? JSON.stringify(item) : String(item.id);
			if (seen.has(key)) continue;
			seen.add(key);
			items.push(item);
			fresh++;
			if (request.limit !== undefined && items.length >= request.limit) return items;
		}
		// A page that brings nothing new means Healthie ignored where to start: stop rather than loop.
		if (!result.next || fresh === 0) break;
		from = result.next;
	}
	return items;
}

async function readPage(
	this: IAllExecuteFunctions,
	spec: CollectionSpec,
	request: PageRequest,
	position: PagePosition,
	shape?: ApiShape,
): Promise<CollectionPage> {
	const { version } = shape ?? (await healthieApiShape.call(this, request.itemIndex));
	const filters = Object.fromEntries(
		Object.entries(request.filters ?? {}).filter(([name, value]) => value !== undefined && name in spec.arguments),
	) as IDataObject;
	const declared = Object.keys(filters).map((name) => {
		const { type } = spec.arguments[name];
		return `$${name}: ${typeof type === 'function' ? type(version) : type}`;
	});
	const passed = Object.keys(filters).map((name) => `${name}: $${name}`);

	if (position.form === 'connection') {
		const query = `query ${spec.operationName}(${[...declared, '$first: Int', '$after: String'].join(', ')}) {
  ${spec.field}(${[...passed, 'first: $first', 'after: $after'].join(', ')}) {
    nodes { ${spec.selection} }
    page_info { has_next_page end_cursor }
  }
}`;
		const data = await healthieGraphql.call(this, {
			query,
			variables: { ...filters, first: request.pageSize, ...(position.after ? { after: position.after } : {}) },
			itemIndex: request.itemIndex,
		});
		const connection = data[spec.field] as
			| { nodes?: unknown; page_info?: { has_next_page?: unknown; end_cursor?: unknown } | null }
			| null
			| undefined;
		const items = records(connection?.nodes);
		const next = connection?.page_info;
		const more =
			next?.has_next_page === true && typeof next.end_cursor === 'string' && next.end_cursor !== '' && next.end_cursor !== position.after && items.length > 0;
		return { items, ...(more ? { next: { form: 'connection', after: next.end_cursor as string } } : {}) };
	}

	const listArguments = spec.listArguments ?? {};
	const listDeclared = Object.entries(listArguments).map(([name, value]) => `$${name}: ${typeof value === 'boolean' ? 'Boolean' : 'Int'}`);
	const listPassed = Object.keys(listArguments).map((name) => `${name}: $${name}`);
	const query = `query ${spec.operationName}(${[...declared, ...listDeclared, '$offset: Int', '$page_size: Int'].join(', ')}) {
  ${spec.field}(${[...passed, ...listPassed, 'offset: $offset', 'page_size: $page_size'].join(', ')}) { ${spec.selection} }
}`;
	const data = await healthieGraphql.call(this, {
		query,
		variables: { ...filters, ...listArguments, offset: position.offset, page_size: request.pageSize },
		itemIndex: request.itemIndex,
	});
	const items = records(data[spec.field]);
	// Whatever page_size Healthie honours, a page shorter than both it and its default is the last.
	const full = items.length > 0 && items.length >= Math.min(request.pageSize, spec.listDefaultPageSize);
	return { items, ...(full ? { next: { form: 'list', offset: position.offset + items.length } } : {}) };
}

function records(value: unknown): IDataObject[] {
	if (!Array.isArray(value)) return [];
	return value.filter((item): item is IDataObject => Boolean(item) && typeof item === 'object' && !Array.isArray(item));
}

/** Datetime and ID arguments were `String` in the baseline; 2024-07-01 standardised them (docs/vendors/healthie.md#api-versions). */
const BASELINE_STRING = (standardised: string) => (version: string | undefined) => (version === undefined ? 'String' : standardised);

/** `users`: patients ("use organizationMembers query for providers"); UserConnection appeared on 2025-04-25. */
export const PATIENTS: CollectionSpec = {
	field: 'users',
	operationName: 'n8nPatients',
	selection: PATIENT_RECORD_SELECTION,
	arguments: {
		keywords: { type: 'String' },
		provider_id: { type: 'String' },
		active_status: { type: 'String' },
		group_id: { type: 'String' },
	},
	listArguments: { should_paginate: true },
	listUntil: '2025-04-01',
	listDefaultPageSize: 10,
};

/** `organizationMembers`: the providers and staff of the organisation (a UserConnection too). */
export const PROVIDERS: CollectionSpec = {
	field: 'organizationMembers',
	operationName: 'n8nProviders',
	selection: 'id first_name last_name full_name email',
	arguments: { keywords: { type: 'String' } },
	listUntil: '2025-04-01',
	listDefaultPageSize: 10,
};

/** `appointments`: AppointmentPaginationConnection appeared on 2025-12-19, so 2025-11-30 and earlier are lists. */
export const APPOINTMENTS: CollectionSpec = {
	field: 'appointments',
	operationName: 'n8nAppointments',
	selection: APPOINTMENT_RECORD_SELECTION,
	arguments: {
		keywords: { type: 'String' },
		user_id: { type: 'ID' },
		provider_id: { type: 'ID' },
		filter_by_appointment_type_id: { type: 'ID' },
		filter: { type: 'String' },
		startDate: { type: BASELINE_STRING('ISO8601DateTime') },
		endDate: { type: BASELINE_STRING('ISO8601DateTime') },
		is_org: { type: 'Boolean' },
		is_active: { type: 'Boolean' },
		with_all_statuses: { type: 'Boolean' },
		order_by: { type: 'AppointmentOrderKeys' },
	},
	// The list form's should_paginate defaults to false: everything in one answer.
	listArguments: { should_paginate: true },
	listUntil: '2025-11-30',
	listDefaultPageSize: 10,
};

/** `appointmentTypes`: no connection type added since 2025-01-17, so the switch was 2025-01-01 at the earliest. */
export const APPOINTMENT_TYPES: CollectionSpec = {
	field: 'appointmentTypes',
	operationName: 'n8nAppointmentTypes',
	selection: 'id name length available_contact_types is_group clients_can_book',
	arguments: { keywords: { type: 'String' } },
	listArguments: { should_paginate: true },
	listUntil: '2024-11-01',
	listDefaultPageSize: 1000,
};

/** `formAnswerGroups`: filled-out forms, newest first; no keyword search. */
export const FORM_ANSWER_GROUPS: CollectionSpec = {
	field: 'formAnswerGroups',
	operationName: 'n8nFormAnswerGroups',
	selection: 'id name created_at finished user { id full_name } custom_module_form { id name }',
	arguments: {
		user_id: { type: BASELINE_STRING('ID') },
		custom_module_form_id: { type: 'ID' },
	},
	listArguments: { should_paginate: true },
	listUntil: '2024-11-01',
	listDefaultPageSize: 10,
};

/** Errors from the transport are node errors already; anything else is wrapped. */
function asNodeError(this: IAllExecuteFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error instanceof Error ? error : String(error));
}
