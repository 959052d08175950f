import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';
import { batchStatusFilter, batchStatusQuery } from './lists';

/** `GET /v1/batch_message` (docs/vendors/hero-health.md#messages): the practice group's batch messages, page by page. */
export const getAllBatchMessages: Operation = {
	resource: 'batchMessage',
	operation: 'getAll',
	name: 'Get Many',
	description: 'List the batch messages of the practice group',
	action: 'Get many batch messages',
	fields: [...returnAllFields(), batchStatusFilter('Only batch messages with this status')],

	async run(itemIndex) {
		const qs = batchStatusQuery(this, itemIndex);
		return await heroHealthList.call(
			this,
			{ method: 'GET', path: '/v1/batch_message', qs, itemIndex, permissionHint: permissionHint('Messaging') },
			listWanted(this, itemIndex),
		);
	},
};
