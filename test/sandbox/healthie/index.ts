import { randomBytes } from 'node:crypto';

import { graphql } from 'graphql';

import type { DeliveryPolicy, DeliveryRecord } from '../deliveries';
import type { SandboxRequest, SandboxResponse } from '../http';
import { header, INVALID_JSON, json, Router } from '../http';
import type { SimulationContext, VendorSimulation } from '../server';
import type { CollectionForm } from './collections';
import { HealthieCollections } from './collections';
import type { HealthieRecord, RecordStore } from './practice';
import { healthieDate, populate, PROVIDER_ID, resourceTypeOf, seedRecords, wallClockIn } from './practice';
import type { SchemaForm } from './schema';
import { enumNameOf, healthieSchema, WEBHOOK_EVENT_TYPES } from './schema';
import { signHealthieDelivery } from './signing';

/**
 * Healthie as documented docs/vendors/healthie.md: one GraphQL endpoint (`POST /healthie/graphql`) answering
 * real GraphQL for the subset the nodes use, parsed and validated by the `graphql` package, in the
 * baseline form (no version header: dotted event types, `webhooks` as a list) and the newer ones
 * (enum event types from 2025-04-01, a `webhooks` connection from `webhooksConnectionFrom`).
 * `Authorization: Basic <raw key>` and `AuthorizationSource: API` are checked; an unknown version
 * gets `UNSUPPORTED_API_VERSION`; mutations report refused input in `messages`; a switch answers
 * `TOO_MANY_REQUESTS` as Healthie does (a GraphQL error). Webhooks carry `is_enabled`, are
 * retried when `should_retry`, and are disabled after repeated failed deliveries. Deliveries are
 * signed here, independently of node code, exactly as docs/vendors/healthie.md#signature describes.
 *
 * Patients, members, appointment types, appointments and filled-out forms are listed as
 * test/sandbox/healthie/collections.ts describes (connections from `collectionsConnectionFrom`,
 * 2026-01-01 by default, where the reference documents them; lists before). `updateAppointment`
 * checks `pm_status` against Healthie's documented values; `deleteAppointment` from a provider's
 * key soft-deletes; each emits its webhook unless `suppress_webhook_notifications`. Dates are
 * written as Healthie writes them, in the key user's zone (America/New_York).
 *
 * Where the docs are silent the choices are: a refused key is HTTP 401 with a GraphQL-shaped body;
 * deleting an unknown webhook answers `messages: [{ field: "id", message: "Webhook not found" }]`;
 * `webhooks(page_size:)` is honoured up to `listPageSizeCap`; a webhook's legacy `event_type` is
 * its first event; an unknown appointment in `updateAppointment`/`deleteAppointment` answers
 * `messages: [{ field: "id", message: "Appointment not found" }]`; a `pm_status` outside the list
 * answers `messages: [{ field: "pm_status", message: "Pm status is not included in the list" }]`;
 * "Late Cancellation" and "Checked-In" are accepted (as if the organisation enabled them).
 */

export const HEALTHIE_SANDBOX_API_KEY = 'healthie-sandbox-api-key';
export const HEALTHIE_PUBLISHED_VERSIONS = [
	'2024-07-01',
	'2024-10-01',
	'2024-10-20',
	'2024-11-01',
	'2025-01-01',
	'2025-04-01',
	'2025-05-15',
	'2025-07-31',
	'2025-10-15',
	'2025-11-30',
	'2026-01-01',
	'2026-07-01',
];

export interface HealthieSimulationOptions {
	apiKey?: string;
	/** When set, requests must carry `AuthorizationShard` with this value. */
	shardId?: string;
	deliveryPolicy?: DeliveryPolicy;
	/** Failed deliveries (each after all its retries) in a row before a webhook is disabled. */
	disableAfterFailedDeliveries?: number;
	/** First version whose `webhooks` query is a connection (not published: 2025-10-15 or 2025-11-30). */
	webhooksConnectionFrom?: string;
	/** The largest `page_size` the baseline `webhooks` list honours. */
	listPageSizeCap?: number;
	/** First version whose patient, member, appointment, type and form lists are connections (documented for 2026-01-01). */
	collectionsConnectionFrom?: string;
	/** The largest `page_size` those lists honour in their list form (not published). */
	collectionPageSizeCap?: number;
	/** `Content-Digest` label, e.g. `sha-256` or `SHA-256`. */
	digestLabel?: string;
	/** Wrap the digest in RFC 9530 colons (`sha-256=:…:`). */
	digestColons?: boolean;
	/** The digest in base64 (default) or hex (docs/vendors/healthie.md#content-digest-format). */
	digestEncoding?: 'base64' | 'hex';
	/** What the signed string holds: the digest as sent (default), or without its padding, as Healthie's sample code computes it. */
	signedDigest?: 'asSent' | 'withoutPadding';
}

