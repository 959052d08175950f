import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatedValue } from '../../shared/resourceLocator';
import { locatedValue, resourceLocatorField } from '../../shared/resourceLocator';

/**
 * HearLink's ID fields. HearLink has no list, search or lookup endpoint
 * (docs/vendors/hearlink.md#endpoints), so no field can offer "From List": each is a resource
 * locator whose only mode is "By ID" (or "By Name" and "By ID" where HearLink takes a name), with a
 * hint naming where HearLink's own answers carry the ID. HearLink's documentation does not say
 * where its screens show IDs; its answers (Get, Create, the trigger's deliveries) do.
 */

/** Where HearLink's answers carry a patient's ID (Patient → Get, Appointment → Create). */
export const PATIENT_ID_HINT =
	'HearLink gives it as "patientUid" when a patient is created, and as "uid" (or "patient.uid") in the HearLink Trigger\'s events';

/** What a HearLink ID looks like (its GET paths declare UUIDs; treated as opaque text). */
export const HEARLINK_ID_PLACEHOLDER = 'e.g. 8d1e3d17-0b5c-4f5e-9a4e-2f7c1b2a9c10';

export interface IdLocatorSpec {
	name: string;
	displayName: string;
	/** Where HearLink's answers carry the ID. */
	hint: string;
	description?: string;
	required?: boolean;
}

/** A resource locator with the one mode HearLink allows: "By ID". */
export function idLocator(spec: IdLocatorSpec): INodeProperties {
	return resourceLocatorField({
		displayName: spec.displayName,
		name: spec.name,
		idPlaceholder: HEARLINK_ID_PLACEHOLDER,
		idHint: spec.hint,
		...(spec.description ? { description: spec.description } : {}),
		required: spec.required ?? true,
	});
}

/**
 * A resource locator's value found inside a collection (e.g. Additional Fields), where
 * `locatedValue` cannot reach: an `{ __rl, mode, value }` object, or a plain value read as "By ID".
 * HearLink's locators have no "By URL", so there is nothing to extract.
 */
export function locatorInside(raw: unknown): LocatedValue {
	if (raw && typeof raw === 'object' && '__rl' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		return { mode: mode === 'list' || mode === 'url' || mode === 'name' ? mode : 'id', value };
	}
	return { mode: 'id', value: raw };
}

/** The value of a top-level "By ID" locator (a plain value, from an expression, is read as the ID). */
export function locatedId(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return locatedValue(context, name, itemIndex).value;
}
