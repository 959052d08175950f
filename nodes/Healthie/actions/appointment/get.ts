import { getRecordOperation } from '../common';
import { APPOINTMENT_LOCATOR } from '../locators';

export const getAppointment = getRecordOperation({
	resource: 'appointment',
	description: 'Read an appointment by ID, including deleted ones',
	action: 'Get appointment',
	idField: { name: 'appointmentId', displayName: 'Appointment', locator: APPOINTMENT_LOCATOR },
	recordType: 'Appointment',
	noun: 'appointment',
});
