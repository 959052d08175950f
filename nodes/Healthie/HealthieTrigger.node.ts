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
import { stringOrNumberId } from '../shared/validation';
import {
	registerSubscriptions,
	removeSubscriptions,
	storedSecrets,
	subscriptionsMatch,
	testUrlFor,
} from '../shared/subscriptions';
import { HEALTHIE_EVENT_OPTIONS } from './events';
import { fetchFullRecord } from './records';
import { verifyHealthieDelivery } from './signature';
import { healthieSubscriptions } from './subscriptions';

/**
 * Healthie signs no time, nonce or delivery id: a captured delivery stays valid for ever, and only
 * this memory of the bytes already received stops it from running the workflow again. Healthie
 * retries a failed delivery for up to three days, so three days is the default.
 */
const DEFAULT_REPLAY_MEMORY_HOURS = 72;

/**
 * Healthie's delivery is thin (healthie.md §3.2): which record, of which type, what happened, and
 * for updates which fields changed; some events add keys (kept as sent). `resource_id` arrives as a
 * string or a number and is always emitted as a string.
 */
const healthieEnvelope = z
	.object({
		resource_id: stringOrNumberId(),
		resource_id_type: z.string(),
		event_type: z.string(),
		changed_fields: z.array(z.string()).nullish(),
	})
	.passthrough();

type HealthieEnvelope = z.output<typeof healthieEnvelope>;

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
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when a patient, appointment, form, message, task, document, payment or any other Healthie event happens',
		defaults: { name: 'Healthie Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'healthieApi', required: true }],
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
					'Publishing the workflow creates one Healthie webhook per selected event at this node\'s Production URL; unpublishing deletes them. "Listen for test event" does the same for the Test URL for up to two minutes. Healthie signs every delivery with a secret it gives each webhook; deliveries that are not signed with it, or whose body does not match its digest, never start the workflow.',
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
				options: HEALTHIE_EVENT_OPTIONS,
				description: 'The Healthie events that start the workflow. Type to search.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
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
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsMatch.call(this, healthieSubscriptions(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerSubscriptions.call(this, healthieSubscriptions(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscriptions.call(this, healthieSubscriptions(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const includeFullRecord = options.includeFullRecord !== false;
		const replayMemoryHours = Math.max(1, Number(options.replayMemoryHours) || DEFAULT_REPLAY_MEMORY_HOURS);
		const registeredPath = registeredUrlPath(this);

		const handler: DeliveryHandler<HealthieEnvelope> = {
			vendorName: 'Healthie',
			secrets: storedSecrets(this.getWorkflowStaticData('node')),
			missingSecretHint:
				'This node holds no signing secret for its Healthie webhooks: unpublish and publish the workflow again.',
			verify: (request) =>
				registeredPath === undefined
					? { ok: false, reason: 'n8n did not provide this node\'s webhook URL' }
					: verifyHealthieDelivery(request, registeredPath),
			schema: healthieEnvelope,
			eventOf: (payload) => payload.event_type,
			selectedEvents: this.getNodeParameter('events', []) as string[],
			// The SHA-256 of the exact bytes, checked against Content-Digest: the only identity there is.
			identityOf: ({ proof }) => proof,
			replayTtlMs: replayMemoryHours * 60 * 60 * 1000,
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

/**
 * The path Healthie signed: that of the URL it was given (behind a proxy this differs from the path
 * n8n sees). A test listen registers the Test URL, which `getWebhookResourceUrl` gives (n8n ≥ 2.41);
 * older n8n has only the production URL, from which the test one is derived.
 */
function registeredUrlPath(context: IWebhookFunctions): string | undefined {
	const resourceUrl = typeof context.getWebhookResourceUrl === 'function' ? context.getWebhookResourceUrl('default') : undefined;
	const productionUrl = context.getNodeWebhookUrl('default');
	const url =
		resourceUrl ?? (context.getMode() === 'manual' && productionUrl ? testUrlFor(productionUrl) : productionUrl);
	if (!url) return undefined;
	try {
		return new URL(url).pathname;
	} catch {
		return undefined;
	}
}
