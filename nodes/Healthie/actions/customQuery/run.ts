import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { parseInput, requiredText } from '../../../shared/validation';
import { healthieGraphql } from '../../graphql';

const schema = z.object({
	query: requiredText('Query'),
	variables: z.unknown().transform((value, context): IDataObject => {
		if (value === undefined || value === null || value === '') return {};
		let parsed: unknown = value;
		if (typeof value === 'string') {
			try {
				parsed = JSON.parse(value);
			} catch {
				context.addIssue({ code: z.ZodIssueCode.custom, message: 'Variables must be JSON, e.g. {"id": "123"}' });
				return z.NEVER;
			}
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'Variables must be a JSON object, e.g. {"id": "123"}' });
			return z.NEVER;
		}
		return parsed as IDataObject;
	}),
});

export const runCustomQuery: Operation = {
	resource: 'customQuery',
	operation: 'run',
	name: 'Run',
	description: 'Run any GraphQL query or mutation of the Healthie API with variables',
	action: 'Run custom GraphQL query',
	fields: [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			typeOptions: { rows: 8 },
			default: '',
			required: true,
			placeholder: 'e.g. query { currentUser { first_name last_name email } }',
			description:
				'A GraphQL document for the API version chosen in the credential. Select messages { field message } on mutations: Healthie reports refused input there, and the node fails the item when it is not empty.',
		},
		{
			displayName: 'Variables',
			name: 'variables',
			type: 'json',
			default: '{}',
			description: 'The values of the variables the query declares, as a JSON object',
		},
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { query, variables } = parseInput(
			this.getNode(),
			schema,
			{
				query: this.getNodeParameter('query', itemIndex),
				variables: this.getNodeParameter('variables', itemIndex, '{}'),
			},
			itemIndex,
		);
		return await healthieGraphql.call(this, { query, variables, itemIndex });
	},
};
