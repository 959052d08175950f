import { getByIdOperation } from '../../../shared/actions';
import { pathSegment } from '../../../shared/paths';
import { heroHealthRequest, permissionHint } from '../../transport';

/** `GET /v1/slots/{id}`. */
export const getSlot = getByIdOperation({
	resource: 'slot',
	description: 'Get one appointment slot: practitioner, type, location, start and finish',
	action: 'Get a slot',
	id: { name: 'slotId', displayName: 'Slot ID' },
	async fetch(id, itemIndex) {
		return await heroHealthRequest.call(this, {
			method: 'GET',
			path: `/v1/slots/${pathSegment(id, 'Slot ID')}`,
			permissionHint: permissionHint('Booking'),
			notFoundHint: `Hero has no slot with ID ${id}.`,
			itemIndex,
		});
	},
});
