import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { outputItem } from '../../../shared/actions';
import { nhsNumber, optionalField, parseInput, requiredText } from '../../../shared/validation';
import { heroHealthRequest, permissionHint } from '../../transport';
import { dateOfBirth } from '../common';

/**
 * `POST /v1/batch_message` (docs/vendors/hero-health.md#messages): one message to many patients, who are found on
 * the NHS Spine by NHS number and date of birth. The batch is sent with Batch Message → Send.
 */

const recipient = (position: number) =>
	z.object(
		{
			nhs_number: nhsNumber(`Recipient ${position}: NHS number`),
			// The batch schema types `dob` as a date-time: a date is sent as midnight UTC.
			dob: dateOfBirth(`Recipient ${position}: date of birth`).transform((date) => `${date}T00:00:00.000Z`),
		},
		{ invalid_type_error: `Recipient ${position} must be an object with nhs_number and dob` },
	);

const batch = (recipientCount: number) =>
	z
		.object({
			name: requiredText('Name'),
			channel: z.enum(['SMS', 'EMAIL', 'NHS_APP'], { message: 'Channel must be SMS, Email or NHS App' }),
			subject: optionalField(z.string().trim()),
			content: requiredText('Content'),
			recipients:
				recipientCount === 0
					? z
							.array(z.unknown(), {
								invalid_type_error: 'Recipients (JSON) must be a list like [{"nhs_number": "…", "dob": "…"}]',
							})
							.min(1, 'Add at least one recipient')
					: z.tuple(Array.from({ length: recipientCount }, (_, index) => recipient(index + 1)) as [
							ReturnType<typeof recipient>,
							...Array<ReturnType<typeof recipient>>,
						]),
		})
		.refine((value) => value.channel !== 'EMAIL' || Boolean(value.subject), {
			message: 'Subject is required for an email batch',
			path: ['subject'],
		});

export const createBatchMessage: Operation = {
	resource: 'batchMessage',
	operation: 'create',
	name: 'Create',
	description: 'Create a message to many patients, found by NHS number and date of birth; send it with "Send"',
	action: 'Create batch message',
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Flu clinic invitations',
			description: 'A name for the batch, shown in Hero',
		},
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: [
				{ name: 'Email', value: 'EMAIL' },
				{ name: 'NHS App', value: 'NHS_APP' },
				{ name: 'SMS', value: 'SMS' },
			],
			default: 'SMS',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			required: true,
			default: '',
			description: 'The email subject',
			displayOptions: { show: { channel: ['EMAIL'] } },
		},
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			description: 'The text every recipient receives',
		},
		{
			displayName: 'Recipients Input',
			name: 'recipientsInput',
			type: 'options',
			options: [
				{ name: 'Define Below', value: 'fields', description: 'Enter each recipient' },
				{ name: 'From JSON', value: 'json', description: 'A list of recipients, e.g. from an expression' },
			],
			default: 'fields',
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Recipient',
			default: {},
			displayOptions: { show: { recipientsInput: ['fields'] } },
			options: [
				{
					displayName: 'Recipient',
					name: 'recipient',
					values: [
						{
							displayName: 'NHS Number',
							name: 'nhs_number',
							type: 'string',
							default: '',
							placeholder: 'e.g. 943 476 5919',
						},
						{
							displayName: 'Date of Birth',
							name: 'dob',
							type: 'string',
							default: '',
							placeholder: 'e.g. 1985-12-10',
						},
					],
				},
			],
		},
		{
			displayName: 'Recipients (JSON)',
			name: 'recipientsJson',
			type: 'json',
			default: '[]',
			description: 'A list like [{"nhs_number": "9434765919", "dob": "1985-12-10"}]',
			displayOptions: { show: { recipientsInput: ['json'] } },
		},
	],

	async run(itemIndex) {
		const channel = this.getNodeParameter('channel', itemIndex) as string;
		const recipients = readRecipients(this, itemIndex);
		const body = parseInput(
			this.getNode(),
			batch(Array.isArray(recipients) ? recipients.length : 0),
			{
				name: this.getNodeParameter('name', itemIndex),
				channel,
				subject: channel === 'EMAIL' ? this.getNodeParameter('subject', itemIndex, '') : undefined,
				content: this.getNodeParameter('content', itemIndex),
				recipients,
			},
			itemIndex,
		);
		const answer = await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/batch_message',
			body: body as IDataObject,
			itemIndex,
			permissionHint: permissionHint('Messaging'),
		});
		return outputItem(answer, { name: body.name, created: true });
	},
};

/** The recipients as entered: the rows of "Define Below", or the JSON list (text or already parsed). */
function readRecipients(context: IExecuteFunctions, itemIndex: number): unknown {
	if (context.getNodeParameter('recipientsInput', itemIndex, 'fields') === 'fields') {
		const rows = context.getNodeParameter('recipients', itemIndex, {}) as { recipient?: IDataObject[] };
		return rows.recipient ?? [];
	}
	const raw = context.getNodeParameter('recipientsJson', itemIndex, '[]');
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw; // not a list: validation names the field
	}
}
