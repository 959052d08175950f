import { getByIdOperation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';

/**
 * Prescription → Get (`GET /prescriptions/{uid}`, docs/vendors/rxscale.md#orders-patients-and-prescriptions).
 * RxScale has no prescription list or search of its own, so the UID comes from an order.
 */
export const getPrescription = getByIdOperation({
	resource: 'prescription',
	description: "Get a prescription's status, its doctor and whether it has been rendered",
	action: 'Get prescription',
	id: {
		name: 'prescriptionUid',
		displayName: 'Prescription',
		description: 'The prescription to get, by its UID',
		locator: {
			idPlaceholder: 'e.g. px-abc123',
			idHint: "The prescription's UID: from Order → Get, prescriptions[].uid (the key needs prescription:read to see them there too).",
		},
	},
	async fetch(uid, itemIndex) {
		return await rxScaleRequest.call(this, {
			method: 'GET',
			path: RXSCALE_PATHS.prescription(uid),
			permission: RXSCALE_PERMISSIONS.readPrescriptions,
			resourceEndpoint: true,
			itemIndex,
		});
	},
});
