import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { acceptedSecrets, DELIVERY_WEBHOOK, EVENTS_SUBTITLE, eventsProperty, setupNotice, subscriptionLifecycle, triggerOptions, triggerParameters } from '../shared/trigger';
import type { RxScaleEnvelope } from './envelope';
import { rxScaleEnvelope } from './envelope';
import { RXSCALE_EVENT_OPTIONS } from './events';
import { isTestDelivery, rxScaleDeliveryIdentity, SIGNATURE_HEADER, verifyRxScaleDelivery } from './signature';
import { requireHttpsWebhookUrl, rxScaleSubscriptions } from './subscriptions';

/**
 * RxScale signs the body, whose `timestamp` says when the event happened, and nothing else: the
 * maximum age is what stops a captured delivery from running again once the replay memory has
 * let it go. RxScale's retry schedule is not published; a day covers any plausible one.
 */
const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
/** How far ahead of this server's clock a body timestamp may be. */
const CLOCK_SKEW_SECONDS = 5 * 60;

export class RxScaleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RxScale Trigger',
		name: 'rxScaleTrigger',
		icon: { light: 'file:rxScale.svg', dark: 'file:rxScale.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing in the node; n8n skips its expression engine for a v2 start node's body read.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: EVENTS_SUBTITLE,
		description: 'Starts the workflow when a pharmacy order, SKU stock level or patient–doctor meeting changes in RxScale',
		defaults: { name: 'RxScale Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rxScaleApi', required: true }],
		webhooks: [DELIVERY_WEBHOOK],
		properties: [
			setupNotice(
				"Publishing subscribes this node at RxScale for each selected event; unpublishing removes the subscriptions. RxScale only delivers to https: n8n's public webhook URL (N8N_WEBHOOK_URL) must start with https://.",
				'rxscale',
			),
			eventsProperty('RxScale', RXSCALE_EVENT_OPTIONS),
			triggerOptions([
				{
					displayName: 'Maximum Age (Seconds)',
					name: 'maxAgeSeconds',
					type: 'number',
					default: DEFAULT_MAX_AGE_SECONDS,
					typeOptions: { minValue: 60 },
					description:
						"Refuse deliveries whose signed event timestamp is older than this (default: one day). RxScale signs no delivery time, so this is what stops a captured delivery from being replayed; RxScale retries keep the event's original timestamp, so a short limit can refuse late retries.",
				},
			]),
		],
	};

	webhookMethods = { default: subscriptionLifecycle(rxScaleSubscriptions, { beforePublish: requireHttpsWebhookUrl }) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { node, events, options } = triggerParameters<{ maxAgeSeconds?: number }>(this);
		const maxAgeSeconds = Math.max(60, Number(options.maxAgeSeconds) || DEFAULT_MAX_AGE_SECONDS);
		const clockSkewSeconds = Math.min(maxAgeSeconds, CLOCK_SKEW_SECONDS);

		const handler: DeliveryHandler<RxScaleEnvelope> = {
			vendorName: 'RxScale',
			node,
			signedHeaders: { signature: [SIGNATURE_HEADER] },
			secrets: await acceptedSecrets(this, 'storedOrCredential', 'rxScaleApi', node),
			missingSecretHint:
				'RxScale returned no signing secret for this node and the credential has none: add the Webhook Signing Secret to the credential, or unpublish and publish the workflow again.',
			verify: (request) => verifyRxScaleDelivery(request, { maxAgeSeconds, clockSkewSeconds }),
			envelope: rxScaleEnvelope,
			eventOf: (payload) => payload.event_type,
			selectedEvents: events,
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
