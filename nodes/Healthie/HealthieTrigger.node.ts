import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { acceptedSecrets, DELIVERY_WEBHOOK, EVENTS_SUBTITLE, eventsProperty, setupNotice, subscriptionLifecycle, triggerOptions, triggerParameters } from '../shared/trigger';
import type { HealthieEnvelope } from './envelope';
import { healthieEnvelope } from './envelope';
import { HEALTHIE_EVENT_OPTIONS } from './events';
import { fetchFullRecord } from './records';
import { CONTENT_DIGEST_HEADER, SIGNATURE_HEADER, signedUrlPath, verifyHealthieDelivery } from './signature';
import { healthieSubscriptions } from './subscriptions';

/**
 * Healthie signs no time, nonce or delivery id: a captured delivery stays valid for ever, and only
 * this memory of the bytes already received stops it from running the workflow again. Healthie
 * retries a failed delivery for up to three days, so three days is the default.
 */
const DEFAULT_REPLAY_MEMORY_HOURS = 72;

interface TriggerOptions {
	includeFullRecord?: boolean;
	replayMemoryHours?: number;
}

export class HealthieTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Healthie Trigger',
		name: 'healthieTrigger',
		icon: { light: 'file:healthie.svg', dark: 'file:healthie.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing in the node; n8n skips its expression engine for a v2 start node's body read.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Starts the workflow when a patient, appointment, form, message, task, document, payment or any other Healthie event happens',
		defaults: { name: 'Healthie Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'healthieApi', required: true }],
		webhooks: [DELIVERY_WEBHOOK],
		properties: [
			setupNotice(
				'Publishing creates one Healthie webhook per selected event at this node; unpublishing deletes them. Deliveries not signed with the secret Healthie gives each webhook never start the workflow.',
				'healthie',
			),
			eventsProperty('Healthie', HEALTHIE_EVENT_OPTIONS, 'Type to search.'),
			triggerOptions([
				{
					displayName: 'Replay Memory (Hours)',
					name: 'replayMemoryHours',
					type: 'number',
					default: DEFAULT_REPLAY_MEMORY_HOURS,
					typeOptions: { minValue: 1 },
					description:
						'Healthie deliveries carry no timestamp or ID, so a delivery whose exact bytes were already received within this time is treated as a replay and does not start the workflow again. Two real events can have the same bytes (the same field of the same record changed twice): the second is dropped if it comes within this time.',
				},
				{
					displayName: 'Include Full Record',
					name: 'includeFullRecord',
					type: 'boolean',
					default: true,
					description:
						'Whether to fetch the patient, appointment, form, message, task, document or other record the event is about and add it under "record". If the fetch fails, the event still arrives, with the reason under "recordError". Events about records Healthie has no query for arrive as sent.',
				},
			]),
		],
	};

	webhookMethods = { default: subscriptionLifecycle(healthieSubscriptions) };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { node, events, options } = triggerParameters<TriggerOptions>(this);
		const includeFullRecord = options.includeFullRecord !== false;
		const replayMemoryHours = Math.max(1, Number(options.replayMemoryHours) || DEFAULT_REPLAY_MEMORY_HOURS);
		const signedPath = signedUrlPath(this);

		const handler: DeliveryHandler<HealthieEnvelope> = {
			vendorName: 'Healthie',
			node,
			signedHeaders: { signature: [SIGNATURE_HEADER, CONTENT_DIGEST_HEADER] },
			secrets: await acceptedSecrets(this, 'stored', undefined, node),
			missingSecretHint: 'This node holds no signing secret for its Healthie webhooks: unpublish and publish the workflow again.',
			verify: (request) =>
				signedPath === undefined
					? { ok: false, reason: "n8n did not provide this node's webhook URL" }
					: verifyHealthieDelivery(request, signedPath),
			envelope: healthieEnvelope,
			eventOf: (payload) => payload.event_type,
			selectedEvents: events,
			// The SHA-256 of the exact bytes, checked against Content-Digest: the only identity there is.
			identityOf: ({ proof }) => proof,
			replayTtlMs: replayMemoryHours * 60 * 60 * 1000,
			// Identical bodies are one event within the replay memory, and may be a new one after it.
			dedupePeriodMs: replayMemoryHours * 60 * 60 * 1000,
			toItem: async (payload, request) => {
				const resourceId = String(payload.resource_id);
				const item: IDataObject = {
					...payload,
					resource_id: resourceId,
					changed_fields: payload.changed_fields ?? [],
					receivedAt: new Date(request.nowMs).toISOString(),
				};
				if (!includeFullRecord || payload.event_type === 'test.created') return item;
				return { ...item, ...(await fetchFullRecord.call(this, payload.resource_id_type, resourceId)) };
			},
		};
		return await receiveDelivery.call(this, handler);
	}
}