/** The switches `PATCH /_sandbox/healthie/settings` changes (docs/VENDOR-CHECK.md#sandbox-switches). */
type SigningSettings = Pick<HealthieSimulationOptions, 'digestLabel' | 'digestColons' | 'digestEncoding' | 'signedDigest'>;

export interface SimulatedWebhook {
	id: string;
	url: string;
	is_enabled: boolean;
	should_retry: boolean;
	signature_secret: string;
	/** Dotted names. */
	events: string[];
	created_at: string;
	updated_at: string;
	warned_at: string | null;
	failedDeliveries: number;
}

export interface HealthieEvent {
	event_type: string;
	resource_id: string | number;
	resource_id_type?: string;
	changed_fields?: string[];
	/** Extra payload keys some events carry (docs/vendors/healthie.md#deliveries). */
	extra?: Record<string, unknown>;
}

interface GraphqlBody {
	query?: unknown;
	variables?: unknown;
	operationName?: unknown;
}

type Input = Record<string, unknown>;
type FieldError = { field: string | null; message: string };

/** `pm_status` values Healthie documents (the last two where an organisation enabled them; here they are). */
const APPOINTMENT_STATUSES = new Set(['Occurred', 'No-Show', 'Re-Scheduled', 'Cancelled', 'Late Cancellation', 'Checked-In']);

const RETRYING_POLICY: DeliveryPolicy = {
	attempts: 3,
	backoffMs: (attempt) => 200 * 2 ** (attempt - 2),
	timeoutMs: 10_000,
};

export class HealthieSimulation implements VendorSimulation {
	readonly name = 'healthie';
	readonly api = new Router();
	readonly control = new Router();
	readonly baseUrl: string;
	/** The account's API key (a test may swap it for one made for its run). */
	apiKey: string;
	shardId?: string;
	deliveryPolicy: DeliveryPolicy;
	disableAfterFailedDeliveries: number;
	webhooksConnectionFrom: string;
	listPageSizeCap: number;
	collectionsConnectionFrom: string;
	collectionPageSizeCap: number;
	/** The simulation's clock ("upcoming", "past"). */
	now: () => number = () => Date.now();
	digestLabel: string;
	digestColons: boolean;
	digestEncoding: 'base64' | 'hex';
	signedDigest: 'asSent' | 'withoutPadding';

	webhooks = new Map<string, SimulatedWebhook>();
	records: RecordStore = seedRecords();
	/** Patients whose notifications a read marked as seen (`user(clear_notifs: true)`). */
	clearedNotifications: string[] = [];
	/** Appointments created, updated or deleted with `suppress_webhook_notifications`. */
	suppressedAppointments: string[] = [];
	readonly collections = new HealthieCollections(
		() => this.records,
		() => this.now(),
		() => this.collectionPageSizeCap,
	);
	private readonly collectionDefaults: { connectionFrom: string; pageSizeCap: number };
	private rateLimitedRequests = 0;
	private rejectedCreates: { remaining: number; skip: number; error: FieldError } | undefined;
	private nextId = 1;

