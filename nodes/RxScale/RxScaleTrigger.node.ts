import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { z } from 'zod';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { splitSecrets } from '../shared/signature';
import {
	registerSubscriptions,
	removeSubscriptions,
	storedSecrets,
	subscriptionsMatch,
} from '../shared/subscriptions';
import { RXSCALE_EVENT_OPTIONS } from './events';
import { isTestDelivery, rxScaleDeliveryIdentity, verifyRxScaleDelivery } from './signature';
import { requireHttpsWebhookUrl, rxScaleSubscriptions } from './subscriptions';

/** How long a delivery identity is remembered when no maximum age bounds it: RxScale's retries are undocumented. */
const DEFAULT_REPLAY_MEMORY_MS = 24 * 60 * 60 * 1000;

/** RxScale's envelope (rxscale.md §4.1); `data` is event-specific. */
const rxScaleEnvelope = z.object({
	event_type: z.string().min(1),
	timestamp: z.union([z.number(), z.string().regex(/^\d+$/)]),
	payload_version: z.union([z.string(), z.number()]),
	data: z.record(z.unknown()),
});

type RxScaleEnvelope = z.output<typeof rxScaleEnvelope>;

interface TriggerOptions {
	testDeliveries?: 'pass' | 'ignore';
	maxAgeSeconds?: number;
}

export class RxScaleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RxScale Trigger',
		name: 'rxScaleTrigger',
		icon: { light: 'file:rxScale.svg', dark: 'file:rxScale.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when a pharmacy order, SKU stock level or patient–doctor meeting changes in RxScale',
		defaults: { name: 'RxScale Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rxScaleApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Publishing the workflow subscribes this node's Production URL to each selected event at RxScale; unpublishing removes the subscriptions. RxScale only delivers to HTTPS: n8n's public webhook URL (N8N_WEBHOOK_URL) must start with https://. Deliveries not signed with the secret RxScale issued (or the credential's signing secret) never start the workflow.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: RXSCALE_EVENT_OPTIONS,
				description: 'The RxScale events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Maximum Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0 },
						description:
							"Refuse deliveries whose event timestamp is older than this. 0 = no limit. RxScale retries failed deliveries with the event's original timestamp on an undocumented schedule, so a short limit can refuse late retries.",
					},
					{
						displayName: 'Test Deliveries',
						name: 'testDeliveries',
						type: 'options',
						default: 'pass',
						options: [
							{
								name: 'Pass Through',
								value: 'pass',
								description: 'Run the workflow, with isTest set to true on the item',
							},
							{
								name: 'Ignore',
								value: 'ignore',
								description: 'Acknowledge them without running the workflow',
							},
						],
						description:
							'What to do with signed deliveries marked X-Webhook-Test: true (sent by "Send Test Delivery")',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				requireHttpsWebhookUrl(this);
				return await subscriptionsMatch.call(this, rxScaleSubscriptions(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				requireHttpsWebhookUrl(this);
				return await registerSubscriptions.call(this, rxScaleSubscriptions(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscriptions.call(this, rxScaleSubscriptions(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const maxAgeSeconds = Math.max(0, Number(options.maxAgeSeconds) || 0);
		const secrets = [
			...new Set([...storedSecrets(this.getWorkflowStaticData('node')), ...(await credentialSecrets(this))]),
		];

		const handler: DeliveryHandler<RxScaleEnvelope> = {
			vendorName: 'RxScale',
			secrets,
			missingSecretHint:
				'RxScale returned no signing secret for this node and the credential has none: add the Webhook Signing Secret to the credential, or unpublish and publish the workflow again.',
			verify: (request) => verifyRxScaleDelivery(request, { maxAgeSeconds }),
			schema: rxScaleEnvelope,
			eventOf: (payload) => payload.event_type,
			selectedEvents: this.getNodeParameter('events', []) as string[],
			identityOf: (payload, request) => rxScaleDeliveryIdentity(payload, request, isTestDelivery(request)),
			replayTtlMs: maxAgeSeconds > 0 ? 2 * maxAgeSeconds * 1000 : DEFAULT_REPLAY_MEMORY_MS,
			toItem: (payload, request) => {
				const isTest = isTestDelivery(request);
				if (isTest && options.testDeliveries === 'ignore') return undefined;
				const item: IDataObject = {
					event_type: payload.event_type,
					timestamp: payload.timestamp,
					payload_version: payload.payload_version,
					data: payload.data as IDataObject,
					isTest,
				};
				return item;
			},
		};
		return await receiveDelivery.call(this, handler);
	}
}

/** The credential's fallback secrets; a credential that cannot be read leaves the subscription secrets. */
async function credentialSecrets(context: IWebhookFunctions): Promise<string[]> {
	try {
		const credentials = await context.getCredentials('rxScaleApi');
		return splitSecrets(credentials.webhookSigningSecret as string | undefined);
	} catch (error) {
		context.logger.warn(
			`RxScale trigger "${context.getNode().name}" could not read its credential (${(error as Error).message}); verifying with its subscription secrets only`,
		);
		return [];
	}
}
