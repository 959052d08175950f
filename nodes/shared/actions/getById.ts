import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';

import type { LocatorSpec } from '../resourceLocator';
import { locatedValue, resourceLocatorField } from '../resourceLocator';
import { parseInput, requiredText } from '../validation';
import type { Operation } from './operations';
import { outputItem } from './output';

/** One builder for every "Get one record by its ID" operation. */

export interface GetByIdSpec {
	resource: string;
	description: string;
	action: string;
	/**
	 * The ID field: its parameter name and label, and any rule beyond "not empty". With
	 * `locator`, it is a resource locator (From List / By ID / By URL) instead of a text field.
	 */
	id: {
		name: string;
		displayName: string;
		description?: string;
		placeholder?: string;
		schema?: z.ZodType<string, z.ZodTypeDef, unknown>;
		locator?: Omit<LocatorSpec, 'displayName' | 'name' | 'description'>;
	};
	/** Fields after the ID (e.g. Simplify). */
	moreFields?: INodeProperties[];
	/** Reads the record; the ID was checked before (not empty, and the schema's rule). */
	fetch(this: IExecuteFunctions, id: string, itemIndex: number): Promise<unknown>;
	/** The output item; by default the answer as it is (`outputItem`, `{ id }` for an empty answer). */
	output?(this: IExecuteFunctions, answer: unknown, id: string, itemIndex: number): IDataObject;
}

export function getByIdOperation(spec: GetByIdSpec): Operation {
	return {
		resource: spec.resource,
		operation: 'get',
		name: 'Get',
		description: spec.description,
		action: spec.action,
		fields: [
			spec.id.locator
				? resourceLocatorField({ displayName: spec.id.displayName, name: spec.id.name, description: spec.id.description, ...spec.id.locator })
				: {
						displayName: spec.id.displayName,
						name: spec.id.name,
						type: 'string',
						required: true,
						default: '',
						...(spec.id.placeholder ? { placeholder: spec.id.placeholder } : {}),
						...(spec.id.description ? { description: spec.id.description } : {}),
					},
			...(spec.moreFields ?? []),
		],
		async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const { value: raw } = locatedValue(this, spec.id.name, itemIndex);
			const text = typeof raw === 'number' ? String(raw) : raw;
			const id = parseInput(this.getNode(), spec.id.schema ?? requiredText(spec.id.displayName), text, itemIndex);
			const answer = await spec.fetch.call(this, id, itemIndex);
			return spec.output ? spec.output.call(this, answer, id, itemIndex) : outputItem(answer, { id });
		},
	};
}
