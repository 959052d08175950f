import type { IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared/paths';
import { permissionHint } from '../../transport';
import { requestForId } from '../common';

export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID Hero gave the batch message when it was created',
};

/** A request about one batch message: `/v1/batch_message/{id}` plus `suffix` (docs/vendors/hero-health.md#messages). */
export async function batchMessageRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	suffix = '',
) {
	return await requestForId(context, itemIndex, { name: 'batchId', label: 'Batch ID' }, (id) => ({
		method,
		path: `/v1/batch_message/${pathSegment(id, 'Batch ID')}${suffix}`,
		permissionHint: permissionHint('Messaging'),
		notFoundHint: `Hero has no batch message with ID ${id} in this practice group.`,
	}));
}
