import { getByIdOperation } from '../../../shared/actions';
import { HERO_HEALTH_RECORD_PATHS } from '../../records';
import { heroHealthRequest, unpublishedScopeHint } from '../../transport';
import { patientId, patientIdField } from '../common';

/** `GET /v1/patients/{id}`. */
export const getPatient = getByIdOperation({
	resource: 'patient',
	description: "Get a patient's Hero record: name, date of birth, NHS number, contact details",
	action: 'Get a patient',
	id: { ...patientIdField, schema: patientId('Patient ID') },
	async fetch(id, itemIndex) {
		return await heroHealthRequest.call(this, {
			method: 'GET',
			path: HERO_HEALTH_RECORD_PATHS.Patient(id),
			permissionHint: unpublishedScopeHint('reading patients'),
			notFoundHint: `Hero has no patient with ID ${id} in this practice group.`,
			itemIndex,
		});
	},
});
