import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';
import { batchIdField, batchMessagePath } from './batch';
import { batchId, batchStatusFilter, batchStatusQuery } from './lists';

/**
 * `GET /v1/batch_message/{id}/recipients` (docs/vendors/hero-health.md#messages): who a batch goes
 * to, and how far each got (found on the NHS Spine, queued …).
 */
export const getBatchRecipients: Operation = {
	resource: 'batchMessage',
	operation: 'getRecipients',
	name: 'Get Recipients',
	description: 'List the recipients of a batch message and their status, e.g. whether the NHS Spine found them',
	action: 'Get recipients of batch message',
	fields: [batchIdField, ...returnAllFields(), batchStatusFilter('Only recipients with this status')],

	async run(itemIndex) {
		const id = batchId(this, itemIndex);
		const qs = batchStatusQuery(this, itemIndex);
		return await heroHealthList.call(
			this,
			{
				method: 'GET',
				path: batchMessagePath(id, '/recipients'),
				qs,
				itemIndex,
				permissionHint: permissionHint('Messaging'),
				notFoundHint: `Hero has no batch message with ID ${id} in this practice group.`,
			},
			listWanted(this, itemIndex),
		);
	},
};
