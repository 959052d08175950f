import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../../nodes/shared/actions';
import { executeOperations, operationProperties } from '../../../nodes/shared/actions';
import { testNode } from '../../support/mockContexts';

const echo: Operation = {
	resource: 'thing',
	operation: 'echo',
	name: 'Echo',
	description: 'Returns its input',
	action: 'Echo a thing',
	fields: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	async run(itemIndex) {
		const value = this.getNodeParameter('value', itemIndex) as string;
		if (value === 'api') throw new NodeApiError(this.getNode(), {}, { message: 'Vendor said no', description: 'Because.', httpCode: '400' });
		if (value === 'plain') throw new Error('plain failure');
		if (value === 'many') return [{ n: 1 }, { n: 2 }];
		return { value };
	},
};
const other: Operation = { ...echo, resource: 'other', operation: 'list', name: 'List', action: 'List others', fields: [] };

function context(items: IDataObject[], continueOnFail = false, operation = 'echo') {
	return {
		getNode: () => testNode,
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, index: number) =>
			name === 'resource' ? 'thing' : name === 'operation' ? operation : items[index].value,
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

describe('operationProperties', () => {
	it('builds the resource and per-resource operation pickers and scopes each field to its operation', () => {
		const properties = operationProperties(
			[
				{ value: 'thing', name: 'Thing' },
				{ value: 'other', name: 'Other' },
			],
			[echo, other],
		);
		expect(properties.map((p) => p.name)).toEqual(['resource', 'operation', 'operation', 'value']);
		expect(properties[0].default).toBe('thing');
		expect(properties[1]).toMatchObject({
			displayOptions: { show: { resource: ['thing'] } },
			options: [{ name: 'Echo', value: 'echo', action: 'Echo a thing' }],
			default: 'echo',
		});
		expect(properties[3].displayOptions).toEqual({ show: { resource: ['thing'], operation: ['echo'] } });
	});
});

describe('executeOperations', () => {
	it('runs the operation per item and pairs every output with its input', async () => {
		const result = await executeOperations.call(context([{ value: 'a' }, { value: 'many' }]), [echo]);
		expect(result).toEqual([
			[
				{ json: { value: 'a' }, pairedItem: { item: 0 } },
				{ json: { n: 1 }, pairedItem: { item: 1 } },
				{ json: { n: 2 }, pairedItem: { item: 1 } },
			],
		]);
	});

	it('stops at the first failure, naming the item', async () => {
		const error = await executeOperations.call(context([{ value: 'a' }, { value: 'api' }]), [echo]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
	});

	it('wraps an unexpected error as a NodeOperationError with the item', async () => {
		const error = await executeOperations.call(context([{ value: 'plain' }]), [echo]).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('plain failure');
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
	});

	it('with Continue On Fail, turns each failed item into an error item and goes on', async () => {
		const result = await executeOperations.call(context([{ value: 'api' }, { value: 'ok' }], true), [echo]);
		expect(result).toEqual([
			[
				{ json: { error: 'Vendor said no', description: 'Because.' }, pairedItem: { item: 0 } },
				{ json: { value: 'ok' }, pairedItem: { item: 1 } },
			],
		]);
	});

	it('refuses an operation it does not know', async () => {
		await expect(executeOperations.call(context([{ value: 'a' }], false, 'explode'), [echo])).rejects.toThrow(
			'The operation "explode" is not supported',
		);
	});
});
