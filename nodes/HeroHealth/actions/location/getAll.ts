import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';

/** `GET /v1/locations` (docs/vendors/hero-health.md#booking): the locations set up for online booking. */
export const getAllLocations: Operation = {
	resource: 'location',
	operation: 'getAll',
	name: 'Get Many',
	description: 'List the practice locations set up for online booking',
	action: 'Get many locations',
	fields: returnAllFields(),

	async run(itemIndex) {
		return await heroHealthList.call(
			this,
			{ method: 'GET', path: '/v1/locations', itemIndex, permissionHint: permissionHint('Booking') },
			listWanted(this, itemIndex),
		);
	},
};
