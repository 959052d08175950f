import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { locatedValue } from '../../../shared/resourceLocator';
import { parseInput, requiredText } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId, optionalText } from '../common';
import { APPOINTMENT_TYPE_LOCATOR, locatorField, PATIENT_LOCATOR, PROVIDER_LOCATOR } from '../locators';
import { APPOINTMENT_PAYLOAD, appointmentDateTime, appointmentOf, contactTypeField, metadataField, metadataSchema, suppressWebhook, suppressWebhookField, timeZoneField } from './fields';

/**
 * createAppointment with one `$input` variable: the published document's `$user_id: String` clashes
 * with the `ID` arguments of 2024-07-01 and later (docs/vendors/healthie.md#patients-and-appointments).
 */
const CREATE_APPOINTMENT = `mutation n8nCreateAppointment($input: createAppointmentInput!) {
  createAppointment(input: $input) {
    appointment { ${APPOINTMENT_PAYLOAD} }
    messages { field message }
  }
}`;

const schema = z.object({
	user_id: healthieId('Patient ID'),
	appointment_type_id: healthieId('Appointment type ID'),
	contact_type: requiredText('Contact type'),
	datetime: requiredText('Start'),
	other_party_id: optionalText(),
	suppress_webhook_notifications: z.boolean().default(true),
	appointment_location_id: optionalText(),
	enforce_availability: z.boolean().optional(),
	external_videochat_url: optionalText(),
	notes: optionalText(),
	metadata: metadataSchema(),
});

export const createAppointment: Operation = {
	resource: 'appointment',
	operation: 'create',
	name: 'Create',
	description: 'Book a one-to-one appointment for a patient',
	action: 'Create appointment',
	fields: [
		locatorField('Patient', 'patientId', PATIENT_LOCATOR),
		locatorField('Appointment Type', 'appointmentTypeId', APPOINTMENT_TYPE_LOCATOR),
		contactTypeField({ required: true }),
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				"When the appointment starts: read in the Time Zone below (empty: the workflow's time zone) and sent to Healthie as ISO 8601 with that zone's offset",
		},
		locatorField('Provider', 'providerId', PROVIDER_LOCATOR, {
			required: false,
			description: "The provider seeing the patient. Healthie uses the API key's user when none is chosen.",
		}),
		suppressWebhookField('appointment.created webhook for this booking'),
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
				placeholder: 'e.g. https://meet.example.com/room-1',
			},
			{
				displayName: 'Location ID',
				name: 'appointment_location_id',
				type: 'string',
				default: '',
				description: 'Required by Healthie for in-person appointments',
			},
			metadataField,
			{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
			timeZoneField('Start'),
		]),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { timeZone, ...additional } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const start = this.getNodeParameter('start', itemIndex, '') as unknown;
		const input = parseInput(
			this.getNode(),
			schema,
			{
				user_id: locatedValue(this, 'patientId', itemIndex).value,
				appointment_type_id: locatedValue(this, 'appointmentTypeId', itemIndex).value,
				contact_type: this.getNodeParameter('contactType', itemIndex),
				datetime: appointmentDateTime(this, 'Start', start, timeZone, itemIndex),
				other_party_id: locatedValue(this, 'providerId', itemIndex).value,
				suppress_webhook_notifications: suppressWebhook(this, itemIndex),
				...additional,
			},
			itemIndex,
		);
		const data = await healthieGraphql.call(this, {
			query: CREATE_APPOINTMENT,
			variables: { input: compact(input) },
			itemIndex,
		});
		return appointmentOf(data, 'createAppointment');
	},
};
