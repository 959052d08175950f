import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { parseInput, requiredText, wholeNumber } from '../../../shared/validation';
import { heroHealthRequest, unpublishedScopeHint } from '../../transport';
import { heroDateNotInPast } from '../../dates';
import { locatedId, patientId, patientIdField } from '../common';

/**
 * `POST /v1/attachment_links` (docs/vendors/hero-health.md#links-and-elements-tokens): a link to a file for one patient, either a
 * file already in their record (`ehr_file_id`) or a file sent with the request (`file_data` +
 * `file_name`; base64 assumed, the encoding is not stated). Put the answer's `attachment_uuid` in
 * Message → Send.
 */

const link = z.object({
	patient_id: patientId(),
	expiry_date: heroDateNotInPast('Link Expires On'),
	maximum_use_count: wholeNumber('Maximum Uses', 1),
});

const showFor = (fileSource: string) => ({ show: { fileSource: [fileSource] } });

export const createAttachmentLink: Operation = {
	resource: 'link',
	operation: 'createAttachmentLink',
	name: 'Create Attachment Link',
	description: 'Create a link to a file for one patient, to send with Message → Send',
	action: 'Create attachment link',
	fields: [
		patientIdField(),
		{
			displayName: 'File Source',
			name: 'fileSource',
			type: 'options',
			options: [
				{ name: 'File in the Patient Record', value: 'ehrFile', description: 'A file Hero already holds' },
				{ name: 'File From the Input', value: 'binary', description: 'A binary file of the input item' },
			],
			default: 'binary',
		},
		{
			displayName: 'Record File ID',
			name: 'ehrFileId',
			type: 'string',
			required: true,
			default: '',
			description: "The file's ID in the patient record (from Hero's patient attachments)",
			displayOptions: showFor('ehrFile'),
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			description: 'The name of the input binary field holding the file',
			displayOptions: showFor('binary'),
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "The name the patient sees. Leave empty to use the input file's name.",
			displayOptions: showFor('binary'),
		},
		{
			displayName: 'Link Expires On',
			name: 'expiryDate',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'The last day the link works (a UK date; a time given is ignored)',
		},
		{
			displayName: 'Maximum Uses',
			name: 'maximumUseCount',
			type: 'number',
			typeOptions: { minValue: 1 },
			required: true,
			default: 1,
			description: 'How many times the link can be opened',
		},
	],

	async run(itemIndex) {
		const checked = parseInput(
			this.getNode(),
			link,
			{
				patient_id: locatedId(this, 'patientId', itemIndex),
				expiry_date: this.getNodeParameter('expiryDate', itemIndex),
				maximum_use_count: this.getNodeParameter('maximumUseCount', itemIndex),
			},
			itemIndex,
		);
		const file = await fileFields(this, itemIndex);
		const answer = await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/attachment_links',
			body: { ...checked, ...file },
			itemIndex,
			permissionHint: unpublishedScopeHint('attachment links'),
			notFoundHint: 'Check the patient ID and the record file ID.',
		});
		return outputItem(answer, {});
	},
};

/** `ehr_file_id`, or `file_data` (base64) + `file_name` from the input item's binary field. */
async function fileFields(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = context.getNode();
	if (context.getNodeParameter('fileSource', itemIndex) === 'ehrFile') {
		const ehrFileId = parseInput(node, requiredText('Record File ID'), context.getNodeParameter('ehrFileId', itemIndex), itemIndex);
		return { ehr_file_id: ehrFileId };
	}
	const field = parseInput(
		node,
		requiredText('Input Binary Field'),
		context.getNodeParameter('binaryPropertyName', itemIndex),
		itemIndex,
	);
	const binary = context.helpers.assertBinaryData(itemIndex, field);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	const fileName = String(context.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
	return { file_data: data.toString('base64'), file_name: fileName || binary.fileName || 'attachment' };
}
