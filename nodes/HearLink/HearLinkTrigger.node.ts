import type { IDataObject, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { singleHeader } from '../shared/signature';
import { acceptedSecrets, DELIVERY_WEBHOOK, EVENTS_SUBTITLE, eventsProperty, setupNotice, signatureWindowOf, signatureWindowOption, triggerOptions, triggerParameters } from '../shared/trigger';
import type { HearLinkEnvelope } from './envelope';
import { hearLinkEnvelope } from './envelope';
import { HEARLINK_EVENT_OPTIONS } from './events';
import { hearLinkPortalLifecycle, SECRET_HINT } from './portal';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyHearLinkDelivery } from './signature';

/**
 * How long an event id is remembered. HearLink retries a failed delivery up to 5 times "with
 * exponential back-off" and does not publish the intervals; every retry carries a fresh `t`, so the
 * signature window does not stop it and only the id can. Three days covers any plausible schedule.
 */
const DUPLICATE_MEMORY_MS = 72 * 60 * 60 * 1000;

interface TriggerOptions {
	outputDataOnly?: boolean;
	timestampToleranceSeconds?: number;
}

export class HearLinkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HearLink Trigger',
		name: 'hearLinkTrigger',
		icon: { light: 'file:hearLink.svg', dark: 'file:hearLink.dark.svg' },
		group: ['trigger'],
		// Version 2 changes nothing in the node; n8n skips its expression engine for a v2 start node's body read.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: EVENTS_SUBTITLE,
		description:
			'Starts the workflow when a patient, appointment, invoice, transaction, credit note or hearing test changes in HearLink',
		defaults: { name: 'HearLink Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hearLinkApi', required: true }],
		webhooks: [DELIVERY_WEBHOOK],
		properties: [
			setupNotice(
				"HearLink has no webhook API: create a webhook for this node's Production URL in HearLink's portal (Organisation Settings → Webhooks), tick the same events, and paste the secret it shows into a HearLink credential used by this trigger only. Then publish.",
				'hearlink',
			),
			eventsProperty('HearLink', HEARLINK_EVENT_OPTIONS, 'Tick the same events on the webhook in HearLink; others are acknowledged and ignored.'),
			triggerOptions([
				{
					displayName: 'Output Data Only',
					name: 'outputDataOnly',
					type: 'boolean',
					default: false,
					description:
						'Whether to output only the record the event is about ("data"), instead of the whole event with its ID, type, creation time and delivery ID',
				},
				signatureWindowOption(),
			]),
		],
	};

	webhookMethods = { default: hearLinkPortalLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { node, events, options } = triggerParameters<TriggerOptions>(this);
		const windowSeconds = signatureWindowOf(options);

		const handler: DeliveryHandler<HearLinkEnvelope> = {
			vendorName: 'HearLink',
			node,
			signedHeaders: { signature: [SIGNATURE_HEADER] },
			secrets: await acceptedSecrets(this, 'credential', 'hearLinkApi', node),
			missingSecretHint: SECRET_HINT,
			verify: (request) => verifyHearLinkDelivery(request, windowSeconds),
			envelope: hearLinkEnvelope,
			eventOf: (envelope) => envelope.type,
			selectedEvents: events,
			// Retries repeat the envelope id with a new X-HearLink-Delivery and a new `t`.
			identityOf: ({ payload }) => payload.id,
			// HearLink's own event id, the same on every retry: the key an admin can also look up at HearLink.
			dedupeKeyOf: ({ payload }) => payload.id,
			replayTtlMs: Math.max(DUPLICATE_MEMORY_MS, 2 * windowSeconds * 1000),
			toItem: (envelope, request) => {
				if (options.outputDataOnly) return isRecord(envelope.data) ? envelope.data : { data: (envelope.data ?? null) as IDataObject };
				return { ...envelope, deliveryId: singleHeader(request.headers[DELIVERY_HEADER]) ?? null } as IDataObject;
			},
		};
		return await receiveDelivery.call(this, handler);
	}
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
