import type { Operation } from '../../../shared/actions';
import { returnAllFields } from '../../../shared/actions';
import { batchIdField } from './batch';
import { batchStatusFilter, batchSubList } from './lists';

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
		return await batchSubList(this, itemIndex, '/recipients');
	},
};
