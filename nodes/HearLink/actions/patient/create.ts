import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { emailAddress, isoDate, parseInput, requiredText } from '../../../shared/validation';
import { hearLinkRequest } from '../../transport';
import { asText, output, simplifyField, textOf } from '../common';
import type { IdOrNameGroup } from '../idOrName';
import { idOrNameField, idOrNameSchema, readIdOrName } from '../idOrName';

/** POST /patients/create (docs/vendors/hearlink.md#request-bodies). HearLink answers `{ patientUid }`. */

const REFERRAL: IdOrNameGroup = {
	key: 'referral',
	label: 'Referral',
	nameHint: 'The lead type the patient came from, as HearLink names it',
	namePlaceholder: 'e.g. Facebook',
	idHint: 'The lead type\'s ID: "referral" of a patient HearLink already has (Patient → Get, or the HearLink Trigger)',
};
const PRIMARY_CLINIC: IdOrNameGroup = {
	key: 'primaryClinic',
	label: 'Primary Clinic',
	nameHint: 'The clinic as HearLink names it',
	namePlaceholder: 'e.g. Manchester',
	idHint: 'The clinic\'s ID: "primaryClinic" of a patient, or "clinic" of an appointment (Get, or the HearLink Trigger)',
};
const STATUS: IdOrNameGroup = {
	key: 'status',
	label: 'Status',
	nameHint: "The step of your organisation's workflow, as HearLink names it",
	namePlaceholder: 'e.g. Patient Created',
	idHint: 'The status\'s ID: "status.status" of a patient (Patient → Get, or the HearLink Trigger)',
};
const SECONDARY_STATUS: IdOrNameGroup = {
	key: 'secondaryStatus',
	label: 'Secondary Status',
	nameHint: "A sub-status within the chosen status's secondary workflow, as HearLink names it",
	namePlaceholder: 'e.g. Awaiting Call',
	idHint: 'The sub-status\'s ID: "status.subStatus" of a patient (Patient → Get, or the HearLink Trigger)',
	optional: true,
};
const GROUPS = [REFERRAL, PRIMARY_CLINIC, STATUS, SECONDARY_STATUS];

const optionalText = asText(z.string().optional());

const wholeNumber = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value),
	z
		.number({ invalid_type_error: 'Age must be a whole number' })
		.int({ message: 'Age must be a whole number' })
		.min(0, { message: 'Age must be 0 or more' }),
);

const trackingIds = z
	.array(z.object({ key: z.unknown(), value: z.unknown() }))
	.transform((pairs, context) => {
		const ids: Record<string, string> = {};
		for (const pair of pairs) {
			const key = textOf(pair.key);
			const value = textOf(pair.value);
			// A row left empty, or an ID the lead did not carry (e.g. no gclid), is not sent.
			if (!value) continue;
			if (!key) {
				context.addIssue({ code: z.ZodIssueCode.custom, message: 'Tracking IDs: every value needs a name, e.g. gclid' });
				continue;
			}
			ids[key] = value;
		}
		return Object.keys(ids).length > 0 ? ids : undefined;
	});

const patientInput = z
	.object({
		fullName: asText(requiredText('Full Name')),
		primaryPhoneNumber: asText(requiredText('Primary Phone Number')),
		referral: idOrNameSchema(REFERRAL),
		primaryClinic: idOrNameSchema(PRIMARY_CLINIC),
		status: idOrNameSchema(STATUS),
		secondaryStatus: idOrNameSchema(SECONDARY_STATUS),
		trackingProvider: asText(requiredText('Tracking Provider')),
		tracking: z.object({
			ids: trackingIds,
			utm_source: optionalText,
			utm_medium: optionalText,
			utm_campaign: optionalText,
			utm_term: optionalText,
			utm_content: optionalText,
		}),
		address: z.object({
			line1: optionalText,
			line2: optionalText,
			city: optionalText,
			postcode: optionalText,
			country: optionalText,
		}),
		title: optionalText,
		secondaryPhoneNumber: optionalText,
		emailAddress: asText(emailAddress('Email Address').optional()),
		dob: asText(isoDate('Date of Birth').optional()),
		age: wholeNumber.optional(),
		gender: optionalText,
		notes: optionalText,
	})
	.transform((input): IDataObject => {
		const address = compact(input.address);
		return compact({
			title: input.title,
			fullName: input.fullName,
			...(Object.keys(address).length > 0 ? { address } : {}),
			...input.referral,
			...input.primaryClinic,
			...input.status,
			...input.secondaryStatus,
			primaryPhoneNumber: input.primaryPhoneNumber,
			secondaryPhoneNumber: input.secondaryPhoneNumber,
			emailAddress: input.emailAddress,
			dob: input.dob,
			age: input.age,
			gender: input.gender,
			notes: input.notes,
			tracking: compact({ provider: input.trackingProvider, ...input.tracking }),
		});
	});

