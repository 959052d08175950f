import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseInput, wholeNumber } from '../validation';

/** n8n's "Return All" and "Limit" pair, for every list operation. */

/**
 * At most this many pages for one list, whatever the vendor says is left: a vendor answer that
 * never ends (a huge count, fresh records on every page) must not hold the node or its memory.
 */
export const MAX_LIST_PAGES = 2000;

export interface ListWanted {
	returnAll: boolean;
	/** Used when `returnAll` is false. */
	limit: number;
}

export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** What the user asked for; a Limit that is not a whole number of at least 1 stops the item before any call. */
export function listWanted(context: IExecuteFunctions, itemIndex: number): ListWanted {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: 0 };
	const limit = parseInput(context.getNode(), wholeNumber('Limit', 1), context.getNodeParameter('limit', itemIndex, 50), itemIndex);
	return { returnAll, limit };
}
