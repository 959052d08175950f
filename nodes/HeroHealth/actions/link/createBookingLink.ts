import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact, outputItem } from '../../../shared/actions';
import { optionalField, parseInput, requiredText, wholeNumber } from '../../../shared/validation';
import { heroDate, heroDateNotInPast } from '../../dates';
import { CREATE_BOOKING_LINK, inferredPathHint } from '../../inferredEndpoints';
import { heroHealthRequest, permissionHint } from '../../transport';
import { appointmentTypeField, locatedId, locationField, patientId, patientIdField, practitionerField } from '../common';

/**
 * Create Booking Link (docs/vendors/hero-health.md#booking-link-endpoint): a link with which a patient books an appointment type
 * at a location. With a patient ID it is a personal invite (the patient confirms their date of
 * birth); without, anyone may use it (NHS login or Hero login). The fields are documented, the path
 * and the answer are not: `CREATE_BOOKING_LINK`.
 */

const bookingLink = z
	.object({
		appointment_type_id: requiredText('Appointment Type ID'),
		location_id: requiredText('Location ID'),
		patient_id: optionalField(patientId()),
		practitioner_id: optionalField(z.string().trim()),
		from_date: optionalField(heroDate('Slots From')),
		to_date: optionalField(heroDate('Slots To')),
		expiry_date: optionalField(heroDateNotInPast('Link Expires On')),
		maximum_use_count: optionalField(wholeNumber('Maximum Uses', 1)),
	})
	.refine((link) => !link.from_date || !link.to_date || link.from_date <= link.to_date, {
		message: 'Slots From must not be after Slots To',
		path: ['to_date'],
	});

export const createBookingLink: Operation = {
	resource: 'link',
	operation: 'createBookingLink',
	name: 'Create Booking Link',
	description: 'Create a link with which a patient books an appointment type at a location themselves',
	action: 'Create booking link',
	fields: [
		appointmentTypeField(),
		locationField(),
		collection('additionalFields', [
			{
				displayName: 'Link Expires On',
				name: 'expiry_date',
				type: 'dateTime',
				default: '',
				description: 'The last day the link works (a UK date; a time given is ignored)',
			},
			{
				displayName: 'Maximum Uses',
				name: 'maximum_use_count',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'How many bookings the link allows',
			},
			patientIdField({
				name: 'patient_id',
				required: false,
				description: 'Make it a personal invite: only this patient can use it, after confirming their date of birth',
			}),
			practitionerField({ name: 'practitioner_id', required: false, description: "Offer only this practitioner's slots" }),
			{
				displayName: 'Slots From',
				name: 'from_date',
				type: 'dateTime',
				default: '',
				description: 'Offer slots from this day (a UK date; a time given is ignored)',
			},
			{
				displayName: 'Slots To',
				name: 'to_date',
				type: 'dateTime',
				default: '',
				description: 'Offer slots up to this day (a UK date; a time given is ignored)',
			},
		]),
	],

	async run(itemIndex) {
		const body = parseInput(
			this.getNode(),
			bookingLink,
			{
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
				appointment_type_id: locatedId(this, 'appointmentTypeId', itemIndex),
				location_id: locatedId(this, 'locationId', itemIndex),
				patient_id: locatedId(this, 'additionalFields.patient_id', itemIndex),
				practitioner_id: locatedId(this, 'additionalFields.practitioner_id', itemIndex),
			},
			itemIndex,
		);
		const answer = await heroHealthRequest.call(this, {
			method: CREATE_BOOKING_LINK.method,
			path: CREATE_BOOKING_LINK.pattern,
			body: compact(body as IDataObject),
			itemIndex,
			permissionHint: permissionHint('Booking links'),
			notFoundHint:
				`Check the appointment type, location and patient IDs. ${inferredPathHint(CREATE_BOOKING_LINK)}`,
		});
		return outputItem(answer, { created: true });
	},
};
