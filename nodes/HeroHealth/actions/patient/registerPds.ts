import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { nhsNumber, parseInput, requiredText, ukPostcode } from '../../../shared/validation';
import { heroHealthRequest, unpublishedScopeHint } from '../../transport';
import { dateOfBirth } from '../common';

/**
 * `POST /v1/patients/register_pds` (docs/vendors/hero-health.md#patients): traces the patient on the NHS Spine
 * and returns Hero's `patient_id`, creating the Hero record if needed. Two documented ways to
 * trace: NHS number + date of birth, or first name + last name + date of birth + postcode (which
 * is also how a patient is registered "from demographics": Hero has no separate endpoint for it).
 * Hero may instead answer that the patient must verify their identity, with a `login_url`: that
 * is a success, flagged `verificationRequired`, not an error.
 */

const byNhsNumber = z.object({
	nhs_number: nhsNumber('NHS number'),
	dob: dateOfBirth(),
});

const byDemographics = z.object({
	forename: requiredText('First name'),
	surname: requiredText('Last name'),
	dob: dateOfBirth(),
	postcode: ukPostcode().transform((postcode) => postcode.toUpperCase().replace(/\s+/g, ' ')),
});

const showFor = (traceBy: string) => ({ show: { traceBy: [traceBy] } });

export const registerPatientPds: Operation = {
	resource: 'patient',
	operation: 'registerPds',
	name: 'Trace and Register',
	description:
		'Find a patient on the NHS Spine (PDS) by NHS number, or by name and postcode, and get their Hero patient ID, registering them in Hero if needed',
	action: 'Trace and register patient',
	fields: [
		{
			displayName:
				'If Hero answers that the patient must verify their identity, the output has "verificationRequired": true and a "login_url" to send to the patient; run this again once they have verified.',
			name: 'verificationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Trace By',
			name: 'traceBy',
			type: 'options',
			options: [
				{
					name: 'NHS Number and Date of Birth',
					value: 'nhsNumber',
				},
				{
					name: 'Name, Date of Birth and Postcode',
					value: 'demographics',
					description: 'For a patient whose NHS number you do not have',
				},
			],
			default: 'nhsNumber',
		},
		{
			displayName: 'NHS Number',
			name: 'nhsNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 943 476 5919',
			description: '10 digits; spaces are allowed',
			displayOptions: showFor('nhsNumber'),
		},
		{
			displayName: 'First Name',
			name: 'forename',
			type: 'string',
			required: true,
			default: '',
			displayOptions: showFor('demographics'),
		},
		{
			displayName: 'Last Name',
			name: 'surname',
			type: 'string',
			required: true,
			default: '',
			displayOptions: showFor('demographics'),
		},
		{
			displayName: 'Date of Birth',
			name: 'dob',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1985-12-10',
			description: 'Written YYYY-MM-DD',
		},
		{
			displayName: 'Postcode',
			name: 'postcode',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. LS1 4AP',
			displayOptions: showFor('demographics'),
		},
	],

	async run(itemIndex) {
		const traceBy = this.getNodeParameter('traceBy', itemIndex) as string;
		const read = (name: string) => this.getNodeParameter(name, itemIndex, '');
		const body =
			traceBy === 'demographics'
				? parseInput(
						this.getNode(),
						byDemographics,
						{ forename: read('forename'), surname: read('surname'), dob: read('dob'), postcode: read('postcode') },
						itemIndex,
					)
				: parseInput(this.getNode(), byNhsNumber, { nhs_number: read('nhsNumber'), dob: read('dob') }, itemIndex);

		const answer = (await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/patients/register_pds',
			body,
			itemIndex,
			// Hero returns the existing patient when asked again, so a retry cannot register twice.
			idempotent: true,
			permissionHint: unpublishedScopeHint('patient registration (PDS)'),
			notFoundHint:
				'The NHS Spine has no patient matching these details: check them against the patient\'s NHS letter or record.',
		})) as IDataObject | undefined;
		const result = answer && typeof answer === 'object' ? answer : {};
		return { ...result, verificationRequired: typeof result.login_url === 'string' && result.login_url !== '' };
	},
};
