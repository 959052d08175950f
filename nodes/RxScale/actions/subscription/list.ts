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
		// A subscription's signing secret never reaches an output item (execution data is not encrypted).
		const subscriptions = await listRxScaleSubscriptions.call(this, itemIndex);
		return subscriptions.map(({ signing_secret: secret, ...rest }) => ({
			...rest,
			...(secret === undefined ? {} : { signingSecretListed: typeof secret === 'string' && secret.length > 0 }),
		}));
	},
};
