import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { batchIdField, batchMessageRequest } from './batch';

/** `GET /v1/batch_message/{id}` (docs/vendors/hero-health.md#messages). */
export const getBatchMessage: Operation = {
	resource: 'batchMessage',
	operation: 'get',
	name: 'Get',
	description: 'Get a batch message and its status (CREATED, PENDING, SENDING, COMPLETED)',
	action: 'Get batch message',
	fields: [batchIdField],

	async run(itemIndex) {
		const { id, answer } = await batchMessageRequest(this, itemIndex, 'GET');
		return outputItem(answer, { id });
	},
};
