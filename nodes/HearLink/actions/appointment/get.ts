import { getOperation } from '../common';

export const appointmentGet = getOperation({
	resource: 'appointment',
	noun: 'appointment',
	path: '/appointments',
	hint: 'HearLink gives it as "appointmentUid" when an appointment is booked, and as "uid" in the HearLink Trigger\'s appointment events',
});
