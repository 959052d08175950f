import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, outputItem } from '../../../shared/actions';
import { redactSecrets } from '../../../shared/errors';
import { parseInput } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { DEFAULT_TEST_EVENT, RXSCALE_EVENT_OPTIONS } from '../../events';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';
import { headerName, httpsUrl, knownEvent } from '../common';

const input = z
	.object({
		targetUrl: httpsUrl('Target URL'),
		eventType: knownEvent('Event Type'),
		headerKey: headerName.optional().or(z.literal('')),
		headerValue: z.string().optional(),
	})
	.refine((value) => Boolean(value.headerKey) === Boolean(value.headerValue), {
		message: 'Header Name and Header Value go together: fill in both or neither',
	});

export const sendTestDelivery: Operation = {
	resource: 'webhook',
	operation: 'sendTestDelivery',
	name: 'Send Test Delivery',
	description: 'Send a sample event, marked X-Webhook-Test: true, to an HTTPS address',
	action: 'Send test delivery',
	fields: [
		{
			displayName: 'Target URL',
			name: 'targetUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/…/webhook',
			description: "The HTTPS address to send the sample to, e.g. an RxScale Trigger's Production URL",
		},
		{
			displayName: 'Event Type',
			name: 'eventType',
			type: 'options',
			default: DEFAULT_TEST_EVENT,
			options: RXSCALE_EVENT_OPTIONS,
			description: 'The event RxScale simulates',
		},
		collection('additionalFields', [
			{
				displayName: 'Header Name',
				name: 'headerKey',
				type: 'string',
				default: '',
				placeholder: 'e.g. X-Clinic',
				description: 'A custom header RxScale adds to the test request (sent as header_key)',
			},
			{
				displayName: 'Header Value',
				name: 'headerValue',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The value of the custom header (sent as header_value); it is never shown in the output',
			},
		]),
	],
	async run(itemIndex) {
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as Record<string, unknown>;
		const { targetUrl, eventType, headerKey, headerValue } = parseInput(
			this.getNode(),
			input,
			{
				targetUrl: this.getNodeParameter('targetUrl', itemIndex, ''),
				eventType: this.getNodeParameter('eventType', itemIndex, DEFAULT_TEST_EVENT),
				headerKey: additional.headerKey,
				headerValue: additional.headerValue,
			},
			itemIndex,
		);
		const header = headerKey && headerValue ? { header_key: headerKey, header_value: headerValue } : {};
		const response = await rxScaleRequest.call(this, {
			method: 'POST',
			path: RXSCALE_PATHS.testDelivery,
			body: { target_url: targetUrl, event_type: eventType, ...header },
			permission: RXSCALE_PERMISSIONS.writeSubscriptions,
			secrets: headerValue ? [headerValue] : [],
			itemIndex,
		});
		return {
			sent: true,
			target_url: targetUrl,
			event_type: eventType,
			...(headerKey ? { header_key: headerKey } : {}),
			// RxScale's answer is not documented; whatever it is, the header value never appears in it.
			response: redactSecrets(outputItem(response), headerValue ? [headerValue] : []),
		};
	},
};
