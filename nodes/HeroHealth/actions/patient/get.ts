import type { IDataObject } from 'n8n-workflow';

import { getByIdOperation, outputItem } from '../../../shared/actions';
import { HERO_HEALTH_RECORD_PATHS } from '../../records';
import { heroHealthRequest, unpublishedScopeHint } from '../../transport';
import { PATIENT_ID_HINT, patientId } from '../common';

/** The fields Simplify keeps of Hero's patient record (docs/vendors/hero-health.md#patients), about 30 in all. */
const SIMPLE_PATIENT_FIELDS = ['id', 'title', 'first_name', 'last_name', 'dob', 'nhs_number', 'email', 'mobile', 'postcode', 'status'];

/** `GET /v1/patients/{id}`. */
export const getPatient = getByIdOperation({
	resource: 'patient',
	description: "Get a patient's Hero record: name, date of birth, NHS number, contact details",
	action: 'Get patient',
	id: {
		name: 'patientId',
		displayName: 'Patient',
		description: 'The patient, by their Hero patient ID',
		schema: patientId('Patient ID'),
		locator: {
			idPlaceholder: 'e.g. 98765',
			idHint: PATIENT_ID_HINT,
			idPattern: { regex: '^\\s*\\d+\\s*$', message: "Hero's patient IDs are digits, e.g. 98765" },
		},
	},
	moreFields: [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		},
	],
	async fetch(id, itemIndex) {
		return await heroHealthRequest.call(this, {
			method: 'GET',
			path: HERO_HEALTH_RECORD_PATHS.Patient(id),
			permissionHint: unpublishedScopeHint('reading patients'),
			notFoundHint: `Hero has no patient with ID ${id} in this practice group.`,
			itemIndex,
		});
	},
	output(answer, id, itemIndex) {
		const record = outputItem(answer, { id });
		if (!this.getNodeParameter('simplify', itemIndex, true)) return record;
		return Object.fromEntries(SIMPLE_PATIENT_FIELDS.filter((field) => field in record).map((field) => [field, record[field]])) as IDataObject;
	},
});
