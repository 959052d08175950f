import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { listRxScaleSubscriptions } from '../../subscriptions';

export const getManySubscriptions: Operation = {
	resource: 'subscription',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Get the active webhook subscriptions of the organisation, one item each',
	action: 'Get many subscriptions',
	fields: [...returnAllFields()],
	async run(itemIndex) {
		const { returnAll, limit } = listWanted(this, itemIndex);
		// RxScale answers the whole list at once (no paging): Limit keeps the first ones.
		const subscriptions = await listRxScaleSubscriptions.call(this, itemIndex);
		// A subscription's signing secret never reaches an output item (execution data is not encrypted).
		return (returnAll ? subscriptions : subscriptions.slice(0, limit)).map(({ signing_secret: secret, ...rest }) => ({
			...rest,
			...(secret === undefined ? {} : { signingSecretListed: typeof secret === 'string' && secret.length > 0 }),
		}));
	},
};
