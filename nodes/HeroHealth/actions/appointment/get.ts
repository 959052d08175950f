import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { HERO_HEALTH_RECORD_PATHS } from '../../records';
import { appointmentIdField } from '../common';
import { appointmentRequest } from './appointment';

/** `GET /v1/appointments/{id}` (docs/vendors/hero-health.md#booking). */
export const getAppointment: Operation = {
	resource: 'appointment',
	operation: 'get',
	name: 'Get',
	description:
		'Get an appointment: booked when "booking_confirmed_at" is set, only reserved while "reserved_until" is set',
	action: 'Get appointment',
	fields: [appointmentIdField],

	async run(itemIndex) {
		const { id, answer } = await appointmentRequest(this, itemIndex, (id) => ({
			method: 'GET',
			path: HERO_HEALTH_RECORD_PATHS.Appointment(id),
		}));
		return outputItem(answer, { id });
	},
};