	constructor(
		private readonly context: SimulationContext,
		options: HealthieSimulationOptions = {},
	) {
		this.baseUrl = `${context.rootUrl}/${this.name}/graphql`;
		this.apiKey = options.apiKey ?? HEALTHIE_SANDBOX_API_KEY;
		this.shardId = options.shardId;
		this.deliveryPolicy = options.deliveryPolicy ?? RETRYING_POLICY;
		this.disableAfterFailedDeliveries = options.disableAfterFailedDeliveries ?? 3;
		this.webhooksConnectionFrom = options.webhooksConnectionFrom ?? '2025-10-15';
		this.listPageSizeCap = options.listPageSizeCap ?? 100;
		this.collectionsConnectionFrom = options.collectionsConnectionFrom ?? '2026-01-01';
		this.collectionPageSizeCap = options.collectionPageSizeCap ?? 1000;
		this.collectionDefaults = { connectionFrom: this.collectionsConnectionFrom, pageSizeCap: this.collectionPageSizeCap };
		this.digestLabel = options.digestLabel ?? 'sha-256';
		this.digestColons = options.digestColons ?? false;
		this.digestEncoding = options.digestEncoding ?? 'base64';
		this.signedDigest = options.signedDigest ?? 'asSent';

		this.api.add('POST', '/graphql', async (request) => await this.handleGraphql(request));

		this.control
			.add('GET', '/webhooks', () => json(200, [...this.webhooks.values()]))
			.add('DELETE', '/webhooks/:id', (request) => json(this.webhooks.delete(request.params.id) ? 204 : 404))
			.add('POST', '/webhooks/:id/disable', (request) => json(this.disable(request.params.id) ? 204 : 404))
			.add('PATCH', '/settings', (request) => {
				const changes = (request.body ?? {}) as SigningSettings;
				if (typeof changes.digestLabel === 'string') this.digestLabel = changes.digestLabel;
				if (typeof changes.digestColons === 'boolean') this.digestColons = changes.digestColons;
				if (changes.digestEncoding === 'base64' || changes.digestEncoding === 'hex') this.digestEncoding = changes.digestEncoding;
				if (changes.signedDigest === 'asSent' || changes.signedDigest === 'withoutPadding') this.signedDigest = changes.signedDigest;
				return json(200, { digestLabel: this.digestLabel, digestColons: this.digestColons, digestEncoding: this.digestEncoding, signedDigest: this.signedDigest });
			})
			.add('POST', '/populate', (request) => {
				this.populate(Math.min(200, Math.max(0, Number((request.body as { count?: number } | undefined)?.count ?? 30) || 0)));
				return json(204);
			})
			.add('POST', '/rate-limit', (request) => {
				this.rateLimit(Number((request.body as { times?: number } | undefined)?.times ?? 1));
				return json(204);
			})
			.add('POST', '/events', async (request) => {
				const event = (request.body ?? {}) as Partial<HealthieEvent>;
				if (!event.event_type || !WEBHOOK_EVENT_TYPES.includes(event.event_type)) {
					return json(400, { error: 'event_type must be one of Healthie\'s webhook event types (docs/vendors/healthie.md#event-catalogue (the 179 values of WebhookEventType, release 2026-01-01))' });
				}
				const deliveries = await this.emit({ ...event, event_type: event.event_type, resource_id: event.resource_id ?? '1001' });
				return json(200, deliveries.map(summarise));
			});
	}

	credentials(): Record<string, string> {
		return {
			apiKey: this.apiKey,
			environment: 'custom',
			baseUrl: this.baseUrl,
			apiVersion: '2026-01-01',
			...(this.shardId ? { authorizationShard: this.shardId } : {}),
		};
	}

	usage(): string {
		const control = `${this.context.rootUrl}/_sandbox/${this.name}`;
		return `Healthie (GraphQL at ${this.baseUrl}; the version header chooses the schema form):
  curl -X POST ${this.baseUrl} -H 'content-type: application/json' \\
       -H 'Authorization: Basic ${this.apiKey}' -H 'AuthorizationSource: API' \\
       -H 'Healthie-GraphQL-API-Version: 2026-01-01' -d '{"query":"{ currentUser { id email } }"}'
Send a Healthie event to every webhook subscribed to it (signed as Healthie documents):
  curl -X POST ${control}/events -H 'content-type: application/json' \\
       -d '{"event_type":"form_answer_group.created","resource_id":"4001"}'
See the Healthie webhooks n8n created:   curl ${control}/webhooks
Disable one as Healthie does after failed deliveries:  curl -X POST ${control}/webhooks/<id>/disable
Sign as Healthie might instead (Content-Digest label, RFC 9530 colons, hex, or the digest without
its padding in the signed string, as Healthie's sample code computes it):
  curl -X PATCH ${control}/settings -H 'content-type: application/json' \\
       -d '{"digestLabel":"SHA-256","digestColons":true,"digestEncoding":"hex","signedDigest":"withoutPadding"}'
Answer the next 3 requests with TOO_MANY_REQUESTS:
  curl -X POST ${control}/rate-limit -H 'content-type: application/json' -d '{"times":3}'
Add 30 patients, providers, appointment types, upcoming appointments and forms (to page through lists):
  curl -X POST ${control}/populate -H 'content-type: application/json' -d '{"count":30}'
Lists: users, organizationMembers, appointments, appointmentTypes and formAnswerGroups are
connections from ${this.collectionsConnectionFrom} (documented for 2026-01-01) and lists before. How
keywords match, what each appointment time filter selects, cursors and default orders are inferred
(see test/sandbox/healthie/collections.ts).`;
	}

	reset(): void {
		this.webhooks.clear();
		this.now = () => Date.now();
		this.records = seedRecords(this.now());
		this.collectionsConnectionFrom = this.collectionDefaults.connectionFrom;
		this.collectionPageSizeCap = this.collectionDefaults.pageSizeCap;
		this.clearedNotifications = [];
		this.suppressedAppointments = [];
		this.rateLimitedRequests = 0;
		this.rejectedCreates = undefined;
	}

	/** Adds `count` generated patients, providers, appointment types, upcoming appointments and forms. */
	populate(count = 30): void {
		populate(this.records, count, this.now());
	}

	/** The next `times` requests answer Healthie's rate-limit error (a GraphQL error, HTTP 200). */
	rateLimit(times: number): void {
		this.rateLimitedRequests = times;
	}

