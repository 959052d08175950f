import type { Operation } from '../../../shared/actions';
import { pathSegment } from '../../../shared/paths';
import { permissionHint } from '../../transport';
import { answerOrDefault, requestForId } from '../common';

/** `GET /v1/slots/{id}` (hero-health.md §5.3.4). */
export const getSlot: Operation = {
	resource: 'slot',
	operation: 'get',
	name: 'Get',
	description: 'Get one appointment slot: practitioner, type, location, start and finish',
	action: 'Get a slot',
	fields: [
		{
			displayName: 'Slot ID',
			name: 'slotId',
			type: 'string',
			required: true,
			default: '',
		},
	],

	async run(itemIndex) {
		const { id, answer } = await requestForId(this, itemIndex, { name: 'slotId', label: 'Slot ID' }, (id) => ({
			method: 'GET',
			path: `/v1/slots/${pathSegment(id, 'Slot ID')}`,
			permissionHint: permissionHint('Booking'),
			notFoundHint: `Hero has no slot with ID ${id}.`,
		}));
		return answerOrDefault(answer, { id });
	},
};
