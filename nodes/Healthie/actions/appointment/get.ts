import { getRecordOperation } from '../common';

export const getAppointment = getRecordOperation({
	resource: 'appointment',
	description: 'Read an appointment by ID, including deleted ones',
	action: 'Get an appointment',
	idField: { name: 'appointmentId', displayName: 'Appointment ID' },
	recordType: 'Appointment',
	noun: 'appointment',
});