	/** The next `times` createWebhook calls (after `after` succeed) are refused in `messages`. */
	rejectWebhookCreates(times: number, after = 0, error: FieldError = { field: 'url', message: 'Url is invalid' }): void {
		this.rejectedCreates = { remaining: times, skip: after, error };
	}

	/** As Healthie does after about 3 days of failed deliveries. */
	disable(id: string): boolean {
		const webhook = this.webhooks.get(id);
		if (!webhook) return false;
		webhook.is_enabled = false;
		webhook.warned_at ??= new Date().toISOString();
		return true;
	}

	/** A webhook made in Healthie's UI or by another integration. */
	addWebhook(url: string, events: string[], secret = `whsec_${randomBytes(16).toString('hex')}`): SimulatedWebhook {
		const now = new Date().toISOString();
		const webhook: SimulatedWebhook = {
			id: String(this.nextId++),
			url,
			is_enabled: true,
			should_retry: true,
			signature_secret: secret,
			events,
			created_at: now,
			updated_at: now,
			warned_at: null,
			failedDeliveries: 0,
		};
		this.webhooks.set(webhook.id, webhook);
		return webhook;
	}

	/** Sends `event` to every enabled webhook subscribed to it; settles when all are done. */
	async emit(event: HealthieEvent): Promise<DeliveryRecord[]> {
		const targets = [...this.webhooks.values()].filter(
			(webhook) => webhook.is_enabled && webhook.events.includes(event.event_type),
		);
		const body = JSON.stringify({
			resource_id: event.resource_id,
			resource_id_type: event.resource_id_type ?? resourceTypeOf(event.event_type),
			event_type: event.event_type,
			changed_fields: event.changed_fields ?? [],
			...event.extra,
		});
		return await Promise.all(targets.map((webhook) => this.deliver(webhook, body)));
	}

	/** The signed request Healthie sends for `body` to `webhook` (docs/vendors/healthie.md#signature). */
	signedDelivery(webhook: Pick<SimulatedWebhook, 'url' | 'signature_secret'>, body: string) {
		const signed = signHealthieDelivery(body, webhook.signature_secret, webhook.url, {
			label: this.digestLabel,
			colons: this.digestColons,
			encoding: this.digestEncoding,
			signed: this.signedDigest,
		});
		return {
			headers: {
				...signed.headers,
				'signature-input': 'sig1=("@method" "@path" "@query" "content-digest" "content-type" "content-length")',
			},
			body,
		};
	}

	private async deliver(webhook: SimulatedWebhook, body: string): Promise<DeliveryRecord> {
		const policy = webhook.should_retry ? this.deliveryPolicy : { ...this.deliveryPolicy, attempts: 1 };
		const record = await this.context.deliveries.send(this.name, webhook.url, JSON.parse(body).event_type, policy, () =>
			this.signedDelivery(webhook, body),
		);
		if (record.delivered) {
			webhook.failedDeliveries = 0;
		} else if (++webhook.failedDeliveries >= this.disableAfterFailedDeliveries) {
			this.disable(webhook.id);
		}
		return record;
	}

	private async handleGraphql(request: SandboxRequest): Promise<SandboxResponse> {
		const refused = this.authenticate(request);
		if (refused) return refused;

		const version = header(request, 'healthie-graphql-api-version')?.trim();
		if (version !== undefined && !HEALTHIE_PUBLISHED_VERSIONS.includes(version)) {
			return graphqlError(
				`The Healthie-GraphQL-API-Version header value "${version}" does not match a published release.`,
				'UNSUPPORTED_API_VERSION',
			);
		}
		if (this.rateLimitedRequests > 0) {
			this.rateLimitedRequests--;
			return graphqlError('Too many requests. Please try again later.', 'TOO_MANY_REQUESTS');
		}
		const body = (request.body === INVALID_JSON ? undefined : request.body) as GraphqlBody | undefined;
		if (!body || typeof body.query !== 'string') {
			return json(400, { errors: [{ message: 'A JSON body with a "query" string is required' }] });
		}

		const form: SchemaForm = {
			eventTypes: version !== undefined && version >= '2025-04-01' ? 'enum' : 'dotted',
			webhooks: version !== undefined && version >= this.webhooksConnectionFrom ? 'connection' : 'list',
			collections: version !== undefined && version >= this.collectionsConnectionFrom ? 'connection' : 'list',
			baseline: version === undefined,
		};
		const result = await graphql({
			schema: healthieSchema(form),
			source: body.query,
			rootValue: this.resolvers(form, version),
			variableValues: (body.variables ?? {}) as Record<string, unknown>,
			operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
		});
		const answer: Record<string, unknown> = { ...result };
		if (version === undefined) {
			answer.extensions = {
				warnings: [
					{
						code: 'MISSING_API_VERSION_HEADER',
						message: 'Requests without Healthie-GraphQL-API-Version use the 2024-06-01 baseline until 2027-01-31.',
						requested_version: null,
						sunset_date: '2027-01-31',
						latest_version: '2026-01-01',
					},
				],
			};
		}
		return json(200, JSON.parse(JSON.stringify(answer)));
	}

