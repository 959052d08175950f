import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact, outputItem } from '../../../shared/actions';
import { optionalField, parseInput, requiredText } from '../../../shared/validation';
import { heroHealthRequest, permissionHint } from '../../transport';
import { appointmentTypeIdField, locationIdField, patientId } from '../common';
import { durationField, practitionerIdField, skipAvailabilityOption, startTimeField, suppressMailOption, timingSchema } from './appointment';

/**
 * `POST /v1/appointments` (docs/vendors/hero-health.md#booking): holds a slot. Hero answers
 * `{ id, reserved_until }`; the booking is made by Appointment → Confirm before that time.
 */

const reservation = timingSchema.extend({
	appointment_type_id: requiredText('Appointment Type ID'),
	location_id: requiredText('Location ID'),
	patient_id: optionalField(patientId()),
	billpayer_id: optionalField(z.string().trim()),
	reason: optionalField(z.string().trim()),
	suppress_mail: z.boolean().optional(),
	suppress_availability_check: z.boolean().optional(),
});

export const reserveAppointment: Operation = {
	resource: 'appointment',
	operation: 'reserve',
	name: 'Reserve',
	description: 'Hold a slot for a patient; confirm the booking before the "reserved_until" time in the output',
	action: 'Reserve an appointment',
	fields: [
		{
			displayName:
				'A reservation holds the slot only until "reserved_until" (Hero\'s own booking pages hold 15 minutes). Book it with Appointment → Confirm before then.',
			name: 'reservationNotice',
			type: 'notice',
			default: '',
		},
		appointmentTypeIdField,
		locationIdField,
		practitionerIdField,
		startTimeField,
		durationField,
		{
			displayName: 'Patient ID',
			name: 'patientId',
			type: 'string',
			default: '',
			placeholder: '98765',
			description: "Hero's ID for the patient the appointment is for (needed to confirm it)",
		},
		collection('additionalFields', [
			{
				displayName: 'Billpayer ID',
				name: 'billpayer_id',
				type: 'string',
				default: '',
				description: 'For a paid appointment: who pays, if not the patient',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Why the patient needs the appointment',
			},
			skipAvailabilityOption,
			suppressMailOption,
		]),
	],

	async run(itemIndex) {
		const read = (name: string) => this.getNodeParameter(name, itemIndex, '');
		const body = parseInput(
			this.getNode(),
			reservation,
			{
				appointment_type_id: read('appointmentTypeId'),
				location_id: read('locationId'),
				practitioner_id: read('practitionerId'),
				start_time: read('startTime'),
				duration: read('duration'),
				patient_id: read('patientId'),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const answer = await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/appointments',
			body: compact(body as IDataObject),
			itemIndex,
			permissionHint: permissionHint('Booking'),
			notFoundHint: 'Check the appointment type, location, practitioner and patient IDs.',
		});
		return outputItem(answer, {});
	},
};
