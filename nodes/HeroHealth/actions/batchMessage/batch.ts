import type { IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared/paths';
import { resourceLocatorField } from '../../../shared/resourceLocator';
import { permissionHint } from '../../transport';
import { requestForId } from '../common';

/** The Batch Message field, with the practice group's batches (`GET /v1/batch_message`) to pick from. */
export const batchIdField: INodeProperties = resourceLocatorField({
	displayName: 'Batch Message',
	name: 'batchId',
	searchMethod: 'searchBatchMessages',
	idPlaceholder: 'e.g. 301',
	idHint: 'The id Hero gave the batch message when it was created (Batch Message → Create)',
	description: 'The batch message, by its name, channel and status',
});

/** A request about one batch message: `/v1/batch_message/{id}` plus `suffix` (docs/vendors/hero-health.md#messages). */
export async function batchMessageRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	suffix = '',
) {
	return await requestForId(context, itemIndex, { name: 'batchId', label: 'Batch ID' }, (id) => ({
		method,
		path: batchMessagePath(id, suffix),
		permissionHint: permissionHint('Messaging'),
		notFoundHint: `Hero has no batch message with ID ${id} in this practice group.`,
	}));
}

/** `/v1/batch_message/{id}` plus `suffix`, the ID one checked path segment. */
export function batchMessagePath(id: string, suffix = ''): string {
	return `/v1/batch_message/${pathSegment(id, 'Batch ID')}${suffix}`;
}
