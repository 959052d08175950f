import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { isoDate, parseInput, requiredText } from '../../../shared/validation';
import { hearLinkRequest } from '../../transport';
import { asText, output, simplifyField } from '../common';

/**
 * POST /appointments/create (docs/vendors/hearlink.md#request-bodies). The patient, appointment type, clinic, assignee
 * and referral must already exist in HearLink; times are in the organisation's time zone.
 * HearLink answers `{ appointmentUid }`.
 */

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = (label: string) =>
	asText(requiredText(label).pipe(z.string().regex(TIME, { message: `${label} must be a 24-hour time written HH:mm, e.g. 09:30` })));

const appointmentInput = z
	.object({
		patientId: asText(requiredText('Patient ID')),
		appointmentTypeId: asText(requiredText('Appointment Type ID')),
		clinicId: asText(requiredText('Clinic ID')),
		assigneeId: asText(requiredText('Assignee ID')),
		date: asText(isoDate('Date')),
		start: time('Start Time'),
		end: time('End Time'),
		location: z.enum(['clinic', 'home'], {
			errorMap: () => ({ message: 'Location must be "clinic" or "home"' }),
		}),
		sendConfirmation: z.boolean({ invalid_type_error: 'Send Confirmation must be true or false' }),
		additionalNote: asText(z.string().optional()),
		referralId: asText(z.string().optional()),
	})
	.superRefine((input, context) => {
		// Zero-padded HH:mm compares correctly as text.
		if (input.end <= input.start) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['end'],
				message: `End Time (${input.end}) must be after Start Time (${input.start})`,
			});
		}
	})
	.transform((input): IDataObject => compact({ ...input }));

interface AdditionalFields {
	additionalNote?: string;
	referralId?: string;
}

export function appointmentRequestBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const raw = {
		patientId: this.getNodeParameter('patientId', itemIndex, ''),
		appointmentTypeId: this.getNodeParameter('appointmentTypeId', itemIndex, ''),
		clinicId: this.getNodeParameter('clinicId', itemIndex, ''),
		assigneeId: this.getNodeParameter('assigneeId', itemIndex, ''),
		date: this.getNodeParameter('date', itemIndex, ''),
		start: this.getNodeParameter('start', itemIndex, ''),
		end: this.getNodeParameter('end', itemIndex, ''),
		location: this.getNodeParameter('location', itemIndex, 'clinic'),
		sendConfirmation: this.getNodeParameter('sendConfirmation', itemIndex, false),
		additionalNote: additional.additionalNote,
		referralId: additional.referralId,
	};
	return parseInput(this.getNode(), appointmentInput, raw, itemIndex);
}

const idField = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'string' as const,
	required: true,
	default: '',
	description,
});

export const appointmentCreate: Operation = {
	resource: 'appointment',
	operation: 'create',
	name: 'Create',
	description: 'Book an appointment for a patient who already exists in HearLink',
	action: 'Create an appointment',
	fields: [
		idField('Patient ID', 'patientId', "The patient's ID in HearLink (for example from Patient → Create)"),
		idField('Appointment Type ID', 'appointmentTypeId', "The appointment type's ID in HearLink"),
		idField('Clinic ID', 'clinicId', "The clinic's ID in HearLink"),
		idField('Assignee ID', 'assigneeId', 'The ID of the HearLink user (clinician) the appointment is for'),
		{
			displayName: 'Date',
			name: 'date',
			type: 'string',
			required: true,
			default: '',
			placeholder: '2026-05-12',
			description: "Written YYYY-MM-DD, in the organisation's time zone",
		},
		{
			displayName: 'Start Time',
			name: 'start',
			type: 'string',
			required: true,
			default: '',
			placeholder: '09:00',
			description: '24-hour time written HH:mm',
		},
		{
			displayName: 'End Time',
			name: 'end',
			type: 'string',
			required: true,
			default: '',
			placeholder: '09:45',
			description: '24-hour time written HH:mm, after the start time',
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'options',
			options: [
				{ name: 'Clinic', value: 'clinic' },
				{ name: 'Home Visit', value: 'home' },
			],
			default: 'clinic',
		},
		{
			displayName: 'Send Confirmation',
			name: 'sendConfirmation',
			type: 'boolean',
			default: false,
			description:
				"Whether HearLink should send the patient a confirmation email or SMS (subject to the appointment type's settings)",
		},
		collection('additionalFields', [
			{
				displayName: 'Note',
				name: 'additionalNote',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Referral ID',
				name: 'referralId',
				type: 'string',
				default: '',
				description: 'The ID of the lead type (referral) the appointment came from',
			},
		]),
		simplifyField,
	],
	async run(this: IExecuteFunctions, itemIndex: number) {
		const body = appointmentRequestBody.call(this, itemIndex);
		const answer = await hearLinkRequest.call(this, { method: 'POST', path: '/appointments/create', body, itemIndex });
		return output.call(this, answer, itemIndex);
	},
};
