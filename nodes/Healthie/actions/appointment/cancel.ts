import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { locatedValue } from '../../../shared/resourceLocator';
import { parseInput } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId } from '../common';
import { APPOINTMENT_LOCATOR, locatorField } from '../locators';
import { appointmentOf, suppressWebhook, suppressWebhookField } from './fields';
import { UPDATE_APPOINTMENT } from './update';

/**
 * Cancel: `updateAppointment` with `pm_status: "Cancelled"`, how Healthie's guide has providers and
 * staff cancel an appointment that stays visible (docs/vendors/healthie.md#patients-and-appointments).
 * Delete (`deleteAppointment`) removes it instead.
 */
export const cancelAppointment: Operation = {
	resource: 'appointment',
	operation: 'cancel',
	name: 'Cancel',
	description: 'Mark an appointment Cancelled; it stays on the calendar and in the patient’s history',
	action: 'Cancel appointment',
	fields: [
		locatorField('Appointment', 'appointmentId', APPOINTMENT_LOCATOR),
		suppressWebhookField('appointment.updated webhook for this change'),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const id = parseInput(this.getNode(), healthieId('Appointment ID'), locatedValue(this, 'appointmentId', itemIndex).value, itemIndex);
		const suppress = suppressWebhook(this, itemIndex);
		const data = await healthieGraphql.call(this, {
			query: UPDATE_APPOINTMENT,
			variables: { input: { id, pm_status: 'Cancelled', suppress_webhook_notifications: suppress } },
			itemIndex,
		});
		return appointmentOf(data, 'updateAppointment');
	},
};
