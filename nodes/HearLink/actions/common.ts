import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../shared/actions';
import { getByIdOperation, present, unwrapData } from '../../shared/actions';
import { pathSegment } from '../../shared/paths';
import { requiredText } from '../../shared/validation';
import type { HearLinkEnvelope } from '../transport';
import { hearLinkRequest } from '../transport';
import { HEARLINK_ID_PLACEHOLDER } from './locators';

/** Pieces every HearLink operation shares: "Simplify", the answer it returns, and the Get operations. */

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** HearLink's answer, or only its `data` when "Simplify" is on. */
export function output(this: IExecuteFunctions, answer: HearLinkEnvelope, itemIndex: number): IDataObject {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return answer as unknown as IDataObject;
	return unwrapData(answer);
}

/** Text as typed; numbers (from expressions) as their digits; blanks as undefined. */
export function textOf(value: unknown): string | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return typeof value === 'string' ? value.trim() : undefined;
}

/** A schema for a text field whose value may arrive as a number from an expression; blank counts as not given. */
export const asText = (schema: z.ZodTypeAny) => z.preprocess((value) => textOf(value), schema);

/** Get one record by its ID: the same shape for patients, appointments and invoices. */
export function getOperation({ resource, noun, path, hint }: { resource: string; noun: string; path: string; hint: string }): Operation {
	const title = noun.charAt(0).toUpperCase() + noun.slice(1);
	const label = `${title} ID`;
	return getByIdOperation({
		resource,
		description: `Get one ${noun} by its HearLink ID`,
		action: `Get ${noun}`,
		id: {
			name: `${resource}Id`,
			displayName: title,
			description: `The ${noun}'s ID in HearLink (its "uid"). HearLink has no list of ${noun}s to choose from.`,
			schema: requiredText(label),
			locator: { idPlaceholder: HEARLINK_ID_PLACEHOLDER, idHint: hint },
		},
		moreFields: [simplifyField],
		async fetch(id, itemIndex) {
			return await hearLinkRequest.call(this, { method: 'GET', path: `${path}/${pathSegment(id, label)}`, itemIndex });
		},
		output(answer, _id, itemIndex) {
			return output.call(this, answer as HearLinkEnvelope, itemIndex);
		},
	});
}
