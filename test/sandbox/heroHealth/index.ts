import { randomBytes } from 'node:crypto';

import type { DeliveryPolicy, DeliveryRecord } from '../deliveries';
import type { Handler, SandboxRequest, SandboxResponse } from '../http';
import { header, INVALID_JSON, json, Router } from '../http';
import type { SimulationContext, VendorSimulation } from '../server';
import { registerBooking } from './booking';
import type { HeroIssue } from './issues';
import { accessToken, registerLinks } from './links';
import type { AttachmentLink, BookingLink } from './links';
import type { BatchMessage, SentMessage } from './messaging';
import { registerMessaging } from './messaging';
import { registerPatients } from './patients';
import type { HeroSignatureForm } from './signing';
import { HERO_SIGNATURE_FORM, signHeroHealthDelivery } from './signing';
import type { HeroAppointment, HeroAppointmentType, HeroLocation, HeroPatient, HeroPractitioner, HeroSlot, PdsPerson } from './practice';
import { APPOINTMENT_TYPES, LOCATIONS, nextMonday, PRACTITIONERS, seedAppointments, seedPatients, seedPds, seedSlots } from './practice';

/**
 * Hero Health as documented docs/vendors/hero-health.md: `x-api-key` + `x-practice-group-id` on every call,
 * the webhook API (create/list/delete, one event per subscription, no uniqueness rule), records by
 * id, Hero's 400 body, and signed deliveries: X-Herohealth-Timestamp (Unix seconds) and
 * X-Herohealth-Signature = hex HMAC-SHA256(signing key, "{timestamp}.{body}"); and a tiny practice
 * behind the action endpoints: messaging (messaging.ts), PDS registration (patients.ts), booking
 * (booking.ts), links and Elements tokens (links.ts). Where Hero's docs are silent the choices are
 * the documented-most-likely ones and docs/SANDBOX.md#hero-health ("Choices where the vendor is silent").
 */

export const HERO_EVENTS = [
	'appointment.confirmed',
	'appointment.cancelled',
	'appointment.rescheduled',
	'prescription.issued',
	'patient.medical-record-updated',
	'patient.added-to-sequence',
	'write-to-record.succeeded',
	'write-to-record.failed',
];

const OBJECT_BY_PREFIX: Record<string, string> = {
	appointment: 'Appointment',
	prescription: 'Prescription',
	patient: 'Patient',
	'write-to-record': 'WriteToRecordEntry',
};

/** The `object` Hero names in a delivery of `event` (appointment.* → Appointment, …). */
export function heroObjectOf(event: string): string {
	return OBJECT_BY_PREFIX[event.split('.')[0]];
}

export interface HeroWebhook {
	id: string;
	event_type: string;
	url: string;
	description?: string;
	signing_key?: string;
	headers?: Record<string, string>;
	created_at: string;
	updated_at: string;
}

/**
 * Where Hero's documentation is silent, the sandbox does what the nodes assume; each switch makes it
 * behave in another plausible way, for the vendor check's tests (docs/VENDOR-CHECK.md#sandbox-switches).
 */
export interface HeroSettings extends HeroSignatureForm {
	/** Whether `GET /v1/webhooks` items carry `url` (docs/vendors/hero-health.md#webhook-list-echoes-url). */
	listEchoesUrl: boolean;
	/** What `DELETE /v1/webhooks/{id}` answers: 204 without a body, or 200 with the deleted subscription (docs/vendors/hero-health.md#webhook-delete-answer). */
	deleteAnswer: 'noContent' | 'okWithBody';
}

const DEFAULT_SETTINGS: HeroSettings = { ...HERO_SIGNATURE_FORM, listEchoesUrl: true, deleteAnswer: 'noContent' };

export interface HeroSimulationOptions {
	apiKey?: string;
	/** Switches for behaviour Hero does not document (default: what the nodes assume). */
	settings?: Partial<HeroSettings>;
	practiceGroupId?: string;
	/** Delivery retries (not documented by Hero; the sandbox assumes 3 attempts with backoff). */
	deliveryPolicy?: DeliveryPolicy;
	/** How long a reservation holds its slot (Hero's self-booking pages hold 15 minutes). */
	reservationHoldMs?: number;
	/** First day (`YYYY-MM-DD`) of the five weekdays of slots; default: next Monday. */
	calendarStart?: string;
	/** Whether `page_index` counts from 0 (default) or 1: Hero does not say. */
	pageBase?: 0 | 1;
}

export type RouteAdder = (method: string, pattern: string, handler: (request: SandboxRequest) => SandboxResponse) => void;

export const HERO_SANDBOX_API_KEY = 'hero-sandbox-api-key';
export const HERO_SANDBOX_PRACTICE_GROUP = '1234';

