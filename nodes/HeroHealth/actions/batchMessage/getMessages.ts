import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';
import { batchIdField, batchMessagePath } from './batch';
import { batchId, batchStatusFilter, batchStatusQuery } from './lists';

/** `GET /v1/batch_message/{id}/messages` (docs/vendors/hero-health.md#messages): the messages a batch made. */
export const getBatchMessages: Operation = {
	resource: 'batchMessage',
	operation: 'getMessages',
	name: 'Get Messages',
	description: 'List the messages a batch message made, one per recipient',
	action: 'Get messages of batch message',
	fields: [batchIdField, ...returnAllFields(), batchStatusFilter('Only messages with this status')],

	async run(itemIndex) {
		const id = batchId(this, itemIndex);
		const qs = batchStatusQuery(this, itemIndex);
		return await heroHealthList.call(
			this,
			{
				method: 'GET',
				path: batchMessagePath(id, '/messages'),
				qs,
				itemIndex,
				permissionHint: permissionHint('Messaging'),
				notFoundHint: `Hero has no batch message with ID ${id} in this practice group.`,
			},
			listWanted(this, itemIndex),
		);
	},
};
