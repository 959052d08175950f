import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { parseInput, requiredText } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { optionalEmail, optionalPatientFields, optionalPatientSchema, PATIENT_SELECTION, withLocatorIds } from './fields';

/** createClient with the whole input as one variable, so ID/String typing never clashes between versions (docs/vendors/healthie.md#patients-and-appointments). */
const CREATE_CLIENT = `mutation n8nCreateClient($input: createClientInput!) {
  createClient(input: $input) { user { ${PATIENT_SELECTION} } messages { field message } }
}`;

const schema = z.object({
	first_name: requiredText('First name'),
	last_name: requiredText('Last name'),
	email: optionalEmail(),
	send_welcome: z.boolean().default(false),
	...optionalPatientSchema,
});

export const createPatient: Operation = {
	resource: 'patient',
	operation: 'create',
	name: 'Create',
	description: 'Add a patient (client) to Healthie',
	action: 'Create patient',
	fields: [
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', required: true },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', required: true },
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Leave empty for a patient without email (Healthie then records the email as skipped)',
		},
		{
			displayName: 'Send Welcome Email',
			name: 'sendWelcomeEmail',
			type: 'boolean',
			default: false,
			description: "Whether Healthie should email the patient an invitation to set up their account",
		},
		collection('additionalFields', optionalPatientFields),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = parseInput(
			this.getNode(),
			schema,
			{
				first_name: this.getNodeParameter('firstName', itemIndex),
				last_name: this.getNodeParameter('lastName', itemIndex),
				email: this.getNodeParameter('email', itemIndex, ''),
				send_welcome: this.getNodeParameter('sendWelcomeEmail', itemIndex, false),
				...withLocatorIds(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const { send_welcome: sendWelcome, ...fields } = input;
		const data = await healthieGraphql.call(this, {
			query: CREATE_CLIENT,
			variables: {
				input: compact({ ...fields, skipped_email: !fields.email, dont_send_welcome: !sendWelcome }),
			},
			itemIndex,
		});
		return ((data.createClient as IDataObject | null)?.user as IDataObject | null) ?? {};
	},
};
