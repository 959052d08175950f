import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { locatedValue } from '../../../shared/resourceLocator';
import { parseInput } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId, optionalText } from '../common';
import { APPOINTMENT_LOCATOR, APPOINTMENT_TYPE_LOCATOR, locatorField, locatorValue, PROVIDER_LOCATOR } from '../locators';
import { APPOINTMENT_PAYLOAD, APPOINTMENT_STATUSES, appointmentDateTime, appointmentOf, CONTACT_TYPES, contactTypeField, metadataField, metadataSchema, suppressWebhook, suppressWebhookField, timeZoneField } from './fields';

/** updateAppointment with one `$input` variable, as createAppointment (docs/vendors/healthie.md#patients-and-appointments). */
export const UPDATE_APPOINTMENT = `mutation n8nUpdateAppointment($input: updateAppointmentInput!) {
  updateAppointment(input: $input) {
    appointment { ${APPOINTMENT_PAYLOAD} }
    messages { field message }
  }
}`;

const STATUS_VALUES = new Map(APPOINTMENT_STATUSES.map((status) => [status.value, status.value]));

const schema = z
	.object({
		id: healthieId('Appointment ID'),
		datetime: optionalText(),
		pm_status: optionalText().superRefine((value, context) => {
			if (value !== undefined && !STATUS_VALUES.has(value)) {
				context.addIssue({ code: z.ZodIssueCode.custom, message: `Status must be one of ${[...STATUS_VALUES.keys()].join(', ')}` });
			}
		}),
		contact_type: optionalText(),
		appointment_type_id: optionalText(),
		other_party_id: optionalText(),
		appointment_location_id: optionalText(),
		external_videochat_url: optionalText(),
		notes: optionalText(),
		metadata: metadataSchema(),
		enforce_availability: z.boolean().optional(),
		suppress_webhook_notifications: z.boolean().default(true),
	})
	.refine(
		(values) =>
			Object.entries(values).some(
				([key, value]) => !['id', 'suppress_webhook_notifications', 'enforce_availability'].includes(key) && value !== undefined,
			),
		{ message: 'Choose at least one field to update' },
	);

const updateFields: INodeProperties[] = [
	locatorField('Appointment Type', 'appointment_type_id', APPOINTMENT_TYPE_LOCATOR, { required: false }),
	contactTypeField({ name: 'contact_type', default: CONTACT_TYPES[0] }),
	{
		displayName: 'Enforce Availability',
		name: 'enforce_availability',
		type: 'boolean',
		default: false,
		description: "Whether Healthie should refuse a new time outside the provider's availability",
	},
	{
		displayName: 'External Video Call URL',
		name: 'external_videochat_url',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://meet.example.com/room-1',
	},
	{ displayName: 'Location ID', name: 'appointment_location_id', type: 'string', default: '' },
	metadataField,
	{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
	locatorField('Provider', 'other_party_id', PROVIDER_LOCATOR, { required: false }),
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		description: "The new start (rescheduling): read in the Time Zone (empty: the workflow's) and sent as ISO 8601 with its offset",
	},
	{
		displayName: 'Status',
		name: 'pm_status',
		type: 'options',
		default: 'Occurred',
		options: APPOINTMENT_STATUSES,
		description: "The appointment's status in Healthie (Cancel sets Cancelled)",
	},
	timeZoneField('Start'),
];

export const updateAppointment: Operation = {
	resource: 'appointment',
	operation: 'update',
	name: 'Update',
	description: 'Reschedule an appointment or change its status, type, provider or notes',
	action: 'Update appointment',
	fields: [
		locatorField('Appointment', 'appointmentId', APPOINTMENT_LOCATOR),
		suppressWebhookField('appointment.updated webhook for this change'),
		collection('updateFields', updateFields),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { start, timeZone, appointment_type_id: typeId, other_party_id: providerId, ...fields } = this.getNodeParameter(
			'updateFields',
			itemIndex,
			{},
		) as IDataObject;
		const input = parseInput(
			this.getNode(),
			schema,
			{
				id: locatedValue(this, 'appointmentId', itemIndex).value,
				datetime: appointmentDateTime(this, 'Start', start, timeZone, itemIndex),
				appointment_type_id: locatorValue(typeId),
				other_party_id: locatorValue(providerId),
				suppress_webhook_notifications: suppressWebhook(this, itemIndex),
				...fields,
			},
			itemIndex,
		);
		const data = await healthieGraphql.call(this, { query: UPDATE_APPOINTMENT, variables: { input: compact(input) }, itemIndex });
		return appointmentOf(data, 'updateAppointment');
	},
};
