import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { RESCHEDULE_APPOINTMENT } from '../../inferredEndpoints';
import { appointmentIdField } from '../common';
import { appointmentRequest, timingBody, timingFields } from './appointment';

/**
 * Reschedule a confirmed appointment (docs/vendors/hero-health.md#reschedule-appointment-endpoint); Hero then sends
 * `appointment.rescheduled`. Method and body are inferred: `RESCHEDULE_APPOINTMENT`.
 */
export const rescheduleAppointment: Operation = {
	resource: 'appointment',
	operation: 'reschedule',
	name: 'Reschedule',
	description: 'Move a confirmed appointment to another time or practitioner',
	action: 'Reschedule appointment',
	fields: [appointmentIdField, ...timingFields()],

	async run(itemIndex) {
		const body = timingBody(this, itemIndex);
		const { id, answer } = await appointmentRequest(
			this,
			itemIndex,
			(id) => ({ method: RESCHEDULE_APPOINTMENT.method, path: RESCHEDULE_APPOINTMENT.path(id), body }),
			RESCHEDULE_APPOINTMENT,
		);
		return outputItem(answer, { id, ...body });
	},
};
