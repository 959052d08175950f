import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { textOf } from './common';

/**
 * HearLink's field pairs (referral, primary clinic, status, secondary status) take exactly one of
 * `<group>Id` or `<group>Name` (docs/vendors/hearlink.md#request-bodies). The node offers them as "By Name | By ID", so
 * only the chosen member is shown and sent. A workflow written by hand or by an agent can still
 * carry both, or none: that is refused before anything is sent.
 */

export interface IdOrNameGroup {
	/** Parameter prefix, e.g. `referral` → `referralBy`, and the body keys `referralId`, `referralName`. */
	key: string;
	/** e.g. "Referral" */
	label: string;
	/** What the name is in HearLink, with an example. */
	nameHint: string;
	/** Optional groups start at "None". */
	optional?: boolean;
}

type Mode = 'id' | 'name' | 'none';

export function idOrNameFields(group: IdOrNameGroup): INodeProperties[] {
	const modeParameter = `${group.key}By`;
	const defaultMode: Mode = group.optional ? 'none' : 'name';
	return [
		{
			displayName: group.label,
			name: modeParameter,
			type: 'options',
			options: [
				{ name: 'By ID', value: 'id', description: `Give the ${group.label.toLowerCase()}'s ID in HearLink` },
				{ name: 'By Name', value: 'name', description: `Give the ${group.label.toLowerCase()}'s name as shown in HearLink` },
				...(group.optional ? [{ name: 'None', value: 'none', description: 'Do not set it' }] : []),
			],
			default: defaultMode,
			description: `How to tell HearLink the ${group.label.toLowerCase()}: by its name or by its ID (exactly one is sent)`,
		},
		{
			displayName: `${group.label} Name`,
			name: `${group.key}Name`,
			type: 'string',
			required: true,
			default: '',
			description: group.nameHint,
			displayOptions: { show: { [modeParameter]: ['name'] } },
		},
		{
			displayName: `${group.label} ID`,
			name: `${group.key}Id`,
			type: 'string',
			required: true,
			default: '',
			description: `The ${group.label.toLowerCase()}'s ID in HearLink`,
			displayOptions: { show: { [modeParameter]: ['id'] } },
		},
	];
}

export interface IdOrNameInput {
	by: unknown;
	id: unknown;
	name: unknown;
}

/** The group's raw parameters, hidden ones included, so that a stray second value is noticed. */
export function readIdOrName(this: IExecuteFunctions, group: IdOrNameGroup, itemIndex: number): IdOrNameInput {
	return {
		by: this.getNodeParameter(`${group.key}By`, itemIndex, group.optional ? 'none' : 'name'),
		id: this.getNodeParameter(`${group.key}Id`, itemIndex, ''),
		name: this.getNodeParameter(`${group.key}Name`, itemIndex, ''),
	};
}

/** Validates one group and turns it into the one body member HearLink expects (or none). */
export function idOrNameSchema(group: IdOrNameGroup) {
	const idKey = `${group.key}Id`;
	const nameKey = `${group.key}Name`;
	const label = group.label;
	return z
		.object({ by: z.unknown(), id: z.unknown(), name: z.unknown() })
		.transform((input, context) => {
			const id = textOf(input.id);
			const name = textOf(input.name);
			const by = input.by as Mode;
			const fail = (message: string) => {
				context.addIssue({ code: z.ZodIssueCode.custom, message });
				return z.NEVER;
			};
			if (id && name) return fail(`${label}: give either ${label} ID or ${label} Name, not both`);
			if (by === 'id') return id ? { [idKey]: id } : fail(`${label} ID is required (or choose ${label} "By Name")`);
			if (by === 'name') return name ? { [nameKey]: name } : fail(`${label} Name is required (or choose ${label} "By ID")`);
			if (by === 'none' && group.optional) {
				return id || name ? fail(`${label} is set to "None" but a ${label} ${id ? 'ID' : 'Name'} is given: choose "By ID" or "By Name"`) : {};
			}
			return fail(`${label} is required: choose "By Name" or "By ID" and fill it in`);
		});
}
