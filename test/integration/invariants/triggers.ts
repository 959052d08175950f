import type { IDataObject, INodeType, IWebhookResponseData } from 'n8n-workflow';

import type { Delivery } from '../../support/forgery';
import type { Responder } from '../../support/fakeVendor';
import { FakeVendor } from '../../support/fakeVendor';
import { TriggerHarness } from '../../support/n8nCore';
import { KITS } from '../../vendors';
import type { VendorKit, VendorSlug } from '../../vendors';
import type { Secrets, VendorSetup } from './vendors';
import { PLAIN_SECRETS, plainValues, vendorSetup } from './vendors';

/**
 * The triggers set up to receive signed deliveries through their real `webhook()` in n8n-core's
 * WebhookContext (fake request and response objects), one per vendor kit, each with a fresh node
 * id, so that the process-wide replay memory (keyed by workflow, node and mode) starts empty for
 * every property run. Any request a trigger makes (e.g. "Include Full Record") goes to a FakeVendor.
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
	/** Whether a delivery can make the trigger call the vendor ("Include Full Record"). */
	fetchesRecords: boolean;
	/** Events the lifecycle suites select (two where the vendor registers them one by one). */
	lifecycleEvents: string[];
	/** A valid envelope, distinct per `i`, fresh at `nowSeconds`. */
	envelope(i: number, nowSeconds: number): IDataObject;
	/** The vendor's signing recipe for a delivery to `url`. */
	sign(url: string, body: Buffer, secret: string, timestampSeconds: number): Delivery;
	/** Deliveries the trigger must refuse, whatever else is added to them. */
	refusals: Array<{ kind: string; make(rig: TriggerRig, i: number): Delivery }>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const wrongSecret = { kind: 'wrong secret', make: (rig: TriggerRig, i: number) => rig.signed(rig.subject.envelope(i, nowSeconds()), { secret: `${rig.signingSecret}-not` }) };

/** Signed an hour past the vendor's window (for RxScale, whose signed time is the body's, the body says so). */
function staleTimestamp(windowSeconds: number) {
	return {
		kind: `stale timestamp (an hour past the ${windowSeconds} s window)`,
		make: (rig: TriggerRig, i: number) => {
			const stale = nowSeconds() - windowSeconds - 3660;
			return rig.signed(rig.subject.envelope(i, stale), { timestampSeconds: stale });
		},
	};
}

export function triggerSubject(kit: VendorKit): TriggerSubject {
	const event = kit.corpus.event;
	const window = kit.signing.windowSeconds;
	return {
		vendor: vendorSetup(kit),
		trigger: kit.trigger,
		signedHeaders: kit.signing.headers,
		ownUnsignedHeaders: kit.invariants.ownUnsignedHeaders,
		parameters: { events: [event], options: {} },
		secretIn: kit.secretIn,
		fetchesRecords: kit.fetchesRecords,
		lifecycleEvents: kit.lifecycle?.events.slice(0, 2) ?? [event],
		envelope: (i, now) => kit.envelope(event, i, now),
		sign: (url, body, secret, timestampSeconds) => kit.signing.sign(body, secret, timestampSeconds, url),
		// A vendor that signs no time (Healthie) has a wrong secret as its only refusal here.
		refusals: window === undefined ? [wrongSecret] : [wrongSecret, staleTimestamp(window)],
	};
}

/** Every trigger, by slug. */
export const TRIGGERS = Object.fromEntries(KITS.map((kit) => [kit.slug, triggerSubject(kit)])) as Record<VendorSlug, TriggerSubject>;

export const TRIGGER_SUBJECTS: TriggerSubject[] = Object.values(TRIGGERS);

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
