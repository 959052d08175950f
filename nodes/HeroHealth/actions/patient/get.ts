import type { Operation } from '../../../shared/actions';
import { HERO_HEALTH_RECORD_PATHS } from '../../records';
import { unpublishedScopeHint } from '../../transport';
import { answerOrDefault, patientId, patientIdField, requestForId } from '../common';

/** `GET /v1/patients/{id}` (hero-health.md §5.2.2). */
export const getPatient: Operation = {
	resource: 'patient',
	operation: 'get',
	name: 'Get',
	description: "Get a patient's Hero record: name, date of birth, NHS number, contact details",
	action: 'Get a patient',
	fields: [
		patientIdField,
	],

	async run(itemIndex) {
		const label = 'Patient ID';
		const { id, answer } = await requestForId(this, itemIndex, { name: 'patientId', label, schema: patientId(label) }, (id) => ({
			method: 'GET',
			path: HERO_HEALTH_RECORD_PATHS.Patient(id),
			permissionHint: unpublishedScopeHint('reading patients'),
			notFoundHint: `Hero has no patient with ID ${id} in this practice group.`,
		}));
		return answerOrDefault(answer, { id });
	},
};
