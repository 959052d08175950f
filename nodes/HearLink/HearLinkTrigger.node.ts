import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { DeliveryHandler } from '../shared/delivery';
import { receiveDelivery } from '../shared/delivery';
import { credentialSigningSecrets, SHORTEST_SIGNING_SECRET, singleHeader } from '../shared/signature';
import { HEARLINK_EVENT_OPTIONS } from './events';
import { DELIVERY_HEADER, verifyHearLinkDelivery } from './signature';

const DEFAULT_WINDOW_SECONDS = 300;
/**
 * How long an event id is remembered. HearLink retries a failed delivery up to 5 times "with
 * exponential back-off" and does not publish the intervals; every retry carries a fresh `t`, so the
 * signature window does not stop it and only the id can. Three days covers any plausible schedule.
 */
const DUPLICATE_MEMORY_MS = 72 * 60 * 60 * 1000;

const SECRET_HINT =
	'Paste the signing secret HearLink showed when the webhook was created into the "Webhook Signing Secret" field of the HearLink credential this trigger uses (one credential per HearLink webhook, so that each trigger accepts only its own webhook\'s deliveries).';

/** Every delivery wraps its data in this envelope (hearlink.md §5.4); `data` is passed on as sent. */
const hearLinkEnvelope = z
	.object({
		id: z.string().trim().min(1),
		type: z.string().trim().min(1),
		createdAt: z.string().optional(),
		data: z.unknown(),
	})
	.passthrough();

type HearLinkEnvelope = z.output<typeof hearLinkEnvelope>;

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
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when a patient, appointment, invoice, transaction, credit note or hearing test changes in HearLink',
		defaults: { name: 'HearLink Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hearLinkApi', required: true }],
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
					'HearLink has no API for webhooks, so this node cannot register itself: a HearLink user with the Webhooks permission sets it up once in HearLink\'s portal. 1) Open this node\'s "Webhook URLs" above and copy the Production URL (it receives events while the workflow is published; the Test URL only listens while the editor waits for a test event, for about two minutes, so HearLink would fail against it the rest of the time). HearLink only accepts https addresses. 2) In HearLink go to Organisation Settings → Webhooks → Create Webhook, give it a name, paste the URL, tick the same events as below, and save. 3) HearLink shows the signing secret once: paste it into "Webhook Signing Secret" in a HearLink credential used by this trigger only (HearLink\'s signature does not name the webhook, so a secret shared by two triggers would let either run on the other\'s deliveries). During a rotation, put the old secret in "Previous Webhook Signing Secret". 4) Publish this workflow. Deliveries without a valid signature, older than the signature window, or repeated, never start the workflow.',
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
				options: HEARLINK_EVENT_OPTIONS,
				description:
					'The HearLink events that start the workflow. Tick the same events on the webhook in HearLink; others are acknowledged and ignored.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Output Data Only',
						name: 'outputDataOnly',
						type: 'boolean',
						default: false,
						description:
							'Whether to output only the record the event is about ("data"), instead of the whole event with its ID, type, creation time and delivery ID',
					},
					{
						displayName: 'Signature Window (Seconds)',
						name: 'timestampToleranceSeconds',
						type: 'number',
						default: DEFAULT_WINDOW_SECONDS,
						typeOptions: { minValue: 30 },
						description:
							"How far a delivery's signed timestamp may be from this server's clock, either way. Older deliveries are refused, which stops replays.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Nothing at HearLink can be looked up, so "is it registered?" has no answer: say no, so
			 * that `create` runs on every publish and checks what this side can check.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/**
			 * Registers nothing (the admin does that in HearLink's portal) but refuses to publish a
			 * trigger that could never accept a delivery: one whose credential holds no signing secret.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') ?? '';
				const credentials = await this.getCredentials('hearLinkApi');
				const { secrets, tooShort } = credentialSigningSecrets(credentials);
				if (tooShort.length > 0) {
					throw new NodeOperationError(
						this.getNode(),
						`The webhook signing secret in the HearLink credential is too short (under ${SHORTEST_SIGNING_SECRET} characters): paste the whole secret HearLink showed when the webhook was created, then publish again`,
						{ description: SECRET_HINT },
					);
				}
				if (secrets.length === 0) {
					// n8n reports a failed publication with the message alone, so the message says what to do.
					throw new NodeOperationError(
						this.getNode(),
						`The HearLink credential has no webhook signing secret: create the webhook for this trigger's Production URL in HearLink (Organisation Settings → Webhooks) and paste the secret HearLink shows into the credential's "Webhook Signing Secret", then publish again`,
						{
							description: `Without it every delivery would be refused. Create the webhook in HearLink (Organisation Settings → Webhooks) for ${url}, then: ${SECRET_HINT} Publish again afterwards.`,
						},
					);
				}
				if (!/^https:\/\//i.test(url)) {
					this.logger.warn(
						`HearLink Trigger "${this.getNode().name}": HearLink only accepts https webhook URLs, and this one is ${url}. Set n8n's WEBHOOK_URL to its public https address.`,
					);
				}
				this.logger.info(
					`HearLink Trigger "${this.getNode().name}" is listening at ${url}. HearLink has no webhook API: the webhook for this URL is created in HearLink's portal (Organisation Settings → Webhooks).`,
				);
				return true;
			},
			/** Nothing to remove through an API; the log says what is left in HearLink's portal. */
			async delete(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`HearLink Trigger "${this.getNode().name}" stopped listening at ${this.getNodeWebhookUrl('default') ?? ''}. A HearLink webhook pointing there now fails; delete or repoint it in HearLink's portal (HearLink disables a webhook after 50 failed deliveries in a row).`,
				);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const windowSeconds = options.timestampToleranceSeconds || DEFAULT_WINDOW_SECONDS;

		const handler: DeliveryHandler<HearLinkEnvelope> = {
			vendorName: 'HearLink',
			secrets: await signingSecrets.call(this),
			missingSecretHint: SECRET_HINT,
			verify: (request) => verifyHearLinkDelivery(request, windowSeconds),
			schema: hearLinkEnvelope,
			eventOf: (envelope) => envelope.type,
			selectedEvents: this.getNodeParameter('events', []) as string[],
			// Retries repeat the envelope id with a new X-HearLink-Delivery and a new `t`.
			identityOf: ({ payload }) => payload.id,
			replayTtlMs: Math.max(DUPLICATE_MEMORY_MS, 2 * windowSeconds * 1000),
			toItem: (envelope, request) => {
				if (options.outputDataOnly) {
					const { data } = envelope;
					return isRecord(data) ? data : { data: (data ?? null) as IDataObject };
				}
				return {
					...envelope,
					deliveryId: singleHeader(request.headers[DELIVERY_HEADER]) ?? null,
				} as IDataObject;
			},
		};
		return await receiveDelivery.call(this, handler);
	}
}

/** The secrets in the credential; none when it cannot be read, which refuses the delivery (fail closed). */
async function signingSecrets(this: IWebhookFunctions): Promise<string[]> {
	try {
		return credentialSigningSecrets(await this.getCredentials('hearLinkApi')).secrets;
	} catch (error) {
		this.logger.error(
			`HearLink Trigger "${this.getNode().name}" could not read its credential: ${(error as Error).message}`,
		);
		return [];
	}
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
