import { getRecordOperation } from '../common';

export const getFormAnswerGroup = getRecordOperation({
	resource: 'formAnswerGroup',
	description: 'Read a filled-out form with its answers by ID',
	action: 'Get a filled out form',
	idField: {
		name: 'formAnswerGroupId',
		displayName: 'Form Answer Group ID',
		description: 'The ID of the filled-out form (the resource_id of form_answer_group events)',
	},
	recordType: 'FormAnswerGroup',
	noun: 'filled-out form',
});
