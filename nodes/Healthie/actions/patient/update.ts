import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact } from '../../../shared/actions';
import { locatedValue } from '../../../shared/resourceLocator';
import { parseInput } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';
import { healthieId, optionalText } from '../common';
import { locatorField, PATIENT_LOCATOR } from '../locators';
import { optionalEmail, optionalPatientFields, optionalPatientSchema, PATIENT_SELECTION, withLocatorIds } from './fields';

const UPDATE_CLIENT = `mutation n8nUpdateClient($input: updateClientInput!) {
  updateClient(input: $input) { user { ${PATIENT_SELECTION} } messages { field message } }
}`;

const schema = z
	.object({
		id: healthieId('Patient ID'),
		first_name: optionalText(),
		last_name: optionalText(),
		email: optionalEmail(),
		active: z.boolean().optional(),
		quick_notes: optionalText(),
		...optionalPatientSchema,
	})
	.refine((values) => Object.entries(values).some(([key, value]) => key !== 'id' && value !== undefined), {
		message: 'Choose at least one field to update',
	});

export const updatePatient: Operation = {
	resource: 'patient',
	operation: 'update',
	name: 'Update',
	description: "Change a patient's details; fields left out keep their value",
	action: 'Update patient',
	fields: [
		locatorField('Patient', 'patientId', PATIENT_LOCATOR),
		collection('updateFields', ([
			{
				displayName: 'Active',
				name: 'active',
				type: 'boolean',
				default: true,
				description: 'Whether the patient is active (off archives the patient)',
			},
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
			{
				displayName: 'Quick Notes',
				name: 'quick_notes',
				type: 'string',
				default: '',
				description: "The short note shown at the top of the patient's chart",
			},
			...optionalPatientFields,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName))),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const input = parseInput(
			this.getNode(),
			schema,
			{
				id: locatedValue(this, 'patientId', itemIndex).value,
				...withLocatorIds(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const data = await healthieGraphql.call(this, {
			query: UPDATE_CLIENT,
			variables: { input: compact(input) },
			itemIndex,
		});
		return ((data.updateClient as IDataObject | null)?.user as IDataObject | null) ?? {};
	},
};
