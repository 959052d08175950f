import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { resourceLocatorField } from '../../../shared/resourceLocator';
import { emailAddress, parseInput, requiredText } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';
import { RXSCALE_SEARCH_METHODS } from '../listSearch';
import { patientByEmail } from './byEmail';

/**
 * Patient → Get: by UID (`GET /patients/{uid}`), or by email (`GET /patients?email=`, which answers
 * the most recently created patient with that email; docs/vendors/rxscale.md#orders-patients-and-prescriptions).
 * RxScale lists no patients, so "From List" finds the one patient for a typed email.
 */

const FIELD = 'patientUid';

/** The shared locator (From List, By ID) and a "By Email" mode, for a workflow that has the email and not the UID. */
function patientField(): INodeProperties {
	const field = resourceLocatorField({
		displayName: 'Patient',
		name: FIELD,
		description: 'The patient to get: type their email to find them in the list, or give their UID or email',
		searchMethod: RXSCALE_SEARCH_METHODS.patients,
		idPlaceholder: 'e.g. pp-abc123',
		idHint: "The patient's UID: from an order event, data.patient_data.uid; from Order → Get, patient_profile.uid.",
	});
	// RxScale lists no patients: the editor asks for a search term (an email) before it lists anything.
	const modes = (field.modes ?? []).map((mode) =>
		mode.type === 'list'
			? {
					...mode,
					placeholder: "Type the patient's email…",
					hint: 'RxScale finds patients by email only: type the whole address',
					typeOptions: { ...mode.typeOptions, searchFilterRequired: true },
				}
			: mode,
	);
	return {
		...field,
		modes: [
			...modes,
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. max@example.com',
				hint: 'RxScale answers the most recently created patient whose shop or order email is this one',
				validation: [{ type: 'regex', properties: { regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$', errorMessage: 'Not an email address' } }],
			},
		],
	};
}

/** The locator's mode and value; a plain value (an expression, an older workflow) is a UID. */
function chosenPatient(context: IExecuteFunctions, itemIndex: number): { byEmail: boolean; value: unknown } {
	const raw = context.getNodeParameter(FIELD, itemIndex, '') as unknown;
	const value = context.getNodeParameter(FIELD, itemIndex, '', { extractValue: true }) as unknown;
	const mode = raw && typeof raw === 'object' && '__rl' in raw ? (raw as { mode?: unknown }).mode : 'id';
	return { byEmail: mode === 'email', value: typeof value === 'number' ? String(value) : value };
}

export const getPatient: Operation = {
	resource: 'patient',
	operation: 'get',
	name: 'Get',
	description: "Get a patient's display name, email and date of birth, by UID or by email",
	action: 'Get patient',
	fields: [patientField()],
	async run(itemIndex): Promise<IDataObject> {
		const { byEmail, value } = chosenPatient(this, itemIndex);
		if (byEmail) {
			const email = parseInput(this.getNode(), emailAddress('Patient email'), value, itemIndex);
			return outputItem(await patientByEmail.call(this, email, itemIndex), { email });
		}
		const uid = parseInput(this.getNode(), requiredText('Patient'), value, itemIndex);
		const answer = await rxScaleRequest.call(this, {
			method: 'GET',
			path: RXSCALE_PATHS.patient(uid),
			permission: RXSCALE_PERMISSIONS.readPatients,
			resourceEndpoint: true,
			itemIndex,
		});
		return outputItem(answer, { uid });
	},
};