const DEFAULT_POLICY: DeliveryPolicy = {
	attempts: 3,
	backoffMs: (attempt) => 250 * 2 ** (attempt - 2),
	timeoutMs: 10_000,
};

export class HeroHealthSimulation implements VendorSimulation {
	readonly name = 'heroHealth';
	readonly api = new Router();
	readonly control = new Router();
	readonly baseUrl: string;
	/** The account's API key (a test may swap it for one made for its run). */
	apiKey: string;
	readonly practiceGroupId: string;
	deliveryPolicy: DeliveryPolicy;

	reservationHoldMs: number;
	pageBase: 0 | 1;
	settings: HeroSettings;

	webhooks = new Map<string, HeroWebhook>();
	appointments = new Map<string, HeroAppointment>();
	/** Ids of cancelled appointments (Hero's appointment has no status field). */
	cancelled = new Set<string>();
	patients = new Map<string, HeroPatient>();
	pds: PdsPerson[] = [];
	slots: HeroSlot[] = [];
	/** The practice's appointment types, locations and practitioners (a test may add more). */
	appointmentTypes: HeroAppointmentType[] = [];
	locations: HeroLocation[] = [];
	practitioners: HeroPractitioner[] = [];
	messages = new Map<string, SentMessage>();
	batches = new Map<string, BatchMessage>();
	bookingLinks = new Map<string, BookingLink>();
	attachmentLinks = new Map<string, AttachmentLink>();
	/** Elements tokens issued, newest last. */
	accessTokens: string[] = [];
	private nextId = 1;
	private readonly ids = new Map<string, number>();
	private readonly tokenSecret = randomBytes(32).toString('hex');

	constructor(
		private readonly context: SimulationContext,
		private readonly options: HeroSimulationOptions = {},
	) {
		this.baseUrl = `${context.rootUrl}/${this.name}`;
		this.apiKey = options.apiKey ?? HERO_SANDBOX_API_KEY;
		this.practiceGroupId = options.practiceGroupId ?? HERO_SANDBOX_PRACTICE_GROUP;
		this.deliveryPolicy = options.deliveryPolicy ?? DEFAULT_POLICY;
		this.reservationHoldMs = options.reservationHoldMs ?? 15 * 60_000;
		this.pageBase = options.pageBase ?? 0;
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.reset();

		const authed = (handler: (request: SandboxRequest) => SandboxResponse): Handler => (request: SandboxRequest) =>
			this.authenticate(request) ?? handler(request);
		const add: RouteAdder = (method, pattern, handler) => void this.api.add(method, pattern, authed(handler));
		this.api
			.add('GET', '/v1/me', authed(() => json(200, { id: this.practiceGroupId, name: 'Sandbox Surgery' })))
			.add('GET', '/v1/webhooks', authed((request) => this.listWebhooks(request)))
			.add('POST', '/v1/webhooks', authed((request) => this.createWebhook(request)))
			.add('DELETE', '/v1/webhooks/:id', authed((request) => this.deleteWebhook(request.params.id)))
			.add('GET', '/v1/appointments/:id', authed((request) => this.getRecord(this.appointments, request.params.id)))
			.add('GET', '/v1/patients/:id', authed((request) => this.getRecord(this.patients, request.params.id)));
		registerMessaging(this, add);
		registerPatients(this, add);
		registerBooking(this, add);
		registerLinks(this, add);

		this.control
			.add('GET', '/webhooks', () => json(200, [...this.webhooks.values()]))
			.add('DELETE', '/webhooks/:id', (request) => {
				const existed = this.dropSubscription(request.params.id);
				return json(existed ? 204 : 404);
			})
			.add('POST', '/events', async (request) => {
				const { event, id } = (request.body ?? {}) as { event?: string; id?: string };
				if (!event || !HERO_EVENTS.includes(event)) {
					return json(400, { error: `event must be one of ${HERO_EVENTS.join(', ')}` });
				}
				const deliveries = await this.emit(event, String(id ?? '1001'));
				return json(200, deliveries.map(summarise));
			})
			.add('GET', '/appointments', () =>
				json(200, [...this.appointments.values()].map((a) => ({ ...a, cancelled: this.cancelled.has(a.id) }))),
			)
			.add('POST', '/appointments/:id/expire', (request) => {
				const appointment = this.appointments.get(request.params.id);
				if (!appointment) return json(404, { error: 'no such appointment' });
				appointment.reserved_until = new Date(Date.now() - 1000).toISOString();
				return json(200, appointment);
			})
			.add('PATCH', '/settings', (request) => {
				const { pageBase, ...changes } = (request.body ?? {}) as Partial<HeroSettings> & { pageBase?: 0 | 1 };
				this.settings = { ...this.settings, ...changes };
				if (pageBase === 0 || pageBase === 1) this.pageBase = pageBase;
				return json(200, { ...this.settings, pageBase: this.pageBase });
			})
			.add('GET', '/messages', () => json(200, [...this.messages.values()]))
			.add('GET', '/batches', () => json(200, [...this.batches.values()]));
	}

