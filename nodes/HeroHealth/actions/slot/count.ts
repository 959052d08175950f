import type { Operation } from '../../../shared/actions';
import { slotCountOutput } from '../../inferredEndpoints';
import { heroHealthRequest, permissionHint } from '../../transport';
import { slotFilterFields, slotQuery } from './filters';

/** `GET /v1/slots/count` (docs/vendors/hero-health.md#slot-count-answer). */
export const countSlots: Operation = {
	resource: 'slot',
	operation: 'count',
	name: 'Count',
	description: 'Count the free appointment slots matching the filters',
	action: 'Count slots',
	fields: [slotFilterFields],

	async run(itemIndex) {
		const qs = slotQuery(this, itemIndex);
		const answer = await heroHealthRequest.call(this, {
			method: 'GET',
			path: '/v1/slots/count',
			qs,
			itemIndex,
			permissionHint: permissionHint('Booking'),
		});
		return slotCountOutput(answer);
	},
};
