import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { fetchRecord } from '../../records';
import { healthieId } from '../common';

export const getFormAnswerGroup: Operation = {
	resource: 'formAnswerGroup',
	operation: 'get',
	name: 'Get',
	description: 'Read a filled-out form with its answers by ID',
	action: 'Get a filled out form',
	fields: [
		{
			displayName: 'Form Answer Group ID',
			name: 'formAnswerGroupId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the filled-out form (the resource_id of form_answer_group events)',
		},
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { id } = parseInput(
			this.getNode(),
			z.object({ id: healthieId('Form answer group ID') }),
			{ id: this.getNodeParameter('formAnswerGroupId', itemIndex) },
			itemIndex,
		);
		const form = await fetchRecord.call(this, 'FormAnswerGroup', id, { itemIndex });
		if (!form) {
			throw new NodeOperationError(this.getNode(), `Healthie has no filled-out form with ID ${id}`, {
				itemIndex,
				description: 'Check the ID, and that the API key can see this form.',
			});
		}
		return form;
	},
};
