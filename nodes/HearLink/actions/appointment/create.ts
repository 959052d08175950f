import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { parseInput, requiredText } from '../../../shared/validation';
import { hearLinkRequest } from '../../transport';
import { asText, output, simplifyField } from '../common';
import { idLocator, locatedId, locatorInside, PATIENT_ID_HINT } from '../locators';
import type { PracticeTime } from './times';
import { dateTimeText, ukPracticeTime } from './times';

/**
 * POST /appointments/create (docs/vendors/hearlink.md#request-bodies). The patient, appointment
 * type, clinic, assignee and referral must already exist in HearLink. Start and End are date-time
 * fields read in UK time and sent as HearLink documents them: one `date` and two `HH:mm` times
 * (see ./times.ts). HearLink answers `{ appointmentUid }`.
 */

const practiceTime = (label: string) =>
	z.preprocess(
		dateTimeText,
		z
			.string({ required_error: `${label} is required`, invalid_type_error: `${label} must be a date and time` })
			.transform((value, context): PracticeTime => {
				const time = ukPracticeTime(value);
				if (time) return time;
				context.addIssue({
					code: z.ZodIssueCode.custom,
					message: `${label} must be a date and time, e.g. 2026-05-12T09:30 (UK time)`,
				});
				return z.NEVER;
			}),
	);

const appointmentInput = z
	.object({
		patientId: asText(requiredText('Patient ID')),
		appointmentTypeId: asText(requiredText('Appointment Type ID')),
		clinicId: asText(requiredText('Clinic ID')),
		assigneeId: asText(requiredText('Assignee ID')),
		start: practiceTime('Start'),
		end: practiceTime('End'),
		location: z.enum(['clinic', 'home'], {
			errorMap: () => ({ message: 'Location must be "clinic" or "home"' }),
		}),
		sendConfirmation: z.boolean({ invalid_type_error: 'Send Confirmation must be true or false' }),
		additionalNote: asText(z.string().optional()),
		referralId: asText(z.string().optional()),
	})
	.superRefine(({ start, end }, context) => {
		if (end.date !== start.date) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['end'],
				message: `End (${end.date} ${end.time}) must be on the same day as Start (${start.date} ${start.time}), in UK time: HearLink books an appointment within one day`,
			});
		} else if (end.time <= start.time) {
			// Zero-padded HH:mm compares correctly as text.
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['end'],
				message: `End (${end.time}) must be after Start (${start.time})`,
			});
		}
	})
	.transform(({ start, end, ...rest }): IDataObject => compact({ ...rest, date: start.date, start: start.time, end: end.time }));

interface AdditionalFields {
	additionalNote?: string;
	referralId?: unknown;
}

export function appointmentRequestBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const raw = {
		patientId: locatedId(this, 'patientId', itemIndex),
		appointmentTypeId: locatedId(this, 'appointmentTypeId', itemIndex),
		clinicId: locatedId(this, 'clinicId', itemIndex),
		assigneeId: locatedId(this, 'assigneeId', itemIndex),
		start: this.getNodeParameter('start', itemIndex, ''),
		end: this.getNodeParameter('end', itemIndex, ''),
		location: this.getNodeParameter('location', itemIndex, 'clinic'),
		sendConfirmation: this.getNodeParameter('sendConfirmation', itemIndex, false),
		additionalNote: additional.additionalNote,
		referralId: locatorInside(additional.referralId).value,
	};
	return parseInput(this.getNode(), appointmentInput, raw, itemIndex);
}

export const appointmentCreate: Operation = {
	resource: 'appointment',
	operation: 'create',
	name: 'Create',
	description: 'Book an appointment for a patient who already exists in HearLink',
	action: 'Create appointment',
	fields: [
		idLocator({
			displayName: 'Patient',
			name: 'patientId',
			hint: PATIENT_ID_HINT,
			description: 'The patient the appointment is for (already in HearLink)',
		}),
		idLocator({
			displayName: 'Appointment Type',
			name: 'appointmentTypeId',
			hint: 'The "type" of an appointment HearLink already has (Appointment → Get, or the HearLink Trigger)',
		}),
		idLocator({
			displayName: 'Clinic',
			name: 'clinicId',
			hint: 'The "clinic" of an appointment, or the "primaryClinic" of a patient (Get, or the HearLink Trigger)',
		}),
		idLocator({
			displayName: 'Assignee',
			name: 'assigneeId',
			hint: 'The clinician\'s user ID: "assignee.uid" of an appointment (Appointment → Get, or the HearLink Trigger)',
			description: 'The HearLink user (clinician) the appointment is for',
		}),
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'When the appointment starts, in UK time (GMT in winter, BST in summer). HearLink receives the date and the hour and minute.',
		},
		{
			displayName: 'End',
			name: 'end',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'When the appointment ends, in UK time: the same day as Start, and after it',
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
			idLocator({
				displayName: 'Referral',
				name: 'referralId',
				hint: 'The lead type\'s ID: "referral" of a patient or an appointment (Get, or the HearLink Trigger)',
				description: 'The lead type (referral) the appointment came from',
				required: false,
			}),
		]),
		simplifyField,
	],
	async run(this: IExecuteFunctions, itemIndex: number) {
		const body = appointmentRequestBody.call(this, itemIndex);
		const answer = await hearLinkRequest.call(this, { method: 'POST', path: '/appointments/create', body, itemIndex });
		return output.call(this, answer, itemIndex);
	},
};
