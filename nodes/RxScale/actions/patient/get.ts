import { getByIdOperation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';

export const getPatient = getByIdOperation({
	resource: 'patient',
	description: "Get a patient's display name, email and date of birth",
	action: 'Get a patient',
	id: {
		name: 'patientUid',
		displayName: 'Patient UID',
		placeholder: 'e.g. pat-123',
		description: "The patient's UID, e.g. data.patient_data.uid from an order event",
	},
	async fetch(uid, itemIndex) {
		return await rxScaleRequest.call(this, {
			method: 'GET',
			path: RXSCALE_PATHS.patient(uid),
			permission: RXSCALE_PERMISSIONS.readPatients,
			resourceEndpoint: true,
			itemIndex,
		});
	},
});
