import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidPathSegmentError } from '../paths';

/**
 * The action-node machinery every vendor shares: one file per operation (its fields and its
 * `run`), a resource/operation picker built from them, and one item loop with n8n's
 * "Continue On Fail" and paired items.
 */

export interface Operation {
	/** Resource value, e.g. `patient`. */
	resource: string;
	/** Operation value, e.g. `create`. */
	operation: string;
	/** Shown in the Operation picker. */
	name: string;
	/** Shown under the picker, and to AI agents using the node as a tool. */
	description: string;
	/** `action` text n8n shows in the node list, e.g. "Create a patient". */
	action: string;
	/** The operation's own fields; `displayOptions` for its resource/operation are added. */
	fields: INodeProperties[];
	/** Runs the operation for one input item; returns the output item(s) as JSON. */
	run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
}

/** The Resource and Operation pickers and every operation's fields, for a node description. */
export function operationProperties(resources: Resource[], operations: Operation[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })),
		default: firstResource,
	};
	const operationPickers: INodeProperties[] = resources.map((resource) => {
		const own = operations.filter((operation) => operation.resource === resource.value);
		const options: INodePropertyOptions[] = own.map(({ name, operation, description, action }) => ({
			name,
			value: operation,
			description,
			action,
		}));
		const firstOperation = own[0]?.operation ?? '';
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: firstOperation,
		};
	});
	const fields = operations.flatMap((operation) =>
		operation.fields.map((field) => ({
			...field,
			displayOptions: {
				...field.displayOptions,
				show: {
					...field.displayOptions?.show,
					resource: [operation.resource],
					operation: [operation.operation],
				},
			},
		})),
	);
	return [resourceProperty, ...operationPickers, ...fields];
}

/**
 * Runs the chosen operation for every input item. With "Continue On Fail" a failed item becomes
 * `{ error, description }` and the rest go on; otherwise the first failure stops the node with
 * the item named.
 */
export async function executeOperations(
	this: IExecuteFunctions,
	operations: Operation[],
): Promise<INodeExecutionData[][]> {
	const byKey = new Map(operations.map((operation) => [`${operation.resource}:${operation.operation}`, operation]));
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = byKey.get(`${resource}:${operationName}`);
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`, {
					itemIndex,
				});
			}
			const result = await operation.run.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: error instanceof InvalidPathSegmentError
						? new NodeOperationError(this.getNode(), error.message, {
								itemIndex,
								description: 'Nothing was sent. Give the ID exactly as the vendor shows it.',
							})
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
			if (this.continueOnFail()) {
				output.push({
					json: { error: nodeError.message, ...(nodeError.description ? { description: nodeError.description } : {}) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}

/** n8n's standard collections: the name, the label and the "Add …" button go together. */
const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
} as const;

/** One of n8n's standard collections (Additional Fields, Update Fields, Filters, Options) holding `options`. */
export function collection(
	name: keyof typeof COLLECTIONS,
	options: INodeProperties[],
	more: Pick<INodeProperties, 'description' | 'displayOptions'> = {},
): INodeProperties {
	return { ...COLLECTIONS[name], name, type: 'collection', default: {}, ...more, options };
}
