import type { Operation } from '../../../shared/actions';
import { returnAllFields } from '../../../shared/actions';
import { batchIdField } from './batch';
import { batchStatusFilter, batchSubList } from './lists';

/** `GET /v1/batch_message/{id}/messages` (docs/vendors/hero-health.md#messages): the messages a batch made. */
export const getBatchMessages: Operation = {
	resource: 'batchMessage',
	operation: 'getMessages',
	name: 'Get Messages',
	description: 'List the messages a batch message made, one per recipient',
	action: 'Get messages of batch message',
	fields: [batchIdField, ...returnAllFields(), batchStatusFilter('Only messages with this status')],

	async run(itemIndex) {
		return await batchSubList(this, itemIndex, '/messages');
	},
};
