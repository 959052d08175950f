import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailAddress, isoDate } from '../../../shared/validation';
import { optionalText } from '../common';
import { locatorValue, locatorField, PROVIDER_LOCATOR } from '../locators';

/**
 * Patient fields shared by Create and Update, as n8n fields and as the createClient/updateClient
 * input keys they fill (docs/vendors/healthie.md#patients-and-appointments).
 */

export const PATIENT_SELECTION =
	'id first_name last_name legal_name email phone_number dob gender timezone active dietitian_id user_group_id record_identifier';

export const optionalPatientFields: INodeProperties[] = [
	{
		displayName: 'Date of Birth',
		name: 'dob',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1985-12-10',
		description: 'Written YYYY-MM-DD',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'string',
		default: '',
		description: 'As Healthie records it, e.g. Female, Male, Other',
	},
	{
		displayName: 'Legal Name',
		name: 'legal_name',
		type: 'string',
		default: '',
		description: 'The full legal name, when it differs from first and last name',
	},
	{
		displayName: 'Phone Number',
		name: 'phone_number',
		type: 'string',
		default: '',
		placeholder: 'e.g. +15555550123',
	},
	locatorField('Provider', 'dietitian_id', PROVIDER_LOCATOR, {
		required: false,
		description: "The patient's provider. Healthie uses the API key's user when none is chosen.",
	}),
	{
		displayName: 'Record Identifier',
		name: 'record_identifier',
		type: 'string',
		default: '',
		description: "Your practice's own ID for the patient (e.g. a chart number)",
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. America/New_York',
		description: 'An IANA time zone name',
	},
	{
		displayName: 'User Group ID',
		name: 'user_group_id',
		type: 'string',
		default: '',
		description: 'The ID of the client group to put the patient in',
	},
];

/** zod checks of the optional patient fields; the keys are Healthie's input keys. */
export const optionalPatientSchema = {
	dob: optionalText().superRefine((value, context) => {
		if (value !== undefined && !isoDate('Date of birth').safeParse(value).success) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Date of birth must be a real date written YYYY-MM-DD' });
		}
	}),
	gender: optionalText(),
	legal_name: optionalText(),
	phone_number: optionalText(),
	dietitian_id: optionalText(),
	record_identifier: optionalText(),
	timezone: optionalText(),
	user_group_id: optionalText(),
};

export const optionalEmail = () =>
	optionalText().superRefine((value, context) => {
		if (value !== undefined && !emailAddress().safeParse(value).success) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Email must be an email address' });
		}
	});

/** A collection's values with its resource locators (the provider) reduced to their IDs. */
export function withLocatorIds(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, locatorValue(value)])) as IDataObject;
}
