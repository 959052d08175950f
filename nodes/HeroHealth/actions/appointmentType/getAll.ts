import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';

/** `GET /v1/appointment_types` (docs/vendors/hero-health.md#booking): the first step of booking. */
export const getAllAppointmentTypes: Operation = {
	resource: 'appointmentType',
	operation: 'getAll',
	name: 'Get Many',
	description: 'List the appointment types patients can be booked into, with their next free slot',
	action: 'Get many appointment types',
	fields: [
		...returnAllFields(),
		collection('filters', [
			{
				displayName: 'Location IDs',
				name: 'locationIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5, 6',
				description: 'Only types offered at these locations (IDs separated by commas)',
			},
			{
				displayName: 'Only With Free Slots',
				name: 'hasAvailability',
				type: 'boolean',
				default: false,
				description: 'Whether to list only the types that have a free slot',
			},
		]),
	],

	async run(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as {
			locationIds?: string;
			hasAvailability?: boolean;
		};
		const locationIds = String(filters.locationIds ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		return await heroHealthList.call(
			this,
			{
				method: 'GET',
				path: '/v1/appointment_types',
				qs: {
					...(locationIds.length > 0 ? { location_ids: locationIds } : {}),
					...(filters.hasAvailability ? { has_availability: true } : {}),
				},
				// The sample URL shows `location_ids=…`: several ids as repeated keys, no brackets.
				arrayFormat: 'repeat',
				itemIndex,
				permissionHint: permissionHint('Booking'),
			},
			listWanted(this, itemIndex),
		);
	},
};
