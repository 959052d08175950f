import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { collection, compact, listWanted } from '../../../shared/actions';
import { parseInput, requiredText } from '../../../shared/validation';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';
import { locatedId } from '../common';
import { batchMessagePath } from './batch';

/**
 * The `status` filter of Hero's batch message lists (docs/vendors/hero-health.md#messages). Hero
 * documents these values for the filter of all three lists, although a batch's own status is one of
 * CREATED, PENDING, SENDING, COMPLETED: the filter's values look like a recipient's status.
 */
export const BATCH_LIST_STATUSES = ['CREATED', 'ENRICHED', 'ENRICHMENT_ERROR', 'INVALID_PAYLOAD', 'QUEUED'] as const;

export function batchStatusFilter(description: string): INodeProperties {
	return collection('filters', [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Created', value: 'CREATED' },
				{ name: 'Enriched', value: 'ENRICHED', description: 'Found on the NHS Spine' },
				{ name: 'Enrichment Error', value: 'ENRICHMENT_ERROR', description: 'Not found on the NHS Spine' },
				{ name: 'Invalid Payload', value: 'INVALID_PAYLOAD' },
				{ name: 'Queued', value: 'QUEUED' },
			],
			default: 'CREATED',
			description,
		},
	]);
}

const filters = z.object({ status: z.enum(BATCH_LIST_STATUSES, { message: 'Status must be one of the listed statuses' }).optional() });

/** The checked status filter as Hero's query. */
export function batchStatusQuery(context: IExecuteFunctions, itemIndex: number) {
	return compact(parseInput(context.getNode(), filters, context.getNodeParameter('filters', itemIndex, {}), itemIndex));
}

/** The batch message's ID from the Batch Message field, checked. */
export function batchId(context: IExecuteFunctions, itemIndex: number): string {
	return parseInput(context.getNode(), requiredText('Batch ID'), locatedId(context, 'batchId', itemIndex), itemIndex);
}

/** One of a batch's own lists (its messages, its recipients), filtered by status, with Return All / Limit. */
export async function batchSubList(context: IExecuteFunctions, itemIndex: number, list: '/messages' | '/recipients') {
	const id = batchId(context, itemIndex);
	return await heroHealthList.call(
		context,
		{
			method: 'GET',
			path: batchMessagePath(id, list),
			qs: batchStatusQuery(context, itemIndex),
			itemIndex,
			permissionHint: permissionHint('Messaging'),
			notFoundHint: `Hero has no batch message with ID ${id} in this practice group.`,
		},
		listWanted(context, itemIndex),
	);
}
