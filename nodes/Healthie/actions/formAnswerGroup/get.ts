import { getRecordOperation } from '../common';
import { FORM_ANSWER_GROUP_LOCATOR } from '../locators';

export const getFormAnswerGroup = getRecordOperation({
	resource: 'formAnswerGroup',
	description: 'Read a filled-out form with its answers by ID',
	action: 'Get form answer group',
	idField: {
		name: 'formAnswerGroupId',
		displayName: 'Form Answer Group',
		description: 'The filled-out form (the resource_id of form_answer_group events)',
		locator: FORM_ANSWER_GROUP_LOCATOR,
	},
	recordType: 'FormAnswerGroup',
	noun: 'filled-out form',
});
