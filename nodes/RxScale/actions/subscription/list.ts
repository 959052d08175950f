import type { Operation } from '../../../shared/actions';
import { listRxScaleSubscriptions } from '../../subscriptions';

export const listSubscriptions: Operation = {
	resource: 'subscription',
	operation: 'list',
	name: 'List',
	description: 'List the active webhook subscriptions of the organisation, one item each',
	action: 'List subscriptions',
	fields: [],
	async run(itemIndex) {
		return await listRxScaleSubscriptions.call(this, itemIndex);
	},
};