	private authenticate(request: SandboxRequest): SandboxResponse | undefined {
		const ok =
			header(request, 'authorization') === `Basic ${this.apiKey}` &&
			header(request, 'authorizationsource') === 'API' &&
			(this.shardId === undefined || header(request, 'authorizationshard') === this.shardId);
		if (ok) return undefined;
		return json(401, { errors: [{ message: 'Unauthorized: the API key is not valid', extensions: { code: 'UNAUTHORIZED' } }] });
	}

	private resolvers(form: SchemaForm, version: string | undefined) {
		const record = (type: string) => (args: { id?: string }) => this.records[type]?.get(String(args.id)) ?? null;
		const webhookOut = (webhook: SimulatedWebhook) => this.webhookOut(webhook, form);
		const sorted = (orderBy: unknown) => {
			const all = [...this.webhooks.values()].sort((a, b) => Number(a.id) - Number(b.id));
			return orderBy === 'CREATED_AT_ASC' ? all : all.reverse();
		};

		return {
			currentUser: () => this.records.User.get(PROVIDER_ID),
			webhooks: (args: { first?: number; after?: string; offset?: number; page_size?: number; order_by?: string }) => {
				const all = sorted(args.order_by ?? 'CREATED_AT_DESC');
				if (form.webhooks === 'list') {
					const size = Math.min(args.page_size ?? 20, this.listPageSizeCap);
					return all.slice(args.offset ?? 0, (args.offset ?? 0) + size).map(webhookOut);
				}
				const start = args.after ? all.findIndex((webhook) => webhook.id === args.after) + 1 : 0;
				const page = all.slice(start, start + Math.min(args.first ?? 100, 100));
				const last = page[page.length - 1];
				return {
					edges: page.map((webhook) => ({ cursor: webhook.id, node: webhookOut(webhook) })),
					nodes: page.map(webhookOut),
					page_info: {
						has_next_page: start + page.length < all.length,
						has_previous_page: start > 0,
						start_cursor: page[0]?.id ?? null,
						end_cursor: last?.id ?? null,
					},
					total_count: all.length,
				};
			},
			webhooksCount: () => this.webhooks.size,
			users: (args: Input) => this.collections.users(args, form.collections as CollectionForm),
			organizationMembers: (args: Input) => this.collections.organizationMembers(args, form.collections as CollectionForm),
			appointmentTypes: (args: Input) => this.collections.appointmentTypes(args, form.collections as CollectionForm),
			appointments: (args: Input) => this.collections.appointments(args, form.collections as CollectionForm),
			formAnswerGroups: (args: Input) => this.collections.formAnswerGroups(args, form.collections as CollectionForm),
			contactTypes: () => ['Healthie Video Call', 'In Person', 'Phone Call'],
			user: (args: { id?: string; clear_notifs?: boolean }) => {
				const found = this.records.User.get(String(args.id)) ?? null;
				if (found && args.clear_notifs !== false) this.clearedNotifications.push(found.id);
				return found;
			},
			appointment: (args: { id?: string; include_deleted?: boolean }) => {
				const found = this.records.Appointment.get(String(args.id));
				return found && (!found.deleted_at || args.include_deleted) ? found : null;
			},
			formAnswerGroup: record('FormAnswerGroup'),
			note: record('Note'),
			task: record('Task'),
			entry: record('Entry'),
			appliedTag: record('AppliedTag'),
			requestedFormCompletion: record('RequestedFormCompletion'),
			document: record('Document'),
			goal: record('Goal'),
			labOrder: record('LabOrder'),
			billingItem: record('BillingItem'),
			requestedPayment: record('RequestedPayment'),
			carePlan: record('CarePlan'),
			policy: record('Policy'),
			comment: record('Comment'),
			medication: record('Medication'),
			insuranceAuthorization: record('InsuranceAuthorization'),
			// `id` is the conversation: the owner's membership; `conversation_membership_id` the membership itself.
			conversationMembership: (args: { id?: string; conversation_membership_id?: string }) =>
				args.conversation_membership_id !== undefined
					? (this.records.ConversationMembership.get(String(args.conversation_membership_id)) ?? null)
					: ([...this.records.ConversationMembership.values()].find((m) => m.conversation_id === String(args.id)) ?? null),

			createWebhook: ({ input = {} }: { input?: Input }) => this.createWebhook(input, form),
			updateWebhook: ({ input = {} }: { input?: Input }) => {
				const webhook = this.webhooks.get(String(input.id));
				if (!webhook) return { webhook: null, messages: [{ field: 'id', message: 'Webhook not found' }] };
				if (typeof input.is_enabled === 'boolean') webhook.is_enabled = input.is_enabled;
				if (typeof input.should_retry === 'boolean') webhook.should_retry = input.should_retry;
				if (typeof input.url === 'string') webhook.url = input.url;
				webhook.updated_at = new Date().toISOString();
				return { webhook: webhookOut(webhook), messages: [] };
			},
			deleteWebhook: ({ input = {} }: { input?: Input }) => {
				const webhook = this.webhooks.get(String(input.id));
				if (!webhook) return { webhook: null, messages: [{ field: 'id', message: 'Webhook not found' }] };
				this.webhooks.delete(webhook.id);
				return { webhook: webhookOut(webhook), messages: [] };
			},
			sendTestWebhook: ({ input = {} }: { input?: Input }) => {
				const webhook = this.webhooks.get(String(input.id));
				if (!webhook) return { sent: false, messages: [{ field: 'id', message: 'Webhook not found' }] };
				const body = '{"resource_id":"12345","resource_id_type":"Test","event_type":"test.created","changed_fields":[]}';
				void this.deliver(webhook, body);
				return { sent: true, messages: [] };
			},
			createClient: ({ input = {} }: { input?: Input }) => this.createClient(input),
			updateClient: ({ input = {} }: { input?: Input }) => this.updateClient(input),
			createAppointment: ({ input = {} }: { input?: Input }) => this.createAppointment(input, version),
			updateAppointment: ({ input = {} }: { input?: Input }) => this.updateAppointment(input),
			deleteAppointment: ({ input = {} }: { input?: Input }) => this.deleteAppointment(input),
			createTask: ({ input = {} }: { input?: Input }) => this.createTask(input),
		};
	}