	credentials(): Record<string, string> {
		return {
			apiKey: this.apiKey,
			practiceGroupId: this.practiceGroupId,
			environment: 'custom',
			baseUrl: this.baseUrl,
		};
	}

	usage(): string {
		const control = `${this.context.rootUrl}/_sandbox/${this.name}`;
		return `Send a Hero Health event to every subscribed trigger:
  curl -X POST ${control}/events -H 'content-type: application/json' \\
       -d '{"event":"appointment.confirmed","id":"1001"}'
Hero's practice: patients 501 and 502 (NHS 943 476 5919 and 943 476 5870), appointment types 1-4,
locations 5 and 6, 130 free slots on the five weekdays from ${this.slots[0]?.start_time.slice(0, 10)}.
See appointments (reserved, confirmed, cancelled): curl ${control}/appointments
Let a reservation run out now:          curl -X POST ${control}/appointments/<id>/expire
See the messages and batches sent:      curl ${control}/messages  (and /batches)
Lists page with page_index / page_size from 0 ({ data, count }); slots 25 a page unless asked.
Inferred, not documented by Hero (the node makes the same assumptions): the slot list's filter
names; the confirm, reschedule and booking-link paths; the batch list's { data, count } answer;
a batch recipient's and batch message's fields, and their statuses (ENRICHED when the Spine knows
the NHS number and date of birth, ENRICHMENT_ERROR otherwise, QUEUED once sent).
See the subscriptions n8n registered:   curl ${control}/webhooks
Delete one as if someone did at Hero:   curl -X DELETE ${control}/webhooks/<id>
Switch what Hero does not document (signatures in base64 or with a "sha256=" label, timestamps in
milliseconds, a webhook list without url, delete answering 200 with a body, pages counted from 1):
  curl -X PATCH ${control}/settings -H 'content-type: application/json' \\
       -d '{"encoding":"base64","prefix":"sha256=","timestampUnit":"milliseconds","listEchoesUrl":false,"deleteAnswer":"okWithBody","pageBase":1}'`;
	}

	reset(): void {
		this.webhooks.clear();
		this.appointments = seedAppointments();
		this.cancelled.clear();
		this.patients = seedPatients();
		this.pds = seedPds();
		this.slots = seedSlots(this.options.calendarStart ?? nextMonday());
		this.appointmentTypes = APPOINTMENT_TYPES.map((type) => ({ ...type }));
		this.locations = LOCATIONS.map((location) => ({ ...location }));
		this.practitioners = PRACTITIONERS.map((practitioner) => ({ ...practitioner }));
		this.messages.clear();
		this.batches.clear();
		this.bookingLinks.clear();
		this.attachmentLinks.clear();
		this.accessTokens = [];
		this.ids.clear();
		this.reservationHoldMs = this.options.reservationHoldMs ?? 15 * 60_000;
		this.pageBase = this.options.pageBase ?? 0;
		this.settings = { ...DEFAULT_SETTINGS, ...this.options.settings };
	}

	/** A fresh id for a kind of record: numeric strings, as Hero's ids are. */
	newId(kind: 'appointment' | 'patient' | 'message' | 'batch' | 'bookingLink'): string {
		const first = { appointment: 2001, patient: 503, message: 9001, batch: 301, bookingLink: 801 }[kind];
		const next = this.ids.get(kind) ?? first;
		this.ids.set(kind, next + 1);
		return String(next);
	}

	/** A JWT for Hero Elements, valid 30 minutes; remembered so tests can compare. */
	issueAccessToken(): string {
		const token = accessToken(this.practiceGroupId, this.tokenSecret);
		this.accessTokens.push(token);
		return token;
	}

	/** A subscription made outside this node (another integration, or by hand in Hero). */
	addWebhook(url: string, eventType: string, signingKey = randomBytes(32).toString('hex')): HeroWebhook {
		const now = new Date().toISOString();
		const webhook: HeroWebhook = { id: String(this.nextId++), event_type: eventType, url, signing_key: signingKey, created_at: now, updated_at: now };
		this.webhooks.set(webhook.id, webhook);
		return webhook;
	}

	/** Removes a subscription at the vendor, as if someone deleted it in Hero. */
	dropSubscription(id: string): boolean {
		return this.webhooks.delete(id);
	}

