import type { IDataObject, INodeType, IWebhookResponseData } from 'n8n-workflow';

import type { Delivery } from '../../support/forgery';
import { healthieSubject, hearLinkSubject, heroHealthSubject, rxScaleSubject } from '../../support/forgeryTargets';
import type { Responder } from '../../support/fakeVendor';
import { FakeVendor } from '../../support/fakeVendor';
import { TriggerHarness } from '../../support/n8nCore';
import type { Secrets, VendorSetup } from './vendors';
import { healthie, hearLink, hero, PLAIN_SECRETS, plainValues, rxScale } from './vendors';

/**
 * The four triggers set up to receive signed deliveries through their real `webhook()` in
 * n8n-core's WebhookContext (fake request and response objects), each with a fresh node id, so
 * that the process-wide replay memory (keyed by workflow, node and mode) starts empty for every
 * property run. Any request a trigger makes (e.g. "Include Full Record") goes to a FakeVendor.
 */

export const N8N_BASE_URL = 'https://n8n.example.test';

export interface TriggerSubject {
	vendor: VendorSetup;
	trigger: INodeType;
	/** Request headers the vendor signs or the trigger verifies (lower case). */
	signedHeaders: readonly string[];
	/** Headers the vendor itself sends that nothing signs. */
	ownUnsignedHeaders: readonly string[];
	/** The trigger's parameters in the suites (the events the envelopes below name are selected). */
	parameters: IDataObject;
	/** Where the secret lives: the node's stored subscriptions, or the credential (`secrets.signingSecret`). */
	secretIn: 'staticData' | 'credential';
	/** A valid envelope, distinct per `i`, fresh at `nowSeconds`. */
	envelope(i: number, nowSeconds: number): IDataObject;
	/** The vendor's signing recipe for a delivery to `url`. */
	sign(url: string, body: Buffer, secret: string, timestampSeconds: number): Delivery;
	/** Deliveries the trigger must refuse, whatever else is added to them. */
	refusals: Array<{ kind: string; make(rig: TriggerRig, i: number): Delivery }>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const wrongSecret = { kind: 'wrong secret', make: (rig: TriggerRig, i: number) => rig.signed(rig.subject.envelope(i, nowSeconds()), { secret: `${rig.signingSecret}-not` }) };
const staleTimestamp = {
	kind: 'stale timestamp (an hour old, the window is 5 minutes)',
	make: (rig: TriggerRig, i: number) => rig.signed(rig.subject.envelope(i, nowSeconds()), { timestampSeconds: nowSeconds() - 3600 }),
};

export const heroTrigger: TriggerSubject = {
	vendor: hero,
	trigger: heroHealthSubject.trigger,
	signedHeaders: ['x-herohealth-signature', 'x-herohealth-timestamp'],
	ownUnsignedHeaders: ['content-type'],
	parameters: { events: ['appointment.confirmed'], options: {} },
	secretIn: 'staticData',
	envelope: (i) => ({ object: 'Appointment', id: String(i), practice_group_id: '1234', event: 'appointment.confirmed' }),
	sign: (_url, body, secret, timestampSeconds) => heroHealthSubject.target.sign(body, secret, timestampSeconds),
	refusals: [wrongSecret, staleTimestamp],
};

export const healthieTrigger: TriggerSubject = {
	vendor: healthie,
	trigger: healthieSubject.trigger,
	signedHeaders: ['signature', 'content-digest'],
	ownUnsignedHeaders: ['content-type'],
	parameters: { events: ['appointment.created'], options: {} },
	secretIn: 'staticData',
	envelope: (i) => ({ resource_id: String(i), resource_id_type: 'Appointment', event_type: 'appointment.created', changed_fields: [] }),
	sign: (url, body, secret, timestampSeconds) => healthieSubject.target.atUrl!(url).sign(body, secret, timestampSeconds),
	// Healthie signs no time: a wrong secret is its only refusal here.
	refusals: [wrongSecret],
};

export const hearLinkTrigger: TriggerSubject = {
	vendor: hearLink,
	trigger: hearLinkSubject.trigger,
	signedHeaders: ['x-hearlink-signature'],
	ownUnsignedHeaders: ['content-type', 'x-hearlink-delivery'],
	parameters: { events: ['patient.created'], options: {} },
	secretIn: 'credential',
	envelope: (i) => ({ id: `evt_${i}`, type: 'patient.created', createdAt: '2026-11-24T10:00:00Z', data: { uid: `p-${i}` } }),
	sign: (_url, body, secret, timestampSeconds) => hearLinkSubject.target.sign(body, secret, timestampSeconds),
	refusals: [wrongSecret, staleTimestamp],
};

export const rxScaleTrigger: TriggerSubject = {
	vendor: rxScale,
	trigger: rxScaleSubject.trigger,
	signedHeaders: ['x-webhook-signature'],
	ownUnsignedHeaders: ['content-type', 'x-webhook-event', 'x-webhook-test'],
	parameters: { events: ['pharmacy_order_created'], options: {} },
	secretIn: 'staticData',
	envelope: (i, now) => ({ event_type: 'pharmacy_order_created', timestamp: now, payload_version: '1', data: { uid: `po-${i}`, status: 'created' } }),
	sign: (_url, body, secret, timestampSeconds) => rxScaleSubject.target.sign(body, secret, timestampSeconds),
	refusals: [
		wrongSecret,
		{
			// RxScale signs the body's timestamp; one older than a day outlives the trigger's replay memory.
			kind: 'signed body timestamp 25 hours old',
			make: (rig, i) => {
				const stale = nowSeconds() - 25 * 3600 - 60;
				// The corpus recipe writes the signing time into the body's timestamp.
				return rig.signed({ ...rig.subject.envelope(i, stale), timestamp: stale }, { timestampSeconds: stale });
			},
		},
	],
};

export const TRIGGER_SUBJECTS: TriggerSubject[] = [heroTrigger, healthieTrigger, hearLinkTrigger, rxScaleTrigger];

export interface WrittenResponse {
	status?: number;
	body?: unknown;
	ended: boolean;
}

export interface Outcome {
	result: IWebhookResponseData;
	response: WrittenResponse;
}

let rigCounter = 0;

export interface RigOptions {
	parameters?: IDataObject;
	secrets?: Secrets;
	/** How the fake vendor answers the trigger's own requests; plain plausible answers by default. */
	responder?: Responder;
}

/** One trigger node with a fresh node id, its signing secret, and the fake vendor it calls. */
export class TriggerRig {
	readonly harness: TriggerHarness;
	readonly vendor: FakeVendor;
	readonly signingSecret: string;

