import type { Operation } from '../../../shared/actions';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS } from '../../transport';
import { getByUid, uidField } from '../common';

export const getPatient: Operation = {
	resource: 'patient',
	operation: 'get',
	name: 'Get',
	description: "Get a patient's display name, email and date of birth",
	action: 'Get a patient',
	fields: [uidField('Patient UID', 'patientUid', "The patient's UID, e.g. data.patient_data.uid from an order event")],
	async run(itemIndex) {
		return await getByUid(this, itemIndex, {
			parameter: 'patientUid',
			label: 'Patient UID',
			path: RXSCALE_PATHS.patient,
			permission: RXSCALE_PERMISSIONS.readPatients,
		});
	},
};
