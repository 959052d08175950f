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
import { credentialSigningSecrets } from '../shared/signature';
import {
	registerSubscriptions,
	removeSubscriptions,
	storedSecrets,
	storedSubscriptions,
	subscriptionsMatch,
} from '../shared/subscriptions';
import { RXSCALE_EVENT_OPTIONS } from './events';
import { isTestDelivery, rxScaleDeliveryIdentity, verifyRxScaleDelivery } from './signature';
import { requireHttpsWebhookUrl, rxScaleSubscriptions } from './subscriptions';

/**
 * RxScale signs the body, whose `timestamp` says when the event happened, and nothing else: the
 * maximum age is what stops a captured delivery from running again once the replay memory has
 * let it go. RxScale's retry schedule is not published; a day covers any plausible one.
 */
const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
/** How far ahead of this server's clock a body timestamp may be. */
const CLOCK_SKEW_SECONDS = 5 * 60;

/** RxScale's envelope (rxscale.md §4.1); `data` is event-specific. */
const rxScaleEnvelope = z.object({
	event_type: z.string().min(1),
	timestamp: z.union([z.number(), z.string().regex(/^\d+$/)]),
	payload_version: z.union([z.string(), z.number()]),
	data: z.record(z.unknown()),
});

type RxScaleEnvelope = z.output<typeof rxScaleEnvelope>;

interface TriggerOptions {
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
						default: DEFAULT_MAX_AGE_SECONDS,
						typeOptions: { minValue: 60 },
						description:
							"Refuse deliveries whose signed event timestamp is older than this (default: one day). RxScale signs no delivery time, so this is what stops a captured delivery from being replayed; RxScale retries keep the event's original timestamp, so a short limit can refuse late retries.",
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
		const maxAgeSeconds = Math.max(60, Number(options.maxAgeSeconds) || DEFAULT_MAX_AGE_SECONDS);
		const clockSkewSeconds = Math.min(maxAgeSeconds, CLOCK_SKEW_SECONDS);
		const staticData = this.getWorkflowStaticData('node');

		const handler: DeliveryHandler<RxScaleEnvelope> = {
			vendorName: 'RxScale',
			secrets: [...new Set([...storedSecrets(staticData), ...(await fallbackSecrets(this, staticData))])],
			missingSecretHint:
				'RxScale returned no signing secret for this node and the credential has none: add the Webhook Signing Secret to the credential, or unpublish and publish the workflow again.',
			verify: (request) => verifyRxScaleDelivery(request, { maxAgeSeconds, clockSkewSeconds }),
			schema: rxScaleEnvelope,
			eventOf: (payload) => payload.event_type,
			selectedEvents: this.getNodeParameter('events', []) as string[],
			identityOf: ({ payload, proof }) => rxScaleDeliveryIdentity(payload, proof),
			// Remembered for as long as the timestamp check would accept the delivery again.
			replayTtlMs: (maxAgeSeconds + clockSkewSeconds) * 1000,
			toItem: (payload, request) => ({
				event_type: payload.event_type,
				timestamp: payload.timestamp,
				payload_version: payload.payload_version,
				data: payload.data as IDataObject,
				// From X-Webhook-Test, which RxScale does not sign: information, never a decision.
				isTest: isTestDelivery(request),
			}),
		};
		return await receiveDelivery.call(this, handler);
	}
}

/**
 * The credential's secrets, accepted only while one of this node's subscriptions has no secret of
 * its own (RxScale returned none): otherwise a delivery signed for another trigger that shares the
 * credential would be accepted here too. A credential that cannot be read leaves none.
 */
async function fallbackSecrets(context: IWebhookFunctions, staticData: IDataObject): Promise<string[]> {
	const subscriptions = storedSubscriptions(staticData);
	if (subscriptions.length > 0 && subscriptions.every((subscription) => subscription.secret)) return [];
	try {
		return credentialSigningSecrets(await context.getCredentials('rxScaleApi')).secrets;
	} catch (error) {
		context.logger.warn(
			`RxScale trigger "${context.getNode().name}" could not read its credential (${(error as Error).message}); verifying with its subscription secrets only`,
		);
		return [];
	}
}