	private createWebhook(input: Input, form: SchemaForm) {
		const refusal = this.rejectedCreates;
		if (refusal && refusal.remaining > 0) {
			if (refusal.skip > 0) {
				refusal.skip--;
			} else {
				refusal.remaining--;
				return { webhook: null, messages: [refusal.error] };
			}
		}
		const messages: FieldError[] = [];
		const url = typeof input.url === 'string' ? input.url : '';
		if (!/^https?:$/.test(safeProtocol(url))) messages.push({ field: 'url', message: 'Url is invalid' });
		const asDotted = (value: unknown) =>
			typeof value !== 'string'
				? undefined
				: form.eventTypes === 'enum'
					? WEBHOOK_EVENT_TYPES.find((event) => enumNameOf(event) === value)
					: WEBHOOK_EVENT_TYPES.includes(value)
						? value
						: undefined;
		const requested = [
			...(input.event_type !== undefined && input.event_type !== null ? [input.event_type] : []),
			...((input.webhook_events as Array<{ event_type?: unknown }> | undefined) ?? []).map((event) => event.event_type),
		];
		const events = requested.map(asDotted);
		if (events.length === 0) messages.push({ field: 'webhook_events', message: 'At least one event type is required' });
		if (events.some((event) => event === undefined)) {
			messages.push({ field: 'event_type', message: 'Event type is not included in the list' });
		}
		if (messages.length > 0) return { webhook: null, messages };

		const webhook = this.addWebhook(url, [...new Set(events as string[])]);
		webhook.is_enabled = input.is_enabled !== false;
		webhook.should_retry = input.should_retry !== false;
		return { webhook: this.webhookOut(webhook, form), messages: [] };
	}

	private webhookOut(webhook: SimulatedWebhook, form: SchemaForm) {
		const out = (event: string) => (form.eventTypes === 'enum' ? enumNameOf(event) : event);
		return {
			id: webhook.id,
			url: webhook.url,
			is_enabled: webhook.is_enabled,
			should_retry: webhook.should_retry,
			signature_secret: webhook.signature_secret,
			event_type: webhook.events[0] ? out(webhook.events[0]) : null,
			webhook_events: webhook.events.map((event, index) => ({
				id: `${webhook.id}-${index}`,
				event_type: out(event),
				retry_count: 0,
				created_at: webhook.created_at,
				updated_at: webhook.updated_at,
				first_failed_at: null,
				last_failed_at: null,
			})),
			warned_at: webhook.warned_at,
			cursor: webhook.id,
		};
	}