	/** Sends `event` about object `objectId` to every subscription for it; settles when all are done. */
	async emit(event: string, objectId: string): Promise<DeliveryRecord[]> {
		const object = heroObjectOf(event);
		const body = JSON.stringify({ object, id: objectId, practice_group_id: this.practiceGroupId, event });
		const targets = [...this.webhooks.values()].filter((webhook) => webhook.event_type === event);
		return await Promise.all(
			targets.map((webhook) =>
				this.context.deliveries.send(this.name, webhook.url, event, this.deliveryPolicy, () =>
					signedDelivery(webhook, body, this.settings),
				),
			),
		);
	}

	private authenticate(request: SandboxRequest): SandboxResponse | undefined {
		if (header(request, 'x-api-key') !== this.apiKey) {
			return json(401, { error: true, statusCode: 401, message: 'Unauthorized' });
		}
		if (header(request, 'x-practice-group-id') !== this.practiceGroupId) {
			return json(403, { error: true, statusCode: 403, message: 'Unauthorised' });
		}
		return undefined;
	}

	private listWebhooks(request: SandboxRequest): SandboxResponse {
		const eventType = request.query.get('event_type');
		const all = [...this.webhooks.values()]
			.filter((webhook) => !eventType || webhook.event_type === eventType)
			.map((webhook) => (this.settings.listEchoesUrl ? webhook : withoutUrl(webhook)));
		const pageSize = request.query.get('page_size');
		if (pageSize === null) return json(200, { data: all, count: all.length });
		const size = Math.max(1, Number(pageSize));
		const index = Math.max(0, Number(request.query.get('page_index') ?? 0));
		return json(200, { data: all.slice(index * size, (index + 1) * size), count: all.length });
	}

	private createWebhook(request: SandboxRequest): SandboxResponse {
		const body = (request.body === INVALID_JSON ? undefined : request.body) as Record<string, unknown> | undefined;
		const issues: HeroIssue[] = [];
		if (!body || typeof body !== 'object') {
			issues.push({ code: 'invalid_type', expected: 'object', path: [] });
		} else {
			if (typeof body.event_type !== 'string' || !HERO_EVENTS.includes(body.event_type)) {
				issues.push({
					code: typeof body.event_type === 'string' ? 'invalid_enum_value' : 'invalid_type',
					expected: HERO_EVENTS.map((event) => `'${event}'`).join(' | '),
					path: ['event_type'],
				});
			}
			if (typeof body.url !== 'string' || !/^https?:\/\/\S+$/.test(body.url)) {
				issues.push({ code: 'invalid_string', expected: 'uri', path: ['url'] });
			}
			if (body.signing_key !== undefined && typeof body.signing_key !== 'string') {
				issues.push({ code: 'invalid_type', expected: 'string', path: ['signing_key'] });
			}
		}
		if (issues.length > 0) return json(400, { error: true, statusCode: 400, message: issues });

		const now = new Date().toISOString();
		const webhook: HeroWebhook = {
			id: String(this.nextId++),
			event_type: body!.event_type as string,
			url: body!.url as string,
			description: typeof body!.description === 'string' ? body!.description : undefined,
			signing_key: body!.signing_key as string | undefined,
			headers: (body!.headers as Record<string, string> | undefined) ?? undefined,
			created_at: now,
			updated_at: now,
		};
		this.webhooks.set(webhook.id, webhook);
		return json(200, webhook);
	}

	private deleteWebhook(id: string): SandboxResponse {
		const webhook = this.webhooks.get(id);
		if (!webhook || !this.webhooks.delete(id)) return json(404, { error: true, statusCode: 404, message: 'Not found' });
		return this.settings.deleteAnswer === 'okWithBody' ? json(200, webhook) : json(204);
	}

	private getRecord(records: Map<string, unknown>, id: string): SandboxResponse {
		const record = records.get(id);
		return record ? json(200, record) : json(404, { error: true, statusCode: 404, message: 'Not found' });
	}
}

function withoutUrl(webhook: HeroWebhook): Omit<HeroWebhook, 'url'> {
	const { url: _url, ...rest } = webhook;
	return rest;
}

function signedDelivery(webhook: HeroWebhook, body: string, form: HeroSignatureForm) {
	const headers: Record<string, string> = { 'content-type': 'application/json', ...webhook.headers };
	if (!webhook.signing_key) return { headers, body };
	const signed = signHeroHealthDelivery(body, webhook.signing_key, Math.floor(Date.now() / 1000), form);
	return { headers: { ...headers, ...signed.headers }, body };
}

function summarise(record: DeliveryRecord) {
	return {
		url: record.url,
		delivered: record.delivered,
		attempts: record.attempts.map((attempt) => attempt.status ?? attempt.error),
	};
}