	constructor(
		readonly subject: TriggerSubject,
		options: RigOptions = {},
	) {
		rigCounter++;
		const secrets = options.secrets ?? PLAIN_SECRETS;
		const webhookId = `11111111-2222-4333-8444-${String(rigCounter).padStart(12, '0')}`;
		this.harness = new TriggerHarness({
			trigger: subject.trigger,
			credentialTypes: [subject.vendor.credentialType],
			credentials: { [subject.vendor.credentialType.name]: subject.vendor.credentials(secrets) },
			parameters: options.parameters ?? subject.parameters,
			n8nBaseUrl: N8N_BASE_URL,
			webhookId,
			workflowId: 'wf-invariants',
		});
		this.signingSecret = subject.secretIn === 'credential' ? secrets.signingSecret : `whsec_stored_${rigCounter}_${secrets.apiKey.slice(-6)}`;
		if (subject.secretIn === 'staticData') {
			const events = (this.harness.node.parameters.events as string[] | undefined) ?? [];
			this.harness.staticData.production[`node:${this.harness.node.name}`] = {
				subscriptions: [{ id: 'sub-1', events, secret: this.signingSecret }],
			};
		}
		const value = plainValues();
		this.vendor = new FakeVendor(options.responder ?? ((request) => ({ status: 200, body: subject.vendor.answer(request, value) })));
	}

	/** `envelope` as the vendor would send it, signed with the node's secret (or `secret`) now (or at `timestampSeconds`). */
	signed(envelope: IDataObject | Buffer, options: { secret?: string; timestampSeconds?: number } = {}): Delivery {
		const body = Buffer.isBuffer(envelope) ? envelope : Buffer.from(JSON.stringify(envelope));
		return this.subject.sign(
			this.harness.productionUrl(),
			body,
			options.secret ?? this.signingSecret,
			options.timestampSeconds ?? nowSeconds(),
		);
	}

	/** Runs the trigger's `webhook()` for `delivery` in a real WebhookContext, as n8n's webhook server would. */
	async deliver(delivery: Delivery): Promise<Outcome> {
		const response: WrittenResponse = { ended: false };
		const express = {
			status(code: number) {
				response.status = code;
				return express;
			},
			json(body: unknown) {
				response.body = body;
				response.ended = true;
				return express;
			},
			send(body?: unknown) {
				response.body = body;
				response.ended = true;
				return express;
			},
			end() {
				response.ended = true;
				return express;
			},
			setHeader() {
				return express;
			},
		};
		let parsed: unknown = {};
		try {
			parsed = JSON.parse(delivery.rawBody.toString('utf8'));
		} catch {
			// n8n leaves an unreadable body as {}
		}
		const request = {
			method: 'POST',
			headers: { ...delivery.headers },
			rawBody: delivery.rawBody,
			body: parsed,
			params: {},
			query: {},
			readRawBody: async () => {},
		};
		const context = this.harness.webhookContext('production', request, express);
		context.helpers.httpRequestWithAuthentication = this.vendor.helper;
		const result = await this.subject.trigger.webhook!.call(context);
		return { result, response };
	}
}

/** An execution, a written 200/400/401 with `noWebhookResponse`, or a 200 acknowledgement: what n8n can answer. */
export function answerProblem(outcome: Outcome): string | undefined {
	const { result, response } = outcome;
	if (result.workflowData) return undefined;
	if (result.noWebhookResponse) {
		if (!response.ended) return 'noWebhookResponse without a written response (the sender would hang)';
		if (![200, 400, 401].includes(response.status ?? 200)) return `answered ${response.status}`;
		return undefined;
	}
	if (result.webhookResponse !== undefined) return undefined;
	return `unexpected webhook() result ${JSON.stringify(result).slice(0, 200)}`;
}
