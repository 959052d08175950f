import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { collection, compact, outputItem } from '../../../shared/actions';
import { pathSegment } from '../../../shared/paths';
import { appointmentIdField } from '../common';
import { appointmentRequest, suppressMailOption } from './appointment';

/**
 * `PATCH /v1/appointments/{id}/cancel` (docs/vendors/hero-health.md#booking); Hero then sends
 * `appointment.cancelled`. Hero may refuse inside the cancellation policy window
 * (`cancellation_policy_hours`) unless told to ignore it.
 */
export const cancelAppointment: Operation = {
	resource: 'appointment',
	operation: 'cancel',
	name: 'Cancel',
	description: 'Cancel an appointment or release a reservation',
	action: 'Cancel appointment',
	fields: [
		appointmentIdField,
		collection('options', [
			{
				displayName: 'Ignore Cancellation Policy',
				name: 'suppress_cancellation_policy',
				type: 'boolean',
				default: false,
				description:
					"Whether to cancel even inside the practice's cancellation window (the appointment's cancellation_policy_hours)",
			},
			suppressMailOption,
		]),
	],

	async run(itemIndex) {
		const body = compact(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
		const { id, answer } = await appointmentRequest(this, itemIndex, (id) => ({
			method: 'PATCH',
			path: `/v1/appointments/${pathSegment(id, 'Appointment ID')}/cancel`,
			body,
		}));
		return outputItem(answer, { id, cancelled: true });
	},
};
