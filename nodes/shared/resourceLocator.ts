import type {
	IExecuteFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';

/**
 * n8n's resource locator for every ID a user would otherwise paste: "From List" (searchable, the
 * default) where the vendor has a list or search endpoint, "By ID" always, and "By URL" or
 * "By Name" where the vendor has one. A plain string (an older workflow, an expression, an AI
 * agent) is read as "By ID", so expressions keep working.
 */

export interface LocatorSpec {
	displayName: string;
	name: string;
	/** The `methods.listSearch` method behind "From List"; without it the field has no list. */
	searchMethod?: string;
	/** What an ID looks like, e.g. "e.g. 1001". */
	idPlaceholder: string;
	/** Where in the vendor's app the ID is found (the hint under "By ID"). */
	idHint?: string;
	/** A regular expression an ID must match (checked in the editor). */
	idPattern?: { regex: string; message: string };
	/** "By URL": a pattern whose first group is the ID. */
	url?: { placeholder: string; regex: string };
	/** "By Name": the vendor accepts the name instead of the ID. */
	byName?: { placeholder: string; hint?: string };
	description?: string;
	required?: boolean;
}

export function resourceLocatorField(spec: LocatorSpec): INodeProperties {
	const every: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				...(spec.idHint ? { hint: spec.idHint } : {}),
				...(spec.idPattern
					? { validation: [{ type: 'regex', properties: { regex: spec.idPattern.regex, errorMessage: spec.idPattern.message } }] }
					: {}),
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: spec.url?.placeholder,
				extractValue: { type: 'regex', regex: spec.url?.regex ?? '' },
				validation: [{ type: 'regex', properties: { regex: spec.url?.regex ?? '', errorMessage: 'Not a valid address for this record' } }],
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: spec.byName?.placeholder,
				...(spec.byName?.hint ? { hint: spec.byName.hint } : {}),
			},
		],
	};
	const all = every.modes;
	const offered = { list: Boolean(spec.searchMethod), id: true, url: Boolean(spec.url), name: Boolean(spec.byName) };
	const modes = all.filter((mode) => offered[mode.name as keyof typeof offered]);
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		required: spec.required ?? true,
		modes,
		...(spec.description ? { description: spec.description } : {}),
	};
}

export interface LocatedValue {
	/** `list` and `url` resolve to an ID; `name` is a name the vendor looks up itself. */
	mode: 'list' | 'id' | 'url' | 'name';
	value: unknown;
}

/** The chosen value of a resource locator (or a plain value, read as "By ID"), its URL already reduced to the ID. */
export function locatedValue(context: IExecuteFunctions, name: string, itemIndex: number): LocatedValue {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	if (raw && typeof raw === 'object' && '__rl' in raw) {
		const mode = (raw as { mode?: unknown }).mode;
		return { mode: mode === 'list' || mode === 'url' || mode === 'name' ? mode : 'id', value };
	}
	return { mode: 'id', value };
}

/** A page of search results, filtered on the vendor's side where it can and here where it cannot. */
export function searchResults(items: INodeListSearchItems[], nextPage?: string | number): INodeListSearchResult {
	return { results: items, ...(nextPage === undefined ? {} : { paginationToken: String(nextPage) }) };
}

/** Whether `text` matches a search filter typed in the list (case-insensitive, every word). */
export function matchesFilter(text: string, filter?: string): boolean {
	if (!filter?.trim()) return true;
	const haystack = text.toLowerCase();
	return filter
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word));
}
