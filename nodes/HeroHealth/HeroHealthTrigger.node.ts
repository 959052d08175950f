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
} from '../shared/subscriptions';
import { HERO_HEALTH_EVENT_OBJECTS, HERO_HEALTH_EVENT_OPTIONS } from './events';
import { fetchFullRecord } from './records';
import { TIMESTAMP_HEADER, verifyHeroHealthDelivery } from './signature';
import { heroHealthSubscriptions } from './subscriptions';

const DEFAULT_WINDOW_SECONDS = 300;

/**
 * Hero's delivery is a thin pointer: which object changed and how. Every event names one fixed
 * object (`appointment.*` → `Appointment`); a delivery of a catalogue event that names another
 * object is refused, so the object is always one of the catalogue's.
 */
const heroHealthEnvelope = z
	.object({
		object: z.string(),
		id: stringOrNumberId(),
		practice_group_id: stringOrNumberId(),
		event: z.string(),
	})
	.refine(({ event, object }) => !HERO_HEALTH_EVENT_OBJECTS.has(event) || HERO_HEALTH_EVENT_OBJECTS.get(event) === object, {
		message: 'the object does not match the event',
		path: ['object'],
	});

type HeroHealthEnvelope = z.output<typeof heroHealthEnvelope>;

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
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when an appointment, prescription, patient or write-to-record event happens in Hero Health',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
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
					'Publishing the workflow subscribes this node\'s Production URL to the selected events at Hero Health, with a signing key n8n generates; unpublishing removes the subscriptions. "Listen for test event" subscribes the Test URL for up to two minutes. Deliveries that are not signed with the key, or are more than the signature window old, never start the workflow.',
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
				options: HERO_HEALTH_EVENT_OPTIONS,
				description: 'The Hero Health events that start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Full Record',
						name: 'includeFullRecord',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the appointment or patient the event is about and add it under "record". Hero Health has no endpoint to read prescriptions or write-to-record entries, so those events arrive as sent. If the fetch fails, the event still arrives, with the reason under "recordError".',
					},
					{
						displayName: 'Signature Window (Seconds)',
						name: 'timestampToleranceSeconds',
						type: 'number',
						default: DEFAULT_WINDOW_SECONDS,
						typeOptions: { minValue: 30 },
						description:
							"How far a delivery's timestamp may be from this server's clock, either way. Older deliveries are refused, which stops replays.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsMatch.call(this, heroHealthSubscriptions(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerSubscriptions.call(this, heroHealthSubscriptions(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeSubscriptions.call(this, heroHealthSubscriptions(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const windowSeconds = options.timestampToleranceSeconds || DEFAULT_WINDOW_SECONDS;

		const handler: DeliveryHandler<HeroHealthEnvelope> = {
			vendorName: 'Hero Health',
			secrets: storedSecrets(this.getWorkflowStaticData('node')),
			missingSecretHint:
				'This node holds no signing key for its subscriptions: unpublish and publish the workflow again.',
			verify: (request) => verifyHeroHealthDelivery(request, windowSeconds),
			schema: heroHealthEnvelope,
			eventOf: (payload) => payload.event,
			selectedEvents: this.getNodeParameter('events', []) as string[],
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
