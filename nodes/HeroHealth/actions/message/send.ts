import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact, outputItem } from '../../../shared/actions';
import { emailAddress, optionalField, parseInput, phoneNumber, requiredText, wholeNumber } from '../../../shared/validation';
import { heroDateTime } from '../../dates';
import { heroHealthRequest, permissionHint } from '../../transport';
import { locatedId, patientId, patientIdField } from '../common';

/** `POST /v1/messages/send` with every documented field (docs/vendors/hero-health.md#messages). */

const CHANNELS = ['sms', 'email', 'nhs_app', 'hero'] as const;

const contactShape = { sms: phoneNumber, email: emailAddress } as const;

const input = z
	.object({
		patient_id: patientId(),
		message_type: z.enum(CHANNELS, { message: 'Channel must be SMS, Email, NHS App or Hero' }),
		message_string: requiredText('Message'),
		recipient_contact_detail: optionalField(z.string().trim()),
		fallback_message_type: optionalField(z.enum(['sms', 'email'])),
		fallback_contact_detail: optionalField(z.string().trim()),
		assignee_id: optionalField(wholeNumber('Assignee ID')),
		assignee_type: optionalField(z.enum(['Admin', 'AdminTeam'])),
		attachment_uuid: optionalField(z.string().trim()),
		encrypted: z.boolean().optional(),
		send_at: optionalField(heroDateTime('Send At')),
		short_link_id: optionalField(z.string().trim()),
		snomed_code: optionalField(z.string().trim()),
		snomed_term: optionalField(z.string().trim()),
		task_id: optionalField(z.string().trim()),
		write_to_record: z.boolean().optional(),
		auto_write_to_record: z.boolean().optional(),
	})
	.superRefine((message, context) => {
		const check = (channel: string | undefined, value: string | undefined, field: string, label: string) => {
			const shape = contactShape[channel as keyof typeof contactShape];
			if (!shape || !value) return;
			const result = shape(label).safeParse(value);
			if (!result.success) context.addIssue({ code: 'custom', path: [field], message: result.error.issues[0].message });
		};
		check(message.message_type, message.recipient_contact_detail, 'recipient_contact_detail', 'Recipient');
		check(message.fallback_message_type, message.fallback_contact_detail, 'fallback_contact_detail', 'Fallback Contact');
	});

export const sendMessage: Operation = {
	resource: 'message',
	operation: 'send',
	name: 'Send',
	description: 'Send an SMS, email, NHS App or Hero message to one patient',
	action: 'Send message',
	fields: [
		patientIdField(),
		{
			displayName: 'Channel',
			name: 'messageType',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Hero', value: 'hero', description: "Hero's own patient messaging" },
				{ name: 'NHS App', value: 'nhs_app', description: 'A message in the NHS App, with an optional fallback' },
				{ name: 'SMS', value: 'sms' },
			],
			default: 'sms',
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			description: 'The text the patient receives',
		},
		{
			displayName: 'Recipient',
			name: 'recipient',
			type: 'string',
			default: '',
			placeholder: 'e.g. 07700 900123',
			description:
				"The phone number (SMS) or email address (Email) to send to. Leave empty to use the one on the patient's record.",
			displayOptions: { show: { messageType: ['sms', 'email'] } },
		},
		{
			displayName: 'Fallback Channel',
			name: 'fallbackMessageType',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Practice Default', value: 'default', description: "The fallback set up for the practice in Hero" },
				{ name: 'SMS', value: 'sms' },
			],
			default: 'default',
			description: 'What Hero sends instead when the patient has not opened the NHS App message (after about an hour)',
			displayOptions: { show: { messageType: ['nhs_app'] } },
		},
		{
			displayName: 'Fallback Contact',
			name: 'fallbackContact',
			type: 'string',
			default: '',
			description:
				"The phone number or email address for the fallback. Leave empty to use the one on the patient's record.",
			displayOptions: { show: { messageType: ['nhs_app'], fallbackMessageType: ['email', 'sms'] } },
		},
		collection('additionalFields', [
			{
				displayName: 'Assignee ID',
				name: 'assignee_id',
				type: 'number',
				default: 0,
				description: 'The Hero admin or admin team that replies are assigned to',
			},
			{
				displayName: 'Assignee Type',
				name: 'assignee_type',
				type: 'options',
				options: [
					{ name: 'Admin', value: 'Admin' },
					{ name: 'Admin Team', value: 'AdminTeam' },
				],
				default: 'Admin',
			},
			{
				displayName: 'Attachment UUID',
				name: 'attachment_uuid',
				type: 'string',
				default: '',
				description: 'The attachment_uuid from Link → Create Attachment Link',
			},
			{
				displayName: 'Encrypted',
				name: 'encrypted',
				type: 'boolean',
				default: false,
				description: 'Whether Hero should send the message encrypted',
			},
			{
				displayName: 'Send At',
				name: 'send_at',
				type: 'dateTime',
				default: '',
				description: 'Schedule the message, in UK time (or a date and time with its zone). Leave empty to send now.',
			},
			{
				displayName: 'Short Link ID',
				name: 'short_link_id',
				type: 'string',
				default: '',
				description: 'A Hero short link to include, e.g. the ID of a booking link',
			},
			{
				displayName: 'SNOMED Code',
				name: 'snomed_code',
				type: 'string',
				default: '',
				description: "The SNOMED CT code for the entry in the patient's record",
			},
			{
				displayName: 'SNOMED Term',
				name: 'snomed_term',
				type: 'string',
				default: '',
				description: "The SNOMED CT term for the entry in the patient's record",
			},
			{
				displayName: 'Task ID',
				name: 'task_id',
				type: 'string',
				default: '',
				description: 'The Hero task to attach the message to',
			},
			{
				displayName: 'Write to Record',
				name: 'write_to_record',
				type: 'boolean',
				default: false,
				description: "Whether to write the message to the patient's clinical record once a Hero admin approves it",
			},
			{
				displayName: 'Write to Record Without Approval',
				name: 'auto_write_to_record',
				type: 'boolean',
				default: false,
				description:
					"Whether to write the message to the patient's record without approval (only if Hero allows it for the API key)",
			},
		]),
	],

	async run(itemIndex) {
		const messageType = this.getNodeParameter('messageType', itemIndex) as string;
		const fallbackType = this.getNodeParameter('fallbackMessageType', itemIndex, 'default') as string;
		const nhsApp = messageType === 'nhs_app';
		const body = parseInput(
			this.getNode(),
			input,
			{
				patient_id: locatedId(this, 'patientId', itemIndex),
				message_type: messageType,
				message_string: this.getNodeParameter('message', itemIndex),
				recipient_contact_detail:
					messageType === 'sms' || messageType === 'email'
						? this.getNodeParameter('recipient', itemIndex, '')
						: undefined,
				fallback_message_type: nhsApp && fallbackType !== 'default' ? fallbackType : undefined,
				fallback_contact_detail:
					nhsApp && fallbackType !== 'default' ? this.getNodeParameter('fallbackContact', itemIndex, '') : undefined,
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		const answer = await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/messages/send',
			body: compact(body as IDataObject),
			itemIndex,
			permissionHint: permissionHint('Messaging'),
		});
		return outputItem(answer, { patient_id: body.patient_id, sent: true });
	},
};
