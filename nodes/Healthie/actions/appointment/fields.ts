import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { healthieDateTime, timeZoneFor } from '../../time';
import { optionalText } from '../common';

/**
 * Appointment fields shared by Create, Update, Cancel and Get Many (docs/vendors/healthie.md#patients-and-appointments):
 * Healthie's fixed sets as n8n options, the Time Zone a picked date is read in, and the one
 * selection every appointment answer is written with.
 */

/** The contact types Healthie's guides name; an account's own list is what its `contactTypes` query answers. */
export const CONTACT_TYPES = ['Healthie Video Call', 'In Person', 'Phone Call'] as const;

export const contactTypeField = (more: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Contact Type',
	name: 'contactType',
	type: 'options',
	default: 'Healthie Video Call',
	options: CONTACT_TYPES.map((value) => ({ name: value, value })),
	description:
		'How the appointment takes place. Another contact type your account has can be given with an expression. Healthie requires a location for in-person appointments (API version 2025-04-01 and later).',
	...more,
});

/**
 * Healthie's `suppress_webhook_notifications`, on by default so that a workflow started by
 * appointment events does not start itself again; `change` says which webhook and what for.
 */
export const suppressWebhookField = (change: string): INodeProperties => ({
	displayName: 'Suppress Webhook Notifications',
	name: 'suppressWebhookNotifications',
	type: 'boolean',
	default: true,
	description: `Whether Healthie should skip the ${change} (for every webhook of the organisation). On by default, so that a workflow started by appointment events does not start itself again.`,
});

export const suppressWebhook = (context: IExecuteFunctions, itemIndex: number): boolean =>
	context.getNodeParameter('suppressWebhookNotifications', itemIndex, true) as boolean;

/** `pm_status` values: the four Healthie always accepts, and two it accepts when the organisation enabled them. */
export const APPOINTMENT_STATUSES = [
	{ name: 'Occurred', value: 'Occurred' },
	{ name: 'No-Show', value: 'No-Show' },
	{ name: 'Re-Scheduled', value: 'Re-Scheduled' },
	{ name: 'Cancelled', value: 'Cancelled' },
	{ name: 'Late Cancellation', value: 'Late Cancellation', description: 'Only where your organisation enabled it' },
	{ name: 'Checked-In', value: 'Checked-In', description: 'Only where your organisation enabled it' },
];

export const timeZoneField = (what: string): INodeProperties => ({
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. America/Chicago',
	description: `The time zone ${what} is in, as an IANA name. Empty: the workflow's time zone (workflow settings, or the n8n instance's). A date and time that carries its own offset keeps it.`,
});

/** Metadata: JSON text, sent as the text Healthie stores ("a serialized JSON string of metadata"). */
export const metadataSchema = () =>
	optionalText().superRefine((value, context) => {
		if (value === undefined) return;
		try {
			JSON.parse(value);
		} catch {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Metadata must be JSON, e.g. {"source": "n8n"}' });
		}
	});

export const metadataField: INodeProperties = {
	displayName: 'Metadata (JSON)',
	name: 'metadata',
	type: 'string',
	default: '',
	placeholder: 'e.g. {"source": "n8n"}',
};

/** The ISO 8601 date-time (with offset) for a picked or mapped value, or `undefined` when none was given. */
export function appointmentDateTime(
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	timeZone: unknown,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	return healthieDateTime(context, label, value, timeZoneFor(context, timeZone, itemIndex), itemIndex);
}

/** What every appointment mutation selects. */
export const APPOINTMENT_PAYLOAD =
	'id date length contact_type pm_status location notes confirmed deleted_at timezone_abbr user { id full_name } provider { id full_name } appointment_type { id name length }';

export const appointmentOf = (data: IDataObject, field: string): IDataObject =>
	((data[field] as IDataObject | null)?.appointment as IDataObject | null) ?? {};