interface AdditionalFields {
	age?: number | string;
	dob?: string;
	emailAddress?: string;
	gender?: string;
	notes?: string;
	secondaryPhoneNumber?: string;
	title?: string;
}

interface TrackingDetails {
	ids?: { id?: Array<{ key?: unknown; value?: unknown }> };
	utmCampaign?: string;
	utmContent?: string;
	utmMedium?: string;
	utmSource?: string;
	utmTerm?: string;
}

/** The request body for one item, or a `NodeOperationError` naming every bad field. */
export function patientRequestBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const tracking = this.getNodeParameter('trackingDetails', itemIndex, {}) as TrackingDetails;
	const raw = {
		fullName: this.getNodeParameter('fullName', itemIndex, ''),
		primaryPhoneNumber: this.getNodeParameter('primaryPhoneNumber', itemIndex, ''),
		referral: readIdOrName.call(this, REFERRAL, itemIndex),
		primaryClinic: readIdOrName.call(this, PRIMARY_CLINIC, itemIndex),
		status: readIdOrName.call(this, STATUS, itemIndex),
		secondaryStatus: readIdOrName.call(this, SECONDARY_STATUS, itemIndex),
		trackingProvider: this.getNodeParameter('trackingProvider', itemIndex, ''),
		tracking: {
			ids: tracking.ids?.id ?? [],
			utm_source: tracking.utmSource,
			utm_medium: tracking.utmMedium,
			utm_campaign: tracking.utmCampaign,
			utm_term: tracking.utmTerm,
			utm_content: tracking.utmContent,
		},
		address: this.getNodeParameter('address', itemIndex, {}),
		...additional,
	};
	return parseInput(this.getNode(), patientInput, raw, itemIndex);
}

export const patientCreate: Operation = {
	resource: 'patient',
	operation: 'create',
	name: 'Create',
	description: 'Create a patient (for example a new lead from a web form or an ad)',
	action: 'Create patient',
	fields: [
		{
			displayName: 'Full Name',
			name: 'fullName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. John Smith',
		},
		{
			displayName: 'Primary Phone Number',
			name: 'primaryPhoneNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 07123456789',
		},
		...GROUPS.map(idOrNameField),
		{
			displayName: 'Tracking Provider',
			name: 'trackingProvider',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. facebook',
			description: 'Where the lead was captured (HearLink requires it), e.g. facebook, google, website',
		},
		{
			displayName: 'Tracking Details',
			name: 'trackingDetails',
			type: 'collection',
			placeholder: 'Add Tracking Detail',
			default: {},
			options: [
				{
					displayName: 'Tracking IDs',
					name: 'ids',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Tracking ID',
					default: {},
					description: 'Named IDs from the ad platform, e.g. gclid or campaignId',
					options: [
						{
							displayName: 'ID',
							name: 'id',
							values: [
								{ displayName: 'Name', name: 'key', type: 'string', default: '', placeholder: 'e.g. gclid' },
								{ displayName: 'Value', name: 'value', type: 'string', default: '' },
							],
						},
					],
				},
				{ displayName: 'UTM Campaign', name: 'utmCampaign', type: 'string', default: '', placeholder: 'e.g. spring_sale' },
				{ displayName: 'UTM Content', name: 'utmContent', type: 'string', default: '' },
				{ displayName: 'UTM Medium', name: 'utmMedium', type: 'string', default: '', placeholder: 'e.g. cpc' },
				{ displayName: 'UTM Source', name: 'utmSource', type: 'string', default: '', placeholder: 'e.g. facebook' },
				{ displayName: 'UTM Term', name: 'utmTerm', type: 'string', default: '' },
			],
		},
		{
			displayName: 'Address',
			name: 'address',
			type: 'collection',
			placeholder: 'Add Address Field',
			default: {},
			options: [
				{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Manchester' },
				{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. United Kingdom' },
				{ displayName: 'Line 1', name: 'line1', type: 'string', default: '', placeholder: 'e.g. 1 High Street' },
				{ displayName: 'Line 2', name: 'line2', type: 'string', default: '' },
				{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '', placeholder: 'e.g. M1 1AA' },
			],
		},
		collection('additionalFields', [
			{
				displayName: 'Age',
				name: 'age',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'Age in whole years (0 or more)',
			},
			{
				displayName: 'Date of Birth',
				name: 'dob',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1985-12-10',
				description: 'A date, written YYYY-MM-DD',
			},
			{
				displayName: 'Email Address',
				name: 'emailAddress',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Gender', name: 'gender', type: 'string', default: '' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Secondary Phone Number', name: 'secondaryPhoneNumber', type: 'string', default: '' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', placeholder: 'e.g. Mrs' },
		]),
		simplifyField,
	],
	async run(this: IExecuteFunctions, itemIndex: number) {
		const body = patientRequestBody.call(this, itemIndex);
		const answer = await hearLinkRequest.call(this, { method: 'POST', path: '/patients/create', body, itemIndex });
		return output.call(this, answer, itemIndex);
	},
};
