import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { HERO_HEALTH_RECORD_PATHS } from '../../records';
import { appointmentIdField } from '../common';
import { appointmentRequest, timingBody, timingFields } from './appointment';

/** `PUT /v1/appointments/{id}` (docs/vendors/hero-health.md#booking): only for appointments not yet confirmed. */
export const updateAppointment: Operation = {
	resource: 'appointment',
	operation: 'update',
	name: 'Update',
	description: 'Change the time, length or practitioner of a reserved appointment that is not confirmed yet',
	action: 'Update appointment',
	fields: [appointmentIdField, ...timingFields()],

	async run(itemIndex) {
		const body = timingBody(this, itemIndex);
		const { id, answer } = await appointmentRequest(this, itemIndex, (id) => ({
			method: 'PUT',
			path: HERO_HEALTH_RECORD_PATHS.Appointment(id),
			body,
			// Setting the same values twice leaves the same appointment.
			idempotent: true,
		}));
		return outputItem(answer, { id, ...body });
	},
};
