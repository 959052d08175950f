import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { batchIdField, batchMessageRequest } from './batch';

/** `PATCH /v1/batch_message/{id}/send` (docs/vendors/hero-health.md#messages): starts sending a created batch. */
export const sendBatchMessage: Operation = {
	resource: 'batchMessage',
	operation: 'send',
	name: 'Send',
	description: 'Send a batch message that was created before',
	action: 'Send batch message',
	fields: [batchIdField],

	async run(itemIndex) {
		const { id, answer } = await batchMessageRequest(this, itemIndex, 'PATCH', '/send');
		return outputItem(answer, { id, sent: true });
	},
};
