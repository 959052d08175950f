import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The notification types RxScale sends (docs/vendors/rxscale.md#events). `appointment_reminder_due` is listed
 * only on the newest events page, not in the Management API's register table, so it is offered
 * marked as newer: if RxScale refuses to subscribe to it, publishing fails naming it and nothing
 * is left registered. Extend the catalogue here only.
 */
export const RXSCALE_EVENTS = [
	{
		value: 'pharmacy_order_created',
		name: 'Pharmacy Order Created',
		description: 'A new pharmacy order was created and assigned to a pharmacy',
	},
	{
		value: 'pharmacy_order_updated',
		name: 'Pharmacy Order Updated',
		description: "An existing pharmacy order's status changed",
	},
	{
		value: 'pharmacy_sku_stock_updated',
		name: 'Pharmacy SKU Stock Updated',
		description: "The stock level of a pharmacy's SKU changed",
	},
	{
		value: 'patient_doctor_meeting_updated',
		name: 'Patient-Doctor Meeting Updated',
		description: 'A patient–doctor video meeting changed its lifecycle state',
	},
	{
		value: 'appointment_reminder_due',
		name: 'Appointment Reminder Due (Newer)',
		description:
			"A scheduled appointment reminder became due. Newer: listed on RxScale's events page but not yet in its subscription reference; if RxScale refuses it, publishing says so.",
	},
] as const;

export type RxScaleEvent = (typeof RXSCALE_EVENTS)[number]['value'];

export const RXSCALE_EVENT_VALUES: readonly string[] = RXSCALE_EVENTS.map((event) => event.value);

export const RXSCALE_EVENT_OPTIONS: INodePropertyOptions[] = RXSCALE_EVENTS.map(({ name, value, description }) => ({
	name,
	value,
	description,
}));

/** The event RxScale simulates when a test delivery names none (docs/vendors/rxscale.md#subscriptions). */
export const DEFAULT_TEST_EVENT: RxScaleEvent = 'pharmacy_order_created';
