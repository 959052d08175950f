import { randomBytes } from 'node:crypto';

import type { DeliveryPolicy, DeliveryRecord, OutgoingDelivery } from '../deliveries';
import { summariseDelivery } from '../deliveries';
import type { SandboxRequest, SandboxResponse } from '../http';
import { header, INVALID_JSON, json, Router } from '../http';
import type { SimulationContext, VendorSimulation } from '../server';
import type { RxScaleAppointment, RxScaleOrder, RxScalePatientRecord, RxScalePrescription } from './organisation';
import {
	APPOINTMENT_STATUSES,
	meetingData,
	pharmacyOrderData,
	reminderData,
	seedAppointments,
	seedOrders,
	seedPatients,
	seedPrescriptions,
	skuData,
} from './organisation';
import { signRxScaleDelivery } from './signing';

/**
 * RxScale's Management API as documented docs/vendors/rxscale.md: `X-API-Key` with per-key permissions (401 /
 * 403 in RxScale's auth body; get-by-id endpoints answer 404 instead of 403), notification
 * subscriptions (one per type, HTTPS targets only, removed by target + type, 409 on a duplicate),
 * test deliveries marked `X-Webhook-Test: true`, orders and patients, and signed deliveries:
 * `X-Webhook-Signature` = hex HMAC-SHA256(signing secret, raw body), retried with backoff.
 * Where the docs are silent the choices are switchable (`settings`) and docs/SANDBOX.md#rxscale ("Choices where the vendor is silent").
 */

export const RXSCALE_EVENTS = [
	'pharmacy_order_created',
	'pharmacy_order_updated',
	'pharmacy_sku_stock_updated',
	'patient_doctor_meeting_updated',
	'appointment_reminder_due',
];

export const RXSCALE_PERMISSIONS = [
	'notification_subscription:read',
	'notification_subscription:write',
	'order:read',
	'prescription:read',
	'patient:read',
	'scheduling:read',
];

export const RXSCALE_SANDBOX_API_KEY = 'rxscale-sandbox-api-key';
/** Can read subscriptions, orders, prescriptions, patients and appointments, but not register, remove or test. */
export const RXSCALE_SANDBOX_READ_ONLY_KEY = 'rxscale-sandbox-read-only-key';
/** Can manage subscriptions, but read no orders or patients. */
export const RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY = 'rxscale-sandbox-webhooks-only-key';
/** The organisation-wide secret deliveries are signed with when subscriptions get none of their own. */
export const RXSCALE_SANDBOX_SIGNING_SECRET = 'whsec_rxscale-sandbox-organisation-secret';

export interface RxScaleSettings {
	/** RxScale refuses non-HTTPS targets; a sandbox for local use may accept http. */
	allowHttpTargets: boolean;
	/**
	 * docs/vendors/rxscale.md#register-returns-secret. `perSubscription`: every registration returns its own `signing_secret` (as the webhooks overview says);
	 * `organisation`: the 201 carries none (the Management register example, docs/vendors/rxscale.md#register-returns-secret) and deliveries are signed with the
	 * organisation's secret, which the admin copies into the credential.
	 */
	secrets: 'perSubscription' | 'organisation';
	/** docs/vendors/rxscale.md#duplicate-registration. What makes a registration a duplicate (409): same target and type, or same type. */
	duplicates: 'targetAndType' | 'type';
	/** docs/vendors/rxscale.md#appointment-reminder-subscribable. The types a subscription may be registered for. */
	subscribableTypes: string[];
	/** docs/vendors/rxscale.md#list-carries-secrets. Whether list items carry each subscription's `signing_secret`. */
	listSecrets: boolean;
	/**
	 * docs/vendors/rxscale.md#remove-parameters. Where remove reads what to remove: `target` and
	 * `notification_type` from the query or a JSON body (default), from one of them only, or the
	 * subscription's `uid` in the path (`DELETE …/notification-subscriptions/{uid}`).
	 */
	removeBy: 'queryOrBody' | 'query' | 'body' | 'uid';
}

