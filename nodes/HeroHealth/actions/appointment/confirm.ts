import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { CONFIRM_APPOINTMENT } from '../../inferredEndpoints';
import { appointmentIdField } from '../common';
import { appointmentRequest } from './appointment';

/**
 * Hero's "Book an Appointment" (docs/vendors/hero-health.md#confirm-appointment-endpoint): turns a reservation into a booking, after
 * which Hero sends `appointment.confirmed`. Its path is inferred: `CONFIRM_APPOINTMENT`.
 */
export const confirmAppointment: Operation = {
	resource: 'appointment',
	operation: 'confirm',
	name: 'Confirm',
	description: 'Book a reserved appointment, before its reservation runs out',
	action: 'Confirm appointment',
	fields: [appointmentIdField],

	async run(itemIndex) {
		const { id, answer } = await appointmentRequest(
			this,
			itemIndex,
			(id) => ({ method: CONFIRM_APPOINTMENT.method, path: CONFIRM_APPOINTMENT.path(id) }),
			CONFIRM_APPOINTMENT,
		);
		return outputItem(answer, { id, confirmed: true });
	},
};
