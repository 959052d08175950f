import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { parseInput, requiredText } from '../../../shared/validation';
import { removeRxScaleSubscription } from '../../subscriptions';
import { knownEvent, subscriptionFields } from '../common';

const input = z.object({ target: requiredText('Target URL'), notificationType: knownEvent('Notification Type') });

export const removeSubscription: Operation = {
	resource: 'subscription',
	operation: 'remove',
	name: 'Remove',
	description: 'Remove the subscription of an address to one event type',
	action: 'Remove a subscription',
	fields: [
		...subscriptionFields({
			notificationType: 'The event to unsubscribe the address from',
			target: 'The subscribed address, exactly as RxScale lists it',
		}),
	],
	async run(itemIndex) {
		const { target, notificationType: type } = parseInput(
			this.getNode(),
			input,
			{
				target: this.getNodeParameter('target', itemIndex, ''),
				notificationType: this.getNodeParameter('notificationType', itemIndex, ''),
			},
			itemIndex,
		);
		await removeRxScaleSubscription.call(this, { target, notificationType: type }, itemIndex);
		return { removed: true, target, notification_type: type };
	},
};
