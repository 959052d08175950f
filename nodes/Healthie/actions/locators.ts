import type { INodeProperties } from 'n8n-workflow';

import type { LocatorSpec } from '../../shared/resourceLocator';
import { resourceLocatorField } from '../../shared/resourceLocator';

/**
 * The IDs a user would otherwise paste, as n8n resource locators: "From List" (searched at Healthie,
 * the default) and "By ID". Healthie documents no web-app address that carries a record's ID, so
 * there is no "By URL" (docs/nodes/healthie.md#choosing-records). A plain string (an older
 * workflow, an expression, an AI agent) is read as "By ID".
 */

type Locator = Omit<LocatorSpec, 'displayName' | 'name' | 'description' | 'required'>;

export const PATIENT_LOCATOR: Locator = {
	searchMethod: 'searchPatients',
	idPlaceholder: 'e.g. 1001',
	idHint: "The patient's ID: the resource_id of a patient event, or the id that Get Many or Create answers",
};

export const APPOINTMENT_LOCATOR: Locator = {
	searchMethod: 'searchAppointments',
	idPlaceholder: 'e.g. 3001',
	idHint: 'From List shows upcoming appointments. For a past one use its ID: the resource_id of an appointment event, or an id from Get Many',
};

export const APPOINTMENT_TYPE_LOCATOR: Locator = {
	searchMethod: 'searchAppointmentTypes',
	idPlaceholder: 'e.g. 12',
	idHint: "The appointment type's ID, e.g. an appointment's appointment_type.id",
};

export const PROVIDER_LOCATOR: Locator = {
	searchMethod: 'searchProviders',
	idPlaceholder: 'e.g. 100',
	idHint: "The provider's ID (a member of your organisation), e.g. an appointment's provider.id or a patient's dietitian_id",
};

export const FORM_ANSWER_GROUP_LOCATOR: Locator = {
	searchMethod: 'searchFormAnswerGroups',
	idPlaceholder: 'e.g. 4001',
	idHint: 'The ID of the filled-out form: the resource_id of a form_answer_group event',
};

export function locatorField(
	displayName: string,
	name: string,
	locator: Locator,
	more: { description?: string; required?: boolean } = {},
): INodeProperties {
	return resourceLocatorField({ displayName, name, ...locator, ...more });
}

/** The ID inside a resource locator's value found in a collection (or a plain value, read as By ID). */
export function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && '__rl' in value) return (value as { value?: unknown }).value;
	return value;
}
