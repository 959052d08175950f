import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../shared/actions';
import { pathSegment } from '../../shared/paths';
import { parseInput, requiredText } from '../../shared/validation';
import type { HearLinkEnvelope } from '../transport';
import { hearLinkRequest } from '../transport';

/** Pieces every HearLink operation shares: "Simplify", the answer it returns, and the Get operations. */

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the record HearLink sends back ("data") instead of its whole answer ("success" and "data")',
};

/** HearLink's answer, or only its `data` when "Simplify" is on. */
export function output(this: IExecuteFunctions, answer: HearLinkEnvelope, itemIndex: number): IDataObject {
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	if (!simplify) return answer as unknown as IDataObject;
	const { data } = answer;
	return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as IDataObject) : { data: data as IDataObject };
}

/** Whether a field was given: not undefined or null, and not blank text. */
export function present(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** Drops fields that were left empty, so that HearLink never receives `""` for an optional field. */
export function compact(record: Record<string, unknown>): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => present(value))) as IDataObject;
}

/** Text as typed; numbers (from expressions) as their digits; blanks as undefined. */
export function textOf(value: unknown): string | undefined {
	if (!present(value)) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return typeof value === 'string' ? value.trim() : undefined;
}

/** A schema for a text field whose value may arrive as a number from an expression; blank counts as not given. */
export const asText = (schema: z.ZodTypeAny) => z.preprocess((value) => textOf(value), schema);

interface GetOperationSpec {
	resource: string;
	/** "patient", "appointment", "invoice" */
	noun: string;
	/** Path below the API root, e.g. `/patients`. */
	path: string;
}

/** Get one record by its ID: the same shape for patients, appointments and invoices. */
export function getOperation({ resource, noun, path }: GetOperationSpec): Operation {
	const title = noun.charAt(0).toUpperCase() + noun.slice(1);
	const idParameter = `${resource}Id`;
	return {
		resource,
		operation: 'get',
		name: 'Get',
		description: `Get one ${noun} by its HearLink ID`,
		action: `Get a ${noun}`,
		fields: [
			{
				displayName: `${title} ID`,
				name: idParameter,
				type: 'string',
				required: true,
				default: '',
				placeholder: '8d1e3d17-0b5c-4f5e-9a4e-2f7c1b2a9c10',
				description: `The ${noun}'s ID in HearLink (its "uid")`,
			},
			simplifyField,
		],
		async run(this: IExecuteFunctions, itemIndex: number) {
			const id = parseInput(
				this.getNode(),
				requiredText(`${title} ID`),
				this.getNodeParameter(idParameter, itemIndex, ''),
				itemIndex,
			);
			const answer = await hearLinkRequest.call(this, {
				method: 'GET',
				path: `${path}/${pathSegment(id, `${title} ID`)}`,
				itemIndex,
			});
			return output.call(this, answer, itemIndex);
		},
	};
}