export interface RxScaleSimulationOptions {
	settings?: Partial<RxScaleSettings>;
	/** Delivery retries (RxScale: "exponential backoff", counts undocumented; assumed 4 attempts). */
	deliveryPolicy?: DeliveryPolicy;
}

export interface RxScaleSubscription {
	uid: string;
	notification_type: string;
	target: string;
	options: 'WEBHOOK';
	payload_version: string;
	meta_data?: Record<string, unknown>;
	/** Returned once, on create (in `perSubscription` mode). */
	signing_secret?: string;
	active: boolean;
}

const DEFAULT_SETTINGS: RxScaleSettings = {
	allowHttpTargets: false,
	secrets: 'perSubscription',
	duplicates: 'targetAndType',
	subscribableTypes: RXSCALE_EVENTS,
	listSecrets: false,
	removeBy: 'queryOrBody',
};

const DEFAULT_POLICY: DeliveryPolicy = {
	attempts: 4,
	backoffMs: (attempt) => 250 * 2 ** (attempt - 2),
	timeoutMs: 5_000,
};

const PREFIX = '/v1/management';
const MAX_LIMIT = 200;

type Handler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export class RxScaleSimulation implements VendorSimulation {
	readonly name = 'rxScale';
	readonly api = new Router();
	readonly control = new Router();
	readonly baseUrl: string;
	readonly keys = new Map<string, string[]>([
		[RXSCALE_SANDBOX_API_KEY, RXSCALE_PERMISSIONS],
		[RXSCALE_SANDBOX_READ_ONLY_KEY, ['notification_subscription:read', 'order:read', 'prescription:read', 'patient:read', 'scheduling:read']],
		[RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY, ['notification_subscription:read', 'notification_subscription:write']],
	]);
	readonly organisationSecret = RXSCALE_SANDBOX_SIGNING_SECRET;
	settings: RxScaleSettings;
	deliveryPolicy: DeliveryPolicy;

	/** Every subscription ever registered; removed ones stay, inactive (RxScale "deactivates"). */
	subscriptions: RxScaleSubscription[] = [];
	orders = new Map<string, RxScaleOrder>();
	patients = new Map<string, RxScalePatientRecord>();
	prescriptions = new Map<string, RxScalePrescription>();
	appointments: RxScaleAppointment[] = [];
	private concurrentRegistrations: Array<{ target: string; notification_type: string }> = [];
	private nextUid = 1;

	constructor(
		private readonly context: SimulationContext,
		private readonly options: RxScaleSimulationOptions = {},
	) {
		this.baseUrl = `${context.rootUrl}/${this.name}`;
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.deliveryPolicy = options.deliveryPolicy ?? DEFAULT_POLICY;
		this.reset();

		const needs = (permission: string, handler: Handler, resource = false): Handler => (request) =>
			this.authorise(request, permission, resource) ?? handler(request);
		this.api
			.add('GET', `${PREFIX}/health`, () => json(200, { status: 'ok' }))
			.add('GET', `${PREFIX}/notification-subscriptions`, needs('notification_subscription:read', () => this.listSubscriptions()))
			.add('POST', `${PREFIX}/notification-subscriptions`, needs('notification_subscription:write', (request) => this.register(request)))
			.add('DELETE', `${PREFIX}/notification-subscriptions`, needs('notification_subscription:write', (request) => this.remove(request)))
			.add('DELETE', `${PREFIX}/notification-subscriptions/:uid`, needs('notification_subscription:write', (request) => this.removeByUid(request)))
			.add('GET', `${PREFIX}/apispec_1.json`, () => json(200, this.apiSpec()))
			.add('POST', `${PREFIX}/notification-subscriptions/test`, needs('notification_subscription:write', (request) => this.testDelivery(request)))
			.add('GET', `${PREFIX}/orders`, needs('order:read', (request) => this.searchOrders(request)))
			.add('GET', `${PREFIX}/orders/:uid`, needs('order:read', (request) => this.getOrder(request), true))
			.add('GET', `${PREFIX}/patients`, needs('patient:read', (request) => this.searchPatient(request)))
			.add('GET', `${PREFIX}/patients/:uid`, needs('patient:read', (request) => this.getPatient(request.params.uid), true))
			.add('GET', `${PREFIX}/prescriptions/:uid`, needs('prescription:read', (request) => this.getPrescription(request.params.uid), true))
			.add('GET', `${PREFIX}/scheduling/appointments`, needs('scheduling:read', (request) => this.listAppointments(request)));

		this.control
			.add('GET', '/subscriptions', () => json(200, this.subscriptions))
			.add('DELETE', '/subscriptions/:uid', (request) => json(this.dropSubscription(request.params.uid) ? 204 : 404))
			.add('PATCH', '/settings', (request) => {
				this.settings = { ...this.settings, ...(request.body as Partial<RxScaleSettings>) };
				return json(200, this.settings);
			})
			.add('POST', '/concurrent-registration', (request) => {
				const { target, notification_type } = (request.body ?? {}) as Record<string, string>;
				this.registerConcurrentlyBeforeNextCreate(target, notification_type);
				return json(204);
			})
			.add('POST', '/events', async (request) => {
				const { event_type, uid } = (request.body ?? {}) as { event_type?: string; uid?: string };
				if (!event_type || !RXSCALE_EVENTS.includes(event_type)) {
					return json(400, { error: `event_type must be one of ${RXSCALE_EVENTS.join(', ')}` });
				}
				return json(200, (await this.emit(event_type, uid)).map(summariseDelivery));
			});
	}

	credentials(): Record<string, string> {
		return { apiKey: RXSCALE_SANDBOX_API_KEY, environment: 'custom', baseUrl: this.baseUrl };
	}

	usage(): string {
		const control = `${this.context.rootUrl}/_sandbox/${this.name}`;
		return `RxScale (${this.settings.allowHttpTargets ? 'http targets accepted: RXSCALE_ALLOW_HTTP_TARGETS' : 'HTTPS targets only, as RxScale'}):
  Read-only key (gets 403 on register/remove/test): ${RXSCALE_SANDBOX_READ_ONLY_KEY}
  Organisation signing secret (for the credential's Webhook Signing Secret): ${RXSCALE_SANDBOX_SIGNING_SECRET}
  The RxScale Trigger needs n8n's webhook URL to be https: start n8n with N8N_PROTOCOL=https,
  N8N_SSL_KEY/N8N_SSL_CERT and N8N_WEBHOOK_URL=https://localhost:5678/, and this sandbox with
  SANDBOX_TRUST_CERT=<that certificate> so that its deliveries trust it. (npm start puts n8n's
  webhooks behind such an https front, trusted by its sandbox, for you.)
  Send an event to every subscription for it:
    curl -X POST ${control}/events -H 'content-type: application/json' \\
         -d '{"event_type":"pharmacy_order_created","uid":"po-1001"}'
  See the subscriptions (removed ones stay, inactive): curl ${control}/subscriptions
  Orders ord-2001 … ord-2230 (pharmacy orders po-1001 …, prescriptions rx-9001 …, patients pat-3001 … pat-3006):
  search matches the shop order name (#1001), the pharmacy order name (PO-2026-0001-1001) and the
  patient's name, or an exact order, prescription or pharmacy order UID, as RxScale documents;
  matching text case-insensitively, by part, is this sandbox's reading. Patients by email:
  GET ${this.baseUrl}${PREFIX}/patients?email=erika@example.org answers the newest profile with it
  (comparing emails case-insensitively is this sandbox's reading).
  Appointments mtg-4001 … mtg-4120 from 2026-03-02, eight a day: GET ${this.baseUrl}${PREFIX}/scheduling/appointments;
  without status only held and confirmed ones are listed, and the start/end fields are named
  start_time/end_time (both this sandbox's reading: RxScale's docs do not say).
  Switch an undocumented behaviour: curl -X PATCH ${control}/settings \\
         -H 'content-type: application/json' -d '{"secrets":"organisation","duplicates":"type","allowHttpTargets":true}'
  (also "listSecrets":true, list items with their signing_secret; "removeBy":"query"|"body"|"uid", where
  remove reads what to remove: the query only, the body only, or DELETE …/notification-subscriptions/{uid})`;
	}

	reset(): void {
		this.subscriptions = [];
		this.concurrentRegistrations = [];
		this.orders = seedOrders();
		this.patients = seedPatients();
		this.prescriptions = seedPrescriptions(this.orders);
		this.appointments = seedAppointments(this.patients);
		this.settings = { ...DEFAULT_SETTINGS, ...this.options.settings };
	}

	active(): RxScaleSubscription[] {
		return this.subscriptions.filter((subscription) => subscription.active);
	}

	/** A subscription made outside this node (another integration, or RxScale's admin panel). */
	addSubscription(target: string, notificationType: string): RxScaleSubscription {
		return this.create(target, notificationType, undefined);
	}

	/** Removes a subscription at the vendor, as if someone removed it in RxScale's admin panel. */
	dropSubscription(uid: string): boolean {
		const found = this.active().find((subscription) => subscription.uid === uid);
		if (found) found.active = false;
		return Boolean(found);
	}

	/**
	 * The next create for this target and type finds one already registered, as when an earlier
	 * request for it (e.g. one whose answer was lost) lands between the caller's list and its create.
	 */
	registerConcurrentlyBeforeNextCreate(target: string, notificationType: string): void {
		this.concurrentRegistrations.push({ target, notification_type: notificationType });
	}

	/** Sends an event to every active subscription for it; settles when every delivery is done. */
	async emit(eventType: string, uid?: string): Promise<DeliveryRecord[]> {
		const body = JSON.stringify(this.envelope(eventType, uid));
		const targets = this.active().filter((subscription) => subscription.notification_type === eventType);
		return await Promise.all(
			targets.map((subscription) =>
				this.context.deliveries.send(this.name, subscription.target, eventType, this.deliveryPolicy, () =>
					this.signed(body, this.secretOf(subscription), { 'x-webhook-event': eventType, ...customHeader(subscription.meta_data) }),
				),
			),
		);
	}

	envelope(eventType: string, uid?: string) {
		const now = Math.floor(Date.now() / 1000);
		const data =
			eventType === 'pharmacy_order_created'
				? pharmacyOrderData(uid ?? 'po-1001', 'init', now)
				: eventType === 'pharmacy_order_updated'
					? pharmacyOrderData(uid ?? 'po-1001', 'in-progress', now)
					: eventType === 'pharmacy_sku_stock_updated'
						? skuData(uid ?? 'psku-abc123', now)
						: eventType === 'patient_doctor_meeting_updated'
							? meetingData(uid ?? 'mtg-abc123', now)
							: reminderData(uid ?? 'rem-abc123', now);
		return { event_type: eventType, timestamp: now, payload_version: '1', data };
	}

	signed(body: string, secret: string, headers: Record<string, string> = {}): OutgoingDelivery {
		const { headers: signature } = signRxScaleDelivery(body, secret);
		return { headers: { ...headers, ...signature }, body };
	}

	private secretOf(subscription: RxScaleSubscription): string {
		return subscription.signing_secret ?? this.organisationSecret;
	}

	private authorise(request: SandboxRequest, permission: string, resource: boolean): SandboxResponse | undefined {
		const key = header(request, 'x-api-key');
		if (!key) return json(401, { code: 'api_key_missing', description: 'API key is missing' });
		const permissions = this.keys.get(key);
		if (!permissions) return json(401, { code: 'invalid_api_key', description: 'Invalid API key' });
		if (permissions.includes(permission)) return undefined;
		// "For security reasons, unauthorized access returns 404 instead of 403 on resource endpoints."
		if (resource) return json(404, { error: 'Resource not found' });
		return json(403, { code: 'permission_denied', description: 'Permission denied' });
	}

	private listSubscriptions(): SandboxResponse {
		const withSecret = (subscription: RxScaleSubscription) =>
			this.settings.listSecrets ? { ...publicView(subscription), signing_secret: this.secretOf(subscription) } : publicView(subscription);
		return json(200, this.active().map(withSecret));
	}

	/** The Management API's OpenAPI description, as its Swagger UI (`/apidocs`) loads it: the paths this simulation serves. */
	private apiSpec() {
		const paths: Record<string, Record<string, object>> = {};
		const add = (method: string, path: string) => ((paths[`${PREFIX}${path}`] ??= {})[method] = { responses: {} });
		add('get', '/notification-subscriptions/');
		add('post', '/notification-subscriptions/');
		add('delete', '/notification-subscriptions/');
		add('post', '/notification-subscriptions/test');
		add('get', '/orders');
		add('get', '/orders/{uid}');
		add('get', '/patients');
		add('get', '/patients/{uid}');
		add('get', '/prescriptions/{uid}');
		add('get', '/scheduling/appointments');
		if (this.settings.removeBy === 'uid') add('delete', '/notification-subscriptions/{uid}');
		return { swagger: '2.0', info: { title: 'RxScale Management API (sandbox)', version: '1' }, paths };
	}

	private register(request: SandboxRequest): SandboxResponse {
		const body = objectBody(request);
		if (!body) return json(400, { error: 'Bad request' });
		const details: Record<string, string[]> = {};
		const type = body.notification_type;
		if (typeof type !== 'string' || type === '') details.notification_type = ['Missing data for required field.'];
		else if (!this.settings.subscribableTypes.includes(type)) {
			details.notification_type = [`Must be one of: ${this.settings.subscribableTypes.join(', ')}.`];
		}
		const targetIssue = this.targetIssue(body.target);
		if (targetIssue) details.target = [targetIssue];
		if (body.payload_version !== undefined && body.payload_version !== '1') details.payload_version = ['Must be one of: 1.'];
		if (body.meta_data !== undefined && (typeof body.meta_data !== 'object' || body.meta_data === null || Array.isArray(body.meta_data))) {
			details.meta_data = ['Not a valid mapping type.'];
		}
		if (Object.keys(details).length > 0) return json(400, { error: 'Validation error', details });

		const target = body.target as string;
		const notificationType = type as string;
		const raced = this.concurrentRegistrations.findIndex((pending) => pending.target === target && pending.notification_type === notificationType);
		if (raced >= 0) {
			this.concurrentRegistrations.splice(raced, 1);
			this.create(target, notificationType, undefined);
		}
		const duplicate = this.active().some(
			(subscription) =>
				subscription.notification_type === notificationType &&
				(this.settings.duplicates === 'type' || subscription.target === target),
		);
		if (duplicate) return json(409, { error: 'Notification subscription already exists' });

		const created = this.create(target, notificationType, body.meta_data as Record<string, unknown> | undefined);
		const answer: Record<string, unknown> = publicView(created);
		if (created.signing_secret) answer.signing_secret = created.signing_secret;
		return json(201, answer);
	}

	private create(target: string, notificationType: string, metaData: Record<string, unknown> | undefined): RxScaleSubscription {
		const subscription: RxScaleSubscription = {
			uid: `ns-${String(this.nextUid++).padStart(6, '0')}`,
			notification_type: notificationType,
			target,
			options: 'WEBHOOK',
			payload_version: '1',
			...(metaData ? { meta_data: metaData } : {}),
			...(this.settings.secrets === 'perSubscription' ? { signing_secret: `whsec_${randomBytes(24).toString('hex')}` } : {}),
			active: true,
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	/** Target + type from the query or from a JSON body (the docs do not say which; both work here unless `removeBy` says otherwise). */
	private remove(request: SandboxRequest): SandboxResponse {
		const { removeBy } = this.settings;
		if (removeBy === 'uid') return json(400, { error: 'Validation error', details: { uid: ['Missing data for required field.'] } });
		const body = removeBy === 'query' ? {} : (objectBody(request) ?? {});
		const query = removeBy === 'body' ? new URLSearchParams() : request.query;
		const target = query.get('target') ?? (typeof body.target === 'string' ? body.target : undefined);
		const type = query.get('notification_type') ?? (typeof body.notification_type === 'string' ? body.notification_type : undefined);
		if (!target || !type) return json(400, { error: 'Missing required parameters: target and notification_type' });
		const matching = this.active().filter((subscription) => subscription.target === target && subscription.notification_type === type);
		if (matching.length === 0) return json(404, { error: 'Resource not found' });
		for (const subscription of matching) subscription.active = false;
		return json(204);
	}

	/** `DELETE …/notification-subscriptions/{uid}`: only when `removeBy` is `uid`; otherwise there is no such path. */
	private removeByUid(request: SandboxRequest): SandboxResponse {
		if (this.settings.removeBy !== 'uid') return json(404, { error: `no route for DELETE ${request.path}` });
		return this.dropSubscription(request.params.uid) ? json(204) : json(404, { error: 'Resource not found' });
	}

	/**
	 * A sample payload to any HTTPS URL, marked `X-Webhook-Test: true`, one attempt, answered with
	 * what the target said (the docs do not show the answer). It is signed with the secret of the
	 * target's subscription for that type (or any at that target), else the organisation's.
	 */
	private async testDelivery(request: SandboxRequest): Promise<SandboxResponse> {
		const body = objectBody(request);
		if (!body) return json(400, { error: 'Bad request' });
		const details: Record<string, string[]> = {};
		const targetIssue = this.targetIssue(body.target_url);
		if (targetIssue) details.target_url = [targetIssue];
		const eventType = body.event_type ?? 'pharmacy_order_created';
		if (typeof eventType !== 'string' || !RXSCALE_EVENTS.includes(eventType)) {
			details.event_type = [`Must be one of: ${RXSCALE_EVENTS.join(', ')}.`];
		}
		if ((body.header_key === undefined) !== (body.header_value === undefined)) {
			details[body.header_key === undefined ? 'header_key' : 'header_value'] = ['Required together with the other header field.'];
		}
		if (Object.keys(details).length > 0) return json(400, { error: 'Validation error', details });

		const target = body.target_url as string;
		const atTarget = this.active().filter((subscription) => subscription.target === target);
		const subscription = atTarget.find((candidate) => candidate.notification_type === eventType) ?? atTarget[0];
		const secret = subscription ? this.secretOf(subscription) : this.organisationSecret;
		const payload = JSON.stringify(this.envelope(eventType as string));
		const custom = body.header_key ? { [String(body.header_key).toLowerCase()]: String(body.header_value) } : {};
		const record = await this.context.deliveries.send(
			this.name,
			target,
			`test ${eventType as string}`,
			{ ...this.deliveryPolicy, attempts: 1 },
			() => this.signed(payload, secret, { ...custom, 'x-webhook-event': eventType as string, 'x-webhook-test': 'true' }),
		);
		const attempt = record.attempts[0];
		return json(200, {
			success: record.delivered,
			target_url: target,
			event_type: eventType,
			status_code: attempt?.status ?? null,
			...(attempt?.error ? { error: attempt.error } : {}),
		});
	}

	private targetIssue(value: unknown): string | undefined {
		if (typeof value !== 'string' || value === '') return 'Missing data for required field.';
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			return 'Not a valid URL.';
		}
		if (url.protocol === 'https:') return undefined;
		if (url.protocol === 'http:' && this.settings.allowHttpTargets) return undefined;
		return 'URL must use HTTPS.';
	}

	/**
	 * `GET /orders` as documented: 0-indexed `page`, `limit` (default 50, larger values capped at
	 * 200), the four Unix-second bounds, `shop_identifier`, `shop_order_external_id`, and `search`:
	 * free text across the shop's order name, the pharmacy order name and the patient's full name,
	 * and an exact UID of the order, a prescription or a pharmacy order (a leading `#` stripped for
	 * that). The text match being case-insensitive and by substring is the sandbox's reading.
	 */
	private searchOrders(request: SandboxRequest): SandboxResponse {
		const query = request.query;
		const numbers: Record<string, number | undefined> = {};
		for (const name of ['created_at_from', 'created_at_to', 'updated_at_from', 'updated_at_to', 'page', 'limit']) {
			const raw = query.get(name);
			if (raw === null || raw === '') continue;
			if (!/^\d+$/.test(raw)) return json(400, { error: `Invalid parameter: ${name} must be a non-negative integer` });
			numbers[name] = Number(raw);
		}
		const search = (query.get('search') ?? '').trim();
		const shop = query.get('shop_identifier');
		const external = query.get('shop_order_external_id');
		const within = (value: number, from?: number, to?: number) => (from === undefined || value >= from) && (to === undefined || value <= to);
		const matching = [...this.orders.values()].filter(
			(order) =>
				within(order.created_at, numbers.created_at_from, numbers.created_at_to) &&
				within(order.updated_at, numbers.updated_at_from, numbers.updated_at_to) &&
				(!shop || order.shop_order.shop.identifier === shop) &&
				(!external || order.shop_order.external_id === external) &&
				(!search || this.matchesSearch(order, search)),
		);
		const limit = Math.min(MAX_LIMIT, Math.max(1, numbers.limit ?? 50));
		const page = numbers.page ?? 0;
		return json(200, {
			orders: matching.slice(page * limit, (page + 1) * limit).map(orderListView),
			totalRegistries: matching.length,
			totalPages: Math.ceil(matching.length / limit),
		});
	}

	private matchesSearch(order: RxScaleOrder, search: string): boolean {
		const uid = search.replace(/^#/, '');
		if (
			order.uid === uid ||
			order.prescriptions.some((prescription) => prescription.uid === uid) ||
			order.fulfillment_orders.some((fulfilment) => fulfilment.pharmacy_order_uid === uid)
		) {
			return true;
		}
		const text = search.toLowerCase();
		const patient = this.patients.get(order.patient_profile.uid)?.patient.data.display_name ?? '';
		return [order.shop_order_name, patient, ...order.fulfillment_orders.map((fulfilment) => fulfilment.pharmacy_order_name)].some(
			(candidate) => candidate.toLowerCase().includes(text),
		);
	}

	/** The order; its `prescriptions` arrays are empty when the key lacks `prescription:read`, as documented. */
	private getOrder(request: SandboxRequest): SandboxResponse {
		const order = this.orders.get(request.params.uid);
		if (!order) return json(404, { error: 'Resource not found' });
		const canReadPrescriptions = (this.keys.get(header(request, 'x-api-key') ?? '') ?? []).includes('prescription:read');
		return json(200, orderDetailView(order, canReadPrescriptions));
	}

	/**
	 * `GET /patients?email=`: the most recently created patient with that email (400 when the email
	 * is missing or not one, 404 when nobody has it). Comparing emails case-insensitively is the
	 * sandbox's reading.
	 */
	private searchPatient(request: SandboxRequest): SandboxResponse {
		const email = (request.query.get('email') ?? '').trim().toLowerCase();
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return json(400, { error: 'Missing or invalid email parameter' });
		const [newest] = [...this.patients.values()]
			.filter((record) => record.patient.data.email.toLowerCase() === email)
			.sort((a, b) => b.created_at - a.created_at);
		if (!newest) return json(404, { error: 'No patient found with the given email' });
		return json(200, newest.patient);
	}

	private getPatient(uid: string): SandboxResponse {
		const record = this.patients.get(uid);
		return record ? json(200, record.patient) : json(404, { error: 'Resource not found' });
	}

	/**
	 * `GET /scheduling/appointments`: `page`, `limit` (capped at 200), `doctor_uid`, `patient_uid`,
	 * `status` (one of the six, or `all`), `from` / `to` (Unix seconds on the start; `to` must be
	 * greater than `from`), answered `{ data, totalRegistries, totalPages }`. Without `status`,
	 * RxScale applies "the default server-side filtering", which it does not describe: here, the
	 * active ones (held and confirmed), as the admin overview shows by default (the sandbox's reading).
	 */
	private listAppointments(request: SandboxRequest): SandboxResponse {
		const query = request.query;
		const numbers: Record<string, number | undefined> = {};
		for (const name of ['from', 'to', 'page', 'limit']) {
			const raw = query.get(name);
			if (raw === null || raw === '') continue;
			if (!/^\d+$/.test(raw)) return json(400, { error: `Invalid parameter: ${name} must be a non-negative integer` });
			numbers[name] = Number(raw);
		}
		if (numbers.from !== undefined && numbers.to !== undefined && numbers.to <= numbers.from) {
			return json(400, { error: "'to' must be greater than 'from'" });
		}
		const status = query.get('status');
		if (status !== null && status !== 'all' && !APPOINTMENT_STATUSES.includes(status)) {
			return json(400, { error: `Invalid status: must be one of ${[...APPOINTMENT_STATUSES, 'all'].join(', ')}` });
		}
		const statuses = status === null ? ['held', 'confirmed'] : status === 'all' ? APPOINTMENT_STATUSES : [status];
		const doctor = query.get('doctor_uid');
		const patient = query.get('patient_uid');
		const matching = this.appointments.filter(
			(appointment) =>
				statuses.includes(appointment.status) &&
				(!doctor || appointment.doctor_uid === doctor) &&
				(!patient || appointment.patient_uid === patient) &&
				(numbers.from === undefined || appointment.start_time >= numbers.from) &&
				(numbers.to === undefined || appointment.start_time <= numbers.to),
		);
		const limit = Math.min(MAX_LIMIT, Math.max(1, numbers.limit ?? 50));
		const page = numbers.page ?? 0;
		return json(200, {
			data: matching.slice(page * limit, (page + 1) * limit),
			totalRegistries: matching.length,
			totalPages: Math.ceil(matching.length / limit),
		});
	}

	private getPrescription(uid: string): SandboxResponse {
		const prescription = this.prescriptions.get(uid);
		return prescription ? json(200, prescription) : json(404, { error: 'Resource not found' });
	}
}

function objectBody(request: SandboxRequest): Record<string, unknown> | undefined {
	const body = request.body;
	if (body === undefined || body === INVALID_JSON || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	return body as Record<string, unknown>;
}

function publicView(subscription: RxScaleSubscription) {
	const { uid, notification_type, target, options, payload_version } = subscription;
	return { uid, notification_type, target, options, payload_version };
}

/** The custom header a subscription's `meta_data` may configure (docs/vendors/rxscale.md#meta-data-and-custom-header (the sandbox's guess): a guess). */
function customHeader(metaData: Record<string, unknown> | undefined): Record<string, string> {
	const key = metaData?.header_key;
	const value = metaData?.header_value;
	return typeof key === 'string' && typeof value === 'string' ? { [key.toLowerCase()]: value } : {};
}

function orderListView(order: RxScaleOrder) {
	const { uid, status, overall_status, created_at, updated_at, shop_order, items } = order;
	return { uid, status, overall_status, created_at, updated_at, shop_order, items };
}

function orderDetailView(order: RxScaleOrder, withPrescriptions: boolean) {
	const { uid, shop_order, patient_profile, fulfillment_orders, items } = order;
	const prescriptions = withPrescriptions ? order.prescriptions : [];
	return {
		uid,
		shop_orders: [shop_order],
		patient_profile,
		fulfillment_orders: fulfillment_orders.map((fulfilment) => ({
			uid: fulfilment.uid,
			items: items.map((item) => ({ uid: `${fulfilment.uid}-${item.uid}`, order_item: item })),
			prescriptions,
		})),
		prescriptions,
	};
}
