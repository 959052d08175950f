import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * HearLink's webhook events (docs/vendors/hearlink.md#events): six entities × created / updated / deleted, which a
 * webhook subscribes to in HearLink's portal, plus `webhook.test`, which the portal's Test button
 * sends to the webhook being tested whatever it subscribes to.
 */

const ENTITIES = [
	{ key: 'patient', name: 'Patient', what: 'a patient record' },
	{ key: 'appointment', name: 'Appointment', what: 'an appointment' },
	{ key: 'invoice', name: 'Invoice', what: 'an invoice' },
	{ key: 'transaction', name: 'Transaction', what: 'a transaction (payment or refund)' },
	{ key: 'credit_note', name: 'Credit Note', what: 'a credit note' },
	{ key: 'hearing_test', name: 'Hearing Test', what: 'a hearing test' },
] as const;

const ACTIONS = [
	{ key: 'created', name: 'Created', verb: 'was created' },
	{ key: 'updated', name: 'Updated', verb: 'was changed' },
	{ key: 'deleted', name: 'Deleted', verb: 'was deleted' },
] as const;

export const TEST_EVENT = 'webhook.test';

/** The 18 events a HearLink webhook can subscribe to. */
export const HEARLINK_SUBSCRIBABLE_EVENTS: string[] = ENTITIES.flatMap((entity) =>
	ACTIONS.map((action) => `${entity.key}.${action.key}`),
);

const APPOINTMENT_UPDATED_NOTE = ' (including confirmed, cancelled, arrived and no-show)';

/** Every selectable event, sorted by name as n8n lists options. */
export const HEARLINK_EVENT_OPTIONS: INodePropertyOptions[] = [
	...ENTITIES.flatMap((entity) =>
		ACTIONS.map((action) => ({
			name: `${entity.name} ${action.name}`,
			value: `${entity.key}.${action.key}`,
			description: `${capitalise(entity.what)} ${action.verb}${
				entity.key === 'appointment' && action.key === 'updated' ? APPOINTMENT_UPDATED_NOTE : ''
			}`,
		})),
	),
	{
		name: 'Webhook Test',
		value: TEST_EVENT,
		description: "Sent when someone presses Test on the webhook in HearLink's portal",
	},
].sort((a, b) => a.name.localeCompare(b.name));

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
