import { getByIdOperation } from '../../../shared/actions';
import { pathSegment } from '../../../shared/paths';
import { requiredText } from '../../../shared/validation';
import { heroHealthRequest, permissionHint } from '../../transport';

/** `GET /v1/slots/{id}`. */
export const getSlot = getByIdOperation({
	resource: 'slot',
	description: 'Get one appointment slot: practitioner, type, location, start and finish',
	action: 'Get slot',
	id: {
		name: 'slotId',
		displayName: 'Slot',
		description: 'A free slot, by its start in UK time and its practitioner',
		schema: requiredText('Slot ID'),
		locator: {
			searchMethod: 'searchSlots',
			idPlaceholder: 'e.g. 7013',
			idHint: 'The id of a slot, as Slot → Get Many outputs it',
		},
	},
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
