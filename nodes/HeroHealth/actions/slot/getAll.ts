import type { Operation } from '../../../shared/actions';
import { listWanted, returnAllFields } from '../../../shared/actions';
import { SLOT_QUERY_PARAMETERS } from '../../inferredEndpoints';
import { heroHealthList } from '../../pagination';
import { permissionHint } from '../../transport';
import { slotFilterFields, slotQuery } from './filters';

/** `GET /v1/slots` (docs/vendors/hero-health.md#slot-list-parameters): free slots, filtered, all pages or up to a limit. */
export const getAllSlots: Operation = {
	resource: 'slot',
	operation: 'getAll',
	name: 'Get Many',
	description: 'List free appointment slots by type, location, practitioner and dates',
	action: 'Get many slots',
	fields: [...returnAllFields(), slotFilterFields],

	async run(itemIndex) {
		const qs = slotQuery(this, itemIndex);
		return await heroHealthList.call(
			this,
			{ method: 'GET', path: '/v1/slots', qs, itemIndex, permissionHint: permissionHint('Booking') },
			listWanted(this, itemIndex),
			{ pageIndex: SLOT_QUERY_PARAMETERS.pageIndex, pageSize: SLOT_QUERY_PARAMETERS.pageSize },
		);
	},
};
