import { getRecordOperation } from '../common';
import { PATIENT_LOCATOR } from '../locators';

export const getPatient = getRecordOperation({
	resource: 'patient',
	description: "Read a patient's details by ID (without marking their notifications as seen)",
	action: 'Get patient',
	idField: { name: 'patientId', displayName: 'Patient', locator: PATIENT_LOCATOR },
	recordType: 'User',
	noun: 'patient',
});
