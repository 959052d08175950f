import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { locatedValue, resourceLocatorField } from '../../../shared/resourceLocator';
import { parseInput, requiredText } from '../../../shared/validation';
import { listRxScaleSubscriptions, removeRxScaleSubscription } from '../../subscriptions';
import { RXSCALE_SEARCH_METHODS } from '../listSearch';

/**
 * Subscription → Delete. RxScale removes a subscription by target URL and notification type, not
 * by its UID (docs/vendors/rxscale.md#remove-parameters), so the chosen subscription is looked up
 * in RxScale's list and removed by the target and type RxScale lists for it.
 */
export const deleteSubscription: Operation = {
	resource: 'subscription',
	operation: 'delete',
	name: 'Delete',
	description: 'Delete (deactivate) a webhook subscription',
	action: 'Delete subscription',
	fields: [
		resourceLocatorField({
			displayName: 'Subscription',
			name: 'subscription',
			description: 'The subscription to delete: pick it from the list (shown as event → address), or give its UID',
			searchMethod: RXSCALE_SEARCH_METHODS.subscriptions,
			idPlaceholder: 'e.g. ns-abc123',
			idHint: "The subscription's UID, as Subscription → Get Many or Create outputs it (uid).",
		}),
	],
	async run(itemIndex) {
		const uid = parseInput(this.getNode(), requiredText('Subscription'), locatedValue(this, 'subscription', itemIndex).value, itemIndex);
		const subscription = (await listRxScaleSubscriptions.call(this, itemIndex)).find((candidate) => String(candidate.uid ?? '') === uid);
		const target = subscription?.target;
		const type = subscription?.notification_type;
		if (typeof target !== 'string' || !target || typeof type !== 'string' || !type) {
			throw new NodeOperationError(
				this.getNode(),
				subscription
					? `RxScale lists subscription ${uid} without a target and a notification type, so it cannot be deleted`
					: `RxScale lists no active subscription ${uid}`,
				{
					itemIndex,
					description: subscription
						? 'RxScale removes subscriptions by target and type only. Nothing was deleted.'
						: 'It may have been deleted already. Nothing was deleted; Subscription → Get Many shows the active ones.',
				},
			);
		}
		await removeRxScaleSubscription.call(this, { target, notificationType: type }, itemIndex);
		return { deleted: true, uid, target, notification_type: type };
	},
};
