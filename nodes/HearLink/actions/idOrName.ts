import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { LocatedValue } from '../../shared/resourceLocator';
import { locatedValue, resourceLocatorField } from '../../shared/resourceLocator';
import { textOf } from './common';
import { HEARLINK_ID_PLACEHOLDER } from './locators';

/**
 * HearLink's field pairs (referral, primary clinic, status, secondary status) take exactly one of
 * `<group>Id` or `<group>Name` (docs/vendors/hearlink.md#request-bodies). The node offers each pair
 * as one resource locator with two modes, "By Name" (the default: HearLink looks the name up
 * itself) and "By ID", so a workflow holds one value and its mode, and exactly one member is sent.
 * Before any request, a required group with no value, or a value in a mode HearLink does not
 * take (a "From List" or "By URL" copied from another node), is refused naming the field; an
 * optional group left empty is not sent at all.
 */

export interface IdOrNameGroup {
	/** Parameter name, e.g. `referral`, and the body keys `referralId`, `referralName`. */
	key: string;
	/** e.g. "Referral" */
	label: string;
	/** What the name is in HearLink (the hint under "By Name"). */
	nameHint: string;
	/** An example name, e.g. "e.g. Facebook". */
	namePlaceholder: string;
	/** Where HearLink's answers carry the ID (the hint under "By ID"). */
	idHint: string;
	/** Optional groups may be left empty: nothing is sent. */
	optional?: boolean;
}

export function idOrNameField(group: IdOrNameGroup): INodeProperties {
	const field = resourceLocatorField({
		displayName: group.label,
		name: group.key,
		idPlaceholder: HEARLINK_ID_PLACEHOLDER,
		idHint: group.idHint,
		byName: { placeholder: group.namePlaceholder, hint: group.nameHint },
		description: `The ${group.label.toLowerCase()} by its name as HearLink shows it, or by its ID${group.optional ? '. Leave empty not to set it.' : ''}`,
		required: !group.optional,
	});
	// "By Name" first and by default: a name is what a receptionist knows, and HearLink takes it.
	const modes = [...(field.modes ?? [])].sort((a, b) => Number(b.name === 'name') - Number(a.name === 'name'));
	return { ...field, modes, default: { mode: 'name', value: '' } };
}

/** The group's locator as the workflow holds it: its mode and its value. */
export function readIdOrName(this: IExecuteFunctions, group: IdOrNameGroup, itemIndex: number): LocatedValue {
	return locatedValue(this, group.key, itemIndex);
}

/** Validates one group and turns it into the one body member HearLink expects (or none). */
export function idOrNameSchema(group: IdOrNameGroup) {
	const label = group.label;
	return z
		.object({ mode: z.unknown(), value: z.unknown() })
		.transform((input, context) => {
			const fail = (message: string) => {
				context.addIssue({ code: z.ZodIssueCode.custom, message });
				return z.NEVER;
			};
			const value = textOf(input.value);
			if (!value) {
				return group.optional ? {} : fail(`${label} is required: give its name (By Name) or its ID (By ID)`);
			}
			if (input.mode === 'name') return { [`${group.key}Name`]: value };
			if (input.mode === 'id') return { [`${group.key}Id`]: value };
			return fail(`${label}: choose By Name or By ID (HearLink has no list to choose from)`);
		});
}
