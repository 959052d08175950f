import { getRecordOperation } from '../common';

export const getPatient = getRecordOperation({
	resource: 'patient',
	description: "Read a patient's details by ID (without marking their notifications as seen)",
	action: 'Get a patient',
	idField: { name: 'patientId', displayName: 'Patient ID' },
	recordType: 'User',
	noun: 'patient',
});
