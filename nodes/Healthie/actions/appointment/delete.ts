import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { collection } from '../../../shared/actions';
import { locatedValue } from '../../../shared/resourceLocator';
import { parseInput } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId } from '../common';
import { APPOINTMENT_LOCATOR, locatorField } from '../locators';
import { suppressWebhook, suppressWebhookField } from './fields';

/**
 * Delete: `deleteAppointment`, which from a provider's or staff member's API key (what an API key
 * is) deletes the appointment: Healthie keeps it only for `include_deleted` reads
 * (docs/vendors/healthie.md#patients-and-appointments). Cancel keeps it visible instead.
 */
const DELETE_APPOINTMENT = `mutation n8nDeleteAppointment($input: deleteAppointmentInput!) {
  deleteAppointment(input: $input) {
    appointment { id }
    messages { field message }
  }
}`;

export const deleteAppointment: Operation = {
	resource: 'appointment',
	operation: 'delete',
	name: 'Delete',
	description: 'Delete an appointment from the calendar (Cancel keeps it visible as Cancelled)',
	action: 'Delete appointment',
	fields: [
		locatorField('Appointment', 'appointmentId', APPOINTMENT_LOCATOR),
		suppressWebhookField('appointment.deleted webhook for this deletion'),
		collection('options', [
			{
				displayName: 'Delete Later Recurring Appointments',
				name: 'deleteRecurring',
				type: 'boolean',
				default: false,
				description: 'Whether, for a recurring appointment, every later appointment of the series is deleted too',
			},
		]),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const id = parseInput(this.getNode(), healthieId('Appointment ID'), locatedValue(this, 'appointmentId', itemIndex).value, itemIndex);
		const { deleteRecurring } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const suppress = suppressWebhook(this, itemIndex);
		await healthieGraphql.call(this, {
			query: DELETE_APPOINTMENT,
			variables: {
				input: { id, suppress_webhook_notifications: suppress, ...(deleteRecurring === true ? { deleteRecurring: true } : {}) },
			},
			itemIndex,
		});
		return { deleted: true, id };
	},
};