	private createClient(input: Input) {
		const messages: FieldError[] = [];
		const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).trim() : '');
		if (!text('first_name')) messages.push({ field: 'first_name', message: "First name can't be blank" });
		if (!text('last_name')) messages.push({ field: 'last_name', message: "Last name can't be blank" });
		const email = text('email');
		if (!email && input.skipped_email !== true) messages.push({ field: 'email', message: "Email can't be blank" });
		if (email && [...this.records.User.values()].some((user) => user.email === email)) {
			messages.push({ field: 'email', message: 'Email has already been taken' });
		}
		if (text('dob') && !/^\d{4}-\d{2}-\d{2}$/.test(text('dob'))) messages.push({ field: 'dob', message: 'Dob is invalid' });
		if (messages.length > 0) return { user: null, messages };

		const id = String(2000 + this.nextId++);
		const user: HealthieRecord = {
			id,
			first_name: text('first_name'),
			last_name: text('last_name'),
			legal_name: text('legal_name') || null,
			full_name: `${text('first_name')} ${text('last_name')}`,
			email: email || null,
			phone_number: text('phone_number') || null,
			dob: text('dob') || null,
			gender: text('gender') || null,
			timezone: text('timezone') || null,
			active: true,
			dietitian_id: text('dietitian_id') || PROVIDER_ID,
			user_group_id: text('user_group_id') || null,
			record_identifier: text('record_identifier') || null,
			welcome_email_sent: input.dont_send_welcome !== true && Boolean(email),
		};
		this.records.User.set(id, user);
		void this.emit({ event_type: 'patient.created', resource_id: id });
		return { user, messages: [] };
	}

	private updateClient(input: Input) {
		const user = this.records.User.get(String(input.id));
		if (!user) return { user: null, messages: [{ field: 'id', message: 'User not found' }] };
		const changed = Object.keys(input).filter((key) => key !== 'id' && key !== 'clientMutationId' && user[key] !== input[key]);
		Object.assign(user, Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'clientMutationId')));
		user.full_name = `${String(user.first_name)} ${String(user.last_name)}`;
		if (changed.length > 0) void this.emit({ event_type: 'patient.updated', resource_id: user.id, changed_fields: changed });
		return { user, messages: [] };
	}

	/**
	 * `datetime` as Healthie reads it: ISO 8601 with an offset is that instant; "YYYY-MM-DD HH:MM:SS"
	 * (or ISO without an offset) is wall-clock time in `timezone`, else the key user's zone
	 * (docs/vendors/healthie.md#dates-and-times).
	 */
	private instantFor(datetime: unknown, timezone: unknown): number {
		if (typeof datetime !== 'string') return Number.NaN;
		const zone = typeof timezone === 'string' && timezone ? timezone : String(this.records.User.get(PROVIDER_ID)?.timezone ?? 'America/New_York');
		return /(Z|[+-]\d{2}:?\d{2})$/i.test(datetime.trim()) ? Date.parse(datetime) : wallClockIn(datetime, zone);
	}

	private appointmentType(id: unknown): HealthieRecord | undefined {
		return this.records.AppointmentType.get(String(id ?? ''));
	}

	private createAppointment(input: Input, version: string | undefined) {
		const messages: FieldError[] = [];
		const patient = this.records.User.get(String(input.user_id));
		if (!patient || patient._member === true) messages.push({ field: 'user_id', message: 'Patient not found' });
		const type = this.appointmentType(input.appointment_type_id);
		if (!type) messages.push({ field: 'appointment_type_id', message: 'Appointment type not found' });
		if (!input.contact_type) messages.push({ field: 'contact_type', message: "Contact type can't be blank" });
		// 2025-04-01: in-person appointments need a location (docs/vendors/healthie.md#api-versions).
		if (input.contact_type === 'In Person' && version !== undefined && version >= '2025-04-01' && !input.appointment_location_id) {
			messages.push({ field: 'appointment_location_id', message: 'Appointment location is required for in-person appointments' });
		}
		const when = this.instantFor(input.datetime, input.timezone);
		if (!Number.isFinite(when)) messages.push({ field: 'datetime', message: 'Datetime is invalid' });
		if (messages.length > 0 || !patient || !type) return { appointment: null, messages };

		const provider = this.records.User.get(String(input.other_party_id ?? PROVIDER_ID));
		const id = String(3000 + 100 + this.nextId++);
		const date = healthieDate(when);
		const appointment: HealthieRecord = {
			id,
			date,
			length: type.length,
			contact_type: input.contact_type,
			pm_status: null,
			location: null,
			notes: input.notes ?? null,
			metadata: input.metadata === undefined ? null : JSON.stringify(input.metadata),
			confirmed: true,
			created_at: healthieDate(this.now()),
			updated_at: healthieDate(this.now()),
			deleted_at: null,
			timezone_abbr: date.endsWith('-0400') ? 'EDT' : 'EST',
			appointment_type: { id: type.id, name: type.name, length: type.length },
			provider: provider ? { id: provider.id, full_name: provider.full_name, email: provider.email } : null,
			user: { id: patient.id, full_name: patient.full_name, email: patient.email },
			attendees: [{ id: patient.id, full_name: patient.full_name, email: patient.email }],
		};
		this.records.Appointment.set(id, appointment);
		if (input.suppress_webhook_notifications === true) {
			this.suppressedAppointments.push(id);
		} else {
			void this.emit({ event_type: 'appointment.created', resource_id: id });
		}
		return { appointment, messages: [] };
	}

	private updateAppointment(input: Input) {
		const appointment = this.records.Appointment.get(String(input.id));
		if (!appointment || appointment.deleted_at) return { appointment: null, messages: [{ field: 'id', message: 'Appointment not found' }] };
		const messages: FieldError[] = [];
		if (input.pm_status !== undefined && input.pm_status !== null && !APPOINTMENT_STATUSES.has(String(input.pm_status))) {
			messages.push({ field: 'pm_status', message: 'Pm status is not included in the list' });
		}
		const type = input.appointment_type_id === undefined ? undefined : this.appointmentType(input.appointment_type_id);
		if (input.appointment_type_id !== undefined && !type) messages.push({ field: 'appointment_type_id', message: 'Appointment type not found' });
		const provider = input.other_party_id === undefined ? undefined : this.records.User.get(String(input.other_party_id));
		if (input.other_party_id !== undefined && provider?._member !== true) messages.push({ field: 'other_party_id', message: 'Provider not found' });
		const when = input.datetime === undefined ? undefined : this.instantFor(input.datetime, input.timezone);
		if (when !== undefined && !Number.isFinite(when)) messages.push({ field: 'datetime', message: 'Datetime is invalid' });
		if (messages.length > 0) return { appointment: null, messages };

		const changed: string[] = [];
		const set = (key: string, value: unknown) => {
			if (JSON.stringify(appointment[key]) !== JSON.stringify(value)) changed.push(key);
			appointment[key] = value;
		};
		if (when !== undefined) {
			set('date', healthieDate(when));
			appointment.timezone_abbr = String(appointment.date).endsWith('-0400') ? 'EDT' : 'EST';
		}
		if (input.pm_status !== undefined) set('pm_status', input.pm_status);
		if (type) set('appointment_type', { id: type.id, name: type.name, length: type.length });
		if (provider) set('provider', { id: provider.id, full_name: provider.full_name, email: provider.email });
		for (const key of ['contact_type', 'notes', 'location', 'external_videochat_url', 'confirmed']) {
			if (input[key] !== undefined) set(key, input[key]);
		}
		if (input.metadata !== undefined) set('metadata', JSON.stringify(input.metadata));
		appointment.updated_at = healthieDate(this.now());
		if (input.suppress_webhook_notifications === true) {
			this.suppressedAppointments.push(appointment.id);
		} else if (changed.length > 0) {
			void this.emit({ event_type: 'appointment.updated', resource_id: appointment.id, changed_fields: changed });
		}
		return { appointment, messages: [] };
	}

	/** From a provider's key (what the API key is): a soft delete; `appointment(include_deleted: true)` still reads it. */
	private deleteAppointment(input: Input) {
		const appointment = this.records.Appointment.get(String(input.id));
		if (!appointment || appointment.deleted_at) return { appointment: null, messages: [{ field: 'id', message: 'Appointment not found' }] };
		appointment.deleted_at = healthieDate(this.now());
		if (input.suppress_webhook_notifications === true) {
			this.suppressedAppointments.push(appointment.id);
		} else {
			void this.emit({ event_type: 'appointment.deleted', resource_id: appointment.id });
		}
		return { appointment, messages: [] };
	}

	private createTask(input: Input) {
		if (!input.content) return { task: null, messages: [{ field: 'content', message: "Content can't be blank" }] };
		const client = input.client_id ? this.records.User.get(String(input.client_id)) : undefined;
		const id = String(6000 + 100 + this.nextId++);
		const task: HealthieRecord = {
			id,
			content: input.content,
			complete: false,
			client_id: client?.id ?? null,
			user_id: String((input.assignee_ids as string[] | undefined)?.[0] ?? input.user_id ?? PROVIDER_ID),
			due_date: input.due_date ?? null,
			priority: input.priority ?? 0,
			created_by_id: PROVIDER_ID,
			client: client ? { id: client.id, full_name: client.full_name } : null,
		};
		this.records.Task.set(id, task);
		void this.emit({ event_type: 'task.created', resource_id: id });
		return { task, messages: [] };
	}
}

function graphqlError(message: string, code: string): SandboxResponse {
	return json(200, { errors: [{ message, extensions: { code } }] });
}

function safeProtocol(url: string): string {
	try {
		return new URL(url).protocol;
	} catch {
		return '';
	}
}

function summarise(record: DeliveryRecord) {
	return {
		url: record.url,
		delivered: record.delivered,
		attempts: record.attempts.map((attempt) => attempt.status ?? attempt.error),
	};
}
