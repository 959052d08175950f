import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { acceptedSecrets, DELIVERY_WEBHOOK, EVENTS_SUBTITLE, eventsProperty, setupNotice, signatureWindowOf, signatureWindowOption, subscriptionLifecycle, triggerOptions, triggerParameters } from '../shared/trigger';
import type { HeroHealthEnvelope } from './envelope';
import { heroHealthEnvelope } from './envelope';
import { HERO_HEALTH_EVENT_OBJECTS, HERO_HEALTH_EVENT_OPTIONS } from './events';
import { fetchFullRecord } from './records';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyHeroHealthDelivery } from './signature';
import { heroHealthSubscriptions } from './subscriptions';

interface TriggerOptions {
	includeFullRecord?: boolean;
	timestampToleranceSeconds?: number;
}

export class HeroHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health Trigger',
		name: 'heroHealthTrigger',
		icon: { light: 'file:heroHealth.svg', dark: 'file:heroHealth.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing in the node; n8n skips its expression engine for a v2 start node's body read.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: EVENTS_SUBTITLE,
		description: 'Starts the workflow when an appointment, prescription, patient or write-to-record event happens in Hero Health',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		webhooks: [DELIVERY_WEBHOOK],
		properties: [
			setupNotice(
				'Publishing subscribes this node at Hero Health with a signing key n8n generates; unpublishing removes the subscriptions. Unsigned, stale or repeated deliveries never start the workflow.',
				'hero-health',
			),
			eventsProperty('Hero Health', HERO_HEALTH_EVENT_OPTIONS),
			triggerOptions([
				{
					displayName: 'Include Full Record',
					name: 'includeFullRecord',
					type: 'boolean',
					default: false,
					description:
						'Whether to fetch the appointment or patient the event is about and add it under "record". Hero Health has no endpoint to read prescriptions or write-to-record entries, so those events arrive as sent. If the fetch fails, the event still arrives, with the reason under "recordError".',
				},
				signatureWindowOption(),
			]),
		],
	};

	webhookMethods = { default: subscriptionLifecycle(heroHealthSubscriptions) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { node, events, options } = triggerParameters<TriggerOptions>(this);
		const windowSeconds = signatureWindowOf(options);
		const handler: DeliveryHandler<HeroHealthEnvelope> = {
			vendorName: 'Hero Health',
			node,
			signedHeaders: { signature: [SIGNATURE_HEADER], timestamp: [TIMESTAMP_HEADER] },
			secrets: await acceptedSecrets(this, 'stored', undefined, node),
			missingSecretHint: 'This node holds no signing key for its subscriptions: unpublish and publish the workflow again.',
			verify: (request) => verifyHeroHealthDelivery(request, windowSeconds),
			envelope: heroHealthEnvelope,
			eventOf: (payload) => payload.event,
			selectedEvents: events,
			// The MAC covers the timestamp and the body: a replay is the same MAC.
			identityOf: ({ proof }) => proof,
			replayTtlMs: 2 * windowSeconds * 1000,
			toItem: async (payload, request) => {
				const id = String(payload.id);
				const item: IDataObject = {
					event: payload.event,
					object: payload.object,
					id,
					practice_group_id: String(payload.practice_group_id),
					deliveryTimestamp: String(request.headers[TIMESTAMP_HEADER]),
					receivedAt: new Date(request.nowMs).toISOString(),
				};
				if (!options.includeFullRecord) return item;
				const object = HERO_HEALTH_EVENT_OBJECTS.get(payload.event) ?? '';
				return { ...item, ...(await fetchFullRecord.call(this, object, id)) };
			},
		};
		return await receiveDelivery.call(this, handler);
	}
}
