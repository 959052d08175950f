import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { isoDateTime, parseInput, requiredText } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId, optionalText } from '../common';

/**
 * createAppointment with one `$input` variable: the published document's `$user_id: String` clashes
 * with the `ID` arguments of 2024-07-01 and later (docs/vendors/healthie.md#patients-and-appointments).
 */
const CREATE_APPOINTMENT = `mutation n8nCreateAppointment($input: createAppointmentInput!) {
  createAppointment(input: $input) {
    appointment { id date contact_type pm_status user { id full_name } provider { id full_name } appointment_type { id name } }
    messages { field message }
  }
}`;

const schema = z.object({
	user_id: healthieId('Patient ID'),
	appointment_type_id: healthieId('Appointment type ID'),
	contact_type: requiredText('Contact type'),
	datetime: isoDateTime('Start'),
	other_party_id: optionalText(),
	suppress_webhook_notifications: z.boolean().default(true),
	appointment_location_id: optionalText(),
	enforce_availability: z.boolean().optional(),
	external_videochat_url: optionalText(),
	notes: optionalText(),
	metadata: optionalText().superRefine((value, context) => {
		if (value === undefined) return;
		try {
			JSON.parse(value);
		} catch {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Metadata must be JSON, e.g. {"source": "n8n"}' });
		}
	}),
});

export const createAppointment: Operation = {
	resource: 'appointment',
	operation: 'create',
	name: 'Create',
	description: 'Book a one-to-one appointment for a patient',
	action: 'Create an appointment',
	fields: [
		{ displayName: 'Patient ID', name: 'patientId', type: 'string', default: '', required: true },
		{
			displayName: 'Appointment Type ID',
			name: 'appointmentTypeId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Contact Type',
			name: 'contactType',
			type: 'string',
			default: 'Healthie Video Call',
			required: true,
			description: 'How the appointment takes place, as Healthie names it, e.g. Healthie Video Call, Phone Call, In Person',
		},
		{
			displayName: 'Start',
			name: 'start',
			type: 'string',
			default: '',
			required: true,
			placeholder: '2026-03-01T09:30:00-05:00',
			description: 'Date and time with a time zone (ISO 8601)',
		},
		{
			displayName: 'Provider ID',
			name: 'providerId',
			type: 'string',
			default: '',
			description: "The provider seeing the patient. Healthie uses the API key's user when empty.",
		},
		{
			displayName: 'Suppress Webhook Notifications',
			name: 'suppressWebhookNotifications',
			type: 'boolean',
			default: true,
			description:
				'Whether Healthie should skip the appointment.created webhook for this booking (for every webhook of the organisation). On by default, so that a workflow started by appointment events does not start itself again.',
		},
		collection('additionalFields', [
			{
				displayName: 'Enforce Availability',
				name: 'enforce_availability',
				type: 'boolean',
				default: false,
				description: "Whether Healthie should refuse a time outside the provider's availability",
			},
			{
				displayName: 'External Video Call URL',
				name: 'external_videochat_url',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Location ID',
				name: 'appointment_location_id',
				type: 'string',
				default: '',
				description: 'Required by Healthie for in-person appointments',
			},
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'string',
				default: '',
				placeholder: '{"source": "n8n"}',
			},
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
		]),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = parseInput(
			this.getNode(),
			schema,
			{
				user_id: this.getNodeParameter('patientId', itemIndex),
				appointment_type_id: this.getNodeParameter('appointmentTypeId', itemIndex),
				contact_type: this.getNodeParameter('contactType', itemIndex),
				datetime: this.getNodeParameter('start', itemIndex),
				other_party_id: this.getNodeParameter('providerId', itemIndex, ''),
				suppress_webhook_notifications: this.getNodeParameter('suppressWebhookNotifications', itemIndex, true),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const data = await healthieGraphql.call(this, {
			query: CREATE_APPOINTMENT,
			variables: { input: compact(input) },
			itemIndex,
		});
		return ((data.createAppointment as IDataObject | null)?.appointment as IDataObject | null) ?? {};
	},
};
