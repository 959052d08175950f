import { randomBytes, randomUUID } from 'node:crypto';

import type { DeliveryPolicy, DeliveryRecord } from '../deliveries';
import type { SandboxRequest, SandboxResponse } from '../http';
import { header, INVALID_JSON, json, Router } from '../http';
import type { SimulationContext, VendorSimulation } from '../server';
import type { HearLinkRecord, Named, Organisation } from './practice';
import { actionTimestamp, instantOf, SEED, seedAppointments, seedInvoices, seedOrganisation, seedPatients } from './practice';
import { signHearLinkDelivery } from './signing';

/**
 * HearLink as documented docs/vendors/hearlink.md: `x-api-key` on every call; the five endpoints with their
 * validation rules and `{ success: false, error: { code, message, details } }` bodies; no webhook
 * API — webhooks are made in the portal, which the control routes stand in for (create one, see
 * its secret once, rotate it, press Test). Deliveries are POSTed with the envelope
 * `{ id, type, createdAt, data }`, signed `X-HearLink-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "{t}.{body}")>`, and retried up to 5 times: every attempt has the same
 * envelope (same `id`), a new `X-HearLink-Delivery` and a new `t`. After 50 failed attempts in a
 * row a webhook is disabled. Where HearLink's docs are silent docs/SANDBOX.md#hearlink ("Choices where the vendor is silent").
 */

export const HEARLINK_EVENTS = ['patient', 'appointment', 'invoice', 'transaction', 'credit_note', 'hearing_test'].flatMap(
	(entity) => ['created', 'updated', 'deleted'].map((action) => `${entity}.${action}`),
);
export const HEARLINK_TEST_EVENT = 'webhook.test';

export const HEARLINK_SANDBOX_API_KEY = 'hearlink-sandbox-api-key';
/** A key HearLink accepts but that may only read: creates answer 403. */
export const HEARLINK_SANDBOX_READ_ONLY_KEY = 'hearlink-sandbox-read-only-key';

/** 1 attempt + up to 5 retries with exponential back-off (the intervals are not published). */
const DEFAULT_POLICY: DeliveryPolicy = {
	attempts: 6,
	backoffMs: (attempt) => 500 * 2 ** (attempt - 2),
	timeoutMs: 30_000,
};
const DISABLE_AFTER_FAILURES = 50;

export interface HearLinkWebhook {
	id: string;
	name: string;
	url: string;
	events: string[];
	enabled: boolean;
	consecutiveFailures: number;
	/** What the webhook signs with; the portal shows it once. */
	secret: string;
	/** After a rotation that keeps it, the old secret signs too (a second `v1`). */
	previousSecret?: string;
}

/**
 * How HearLink answers the credential's probe, which it does not document beyond the statuses
 * (docs/vendors/hearlink.md#key-refusal-codes, docs/vendors/hearlink.md#credential-test-answer):
 * the sandbox's choices by default, switchable for the vendor check's tests.
 */
export interface HearLinkSettings {
	/** The answer to a key HearLink does not know (default 401 UNAUTHORIZED). */
	refusedKey: { status: number; code: string };
	/** The answer to a record that does not exist (default 404 NOT_FOUND; 400 VALIDATION_ERROR is the other documented reading). */
	unknownRecord: { status: number; code: string };
}

const DEFAULT_SETTINGS: HearLinkSettings = {
	refusedKey: { status: 401, code: 'UNAUTHORIZED' },
	unknownRecord: { status: 404, code: 'NOT_FOUND' },
};

export interface HearLinkSimulationOptions {
	apiKey?: string;
	deliveryPolicy?: DeliveryPolicy;
	settings?: Partial<HearLinkSettings>;
}

export interface Envelope {
	id: string;
	type: string;
	createdAt: string;
	data: unknown;
}

export interface EmitOptions {
	/** Only this webhook (the portal's Test button), whatever it subscribes to. */
	webhookId?: string;
	/** HearLink never sees the answers (as if each timed out): every retry is sent. */
	loseAcknowledgements?: boolean;
}

type Issues = Record<string, string>;

export class HearLinkSimulation implements VendorSimulation {
	readonly name = 'hearLink';
	readonly api = new Router();
	readonly control = new Router();
	readonly baseUrl: string;
	/** The account's API key (a test may swap it for one made for its run). */
	apiKey: string;
	deliveryPolicy: DeliveryPolicy;
	settings: HearLinkSettings;

	organisation: Organisation = seedOrganisation();
	patients = new Map<string, HearLinkRecord>();
	appointments = new Map<string, HearLinkRecord>();
	invoices = new Map<string, HearLinkRecord>();
	webhooks = new Map<string, HearLinkWebhook>();

	constructor(
		private readonly context: SimulationContext,
		private readonly options: HearLinkSimulationOptions = {},
	) {
		this.baseUrl = `${context.rootUrl}/${this.name}`;
		this.apiKey = options.apiKey ?? HEARLINK_SANDBOX_API_KEY;
		this.deliveryPolicy = options.deliveryPolicy ?? DEFAULT_POLICY;
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.reset();

		const reads = (handler: (request: SandboxRequest) => SandboxResponse) => (request: SandboxRequest) =>
			this.authenticate(request, 'read') ?? handler(request);
		const writes = (handler: (request: SandboxRequest) => SandboxResponse) => (request: SandboxRequest) =>
			this.authenticate(request, 'write') ?? handler(request);
		this.api
			.add('POST', '/patients/create', writes((request) => this.createPatient(request)))
			.add('GET', '/patients/:uid', reads((request) => this.getRecord(this.patients, 'Patient', request.params.uid)))
			.add('POST', '/appointments/create', writes((request) => this.createAppointment(request)))
			.add('GET', '/appointments/:uid', reads((request) => this.getRecord(this.appointments, 'Appointment', request.params.uid)))
			.add('GET', '/invoices/:uid', reads((request) => this.getRecord(this.invoices, 'Invoice', request.params.uid)));

		this.control
			.add('PATCH', '/settings', (request) => {
				this.settings = { ...this.settings, ...((request.body ?? {}) as Partial<HearLinkSettings>) };
				return json(200, this.settings);
			})
			.add('GET', '/webhooks', () => json(200, [...this.webhooks.values()].map(withoutSecrets)))
			.add('POST', '/webhooks', (request) => this.portalCreateWebhook(request.body))
			.add('DELETE', '/webhooks/:id', (request) => json(this.webhooks.delete(request.params.id) ? 204 : 404))
			.add('POST', '/webhooks/:id/rotate', (request) => {
				const { keepPrevious } = (request.body ?? {}) as { keepPrevious?: boolean };
				const secret = this.rotateSecret(request.params.id, Boolean(keepPrevious));
				return secret ? json(200, { secret }) : json(404, { error: 'no such webhook' });
			})
			.add('POST', '/webhooks/:id/enable', (request) => {
				const webhook = this.webhooks.get(request.params.id);
				if (!webhook) return json(404, { error: 'no such webhook' });
				webhook.enabled = true;
				webhook.consecutiveFailures = 0;
				return json(200, withoutSecrets(webhook));
			})
			.add('POST', '/webhooks/:id/test', async (request) => {
				if (!this.webhooks.has(request.params.id)) return json(404, { error: 'no such webhook' });
				const deliveries = await this.emit(HEARLINK_TEST_EVENT, undefined, { webhookId: request.params.id });
				return json(200, deliveries.map(summarise));
			})
			.add('POST', '/events', async (request) => {
				const { type, data, loseAcknowledgements } = (request.body ?? {}) as {
					type?: string;
					data?: unknown;
					loseAcknowledgements?: boolean;
				};
				if (!type || !HEARLINK_EVENTS.includes(type)) {
					return json(400, { error: `type must be one of ${HEARLINK_EVENTS.join(', ')}` });
				}
				const deliveries = await this.emit(type, data, { loseAcknowledgements });
				return json(200, deliveries.map(summarise));
			});
	}

	credentials(): Record<string, string> {
		return { apiKey: this.apiKey, environment: 'custom', baseUrl: this.baseUrl };
	}

	usage(): string {
		const control = `${this.context.rootUrl}/_sandbox/${this.name}`;
		return `HearLink has no webhook API; these routes stand in for its portal (Organisation Settings → Webhooks):
  Create a webhook for a trigger's URL; the answer holds the signing secret (shown once, as in HearLink)
  that goes into the credential's "Webhook Signing Secret":
  curl -X POST ${control}/webhooks -H 'content-type: application/json' \\
       -d '{"url":"http://127.0.0.1:5678/webhook/<webhook id>/webhook","events":["patient.created","appointment.updated"]}'
  Send an event to every webhook subscribed to it (add "loseAcknowledgements":true to see all 5 retries):
  curl -X POST ${control}/events -H 'content-type: application/json' \\
       -d '{"type":"appointment.updated"}'
  Press the portal's Test button:  curl -X POST ${control}/webhooks/<id>/test
  Rotate the secret:               curl -X POST ${control}/webhooks/<id>/rotate -d '{"keepPrevious":true}' -H 'content-type: application/json'
  List webhooks (no secrets):      curl ${control}/webhooks
  HearLink records to try the actions with: patient ${SEED.patient}, appointment ${SEED.appointment},
  invoice ${SEED.invoice}; clinics Manchester / Leeds, referrals Facebook / GP Referral / Google Ads / Website,
  status "Patient Created" (secondary "Awaiting Call"), appointment type ${SEED.appointmentTypeHearingTest},
  assignee ${SEED.userAudiologist}, clinic ${SEED.clinicManchester}.
  Appointment dates and times are read in the organisation's time zone (${this.organisation.timeZone}).
  Inferred, not documented by HearLink: the error codes other than VALIDATION_ERROR. HearLink documents
  the statuses (401 missing or invalid key, 403 key without the permission, 404 not found) but not their
  codes; the sandbox answers them with UNAUTHORIZED, FORBIDDEN and NOT_FOUND, and 400 NOT_FOUND for a
  referenced record that does not exist. Switch the answer to an unknown key or an unknown record:
  curl -X PATCH ${control}/settings -H 'content-type: application/json' \\
       -d '{"refusedKey":{"status":401,"code":"INVALID_TOKEN"},"unknownRecord":{"status":400,"code":"VALIDATION_ERROR"}}'`;
	}

	reset(): void {
		this.settings = { ...DEFAULT_SETTINGS, ...this.options.settings };
		this.organisation = seedOrganisation();
		this.patients = seedPatients();
		this.appointments = seedAppointments();
		this.invoices = seedInvoices();
		this.webhooks.clear();
	}

	/**
	 * What an admin does in HearLink's portal: Organisation Settings → Webhooks → Create Webhook.
	 * Returns the webhook with its secret, which the portal shows only this once.
	 */
	createWebhook(url: string, events: string[], name = 'n8n'): HearLinkWebhook {
		const webhook: HearLinkWebhook = {
			id: randomUUID(),
			name,
			url,
			events: [...new Set(events)],
			enabled: true,
			consecutiveFailures: 0,
			secret: newSecret(),
		};
		this.webhooks.set(webhook.id, webhook);
		return { ...webhook };
	}

	/** The portal's "rotate secret": returns the new secret; `keepPrevious` also signs with the old one. */
	rotateSecret(id: string, keepPrevious = false): string | undefined {
		const webhook = this.webhooks.get(id);
		if (!webhook) return undefined;
		webhook.previousSecret = keepPrevious ? webhook.secret : undefined;
		webhook.secret = newSecret();
		return webhook.secret;
	}

	/** A fresh envelope for `type`, with data about a seeded record unless `data` is given. */
	envelope(type: string, data?: unknown): Envelope {
		return { id: `evt_${randomUUID()}`, type, createdAt: new Date().toISOString(), data: data ?? this.sampleData(type) };
	}

	/** Sends an event to every enabled webhook subscribed to it (or to one webhook); settles when all are done. */
	async emit(type: string, data?: unknown, options: EmitOptions = {}): Promise<DeliveryRecord[]> {
		return await this.deliver(this.envelope(type, data), options);
	}

	/** Sends this exact envelope (tests use it to replay an event id). */
	async deliver(envelope: Envelope, options: EmitOptions = {}): Promise<DeliveryRecord[]> {
		const body = JSON.stringify(envelope);
		const targets = options.webhookId
			? [this.webhooks.get(options.webhookId)].filter((webhook): webhook is HearLinkWebhook => webhook !== undefined)
			: [...this.webhooks.values()].filter((webhook) => webhook.enabled && webhook.events.includes(envelope.type));
		return await Promise.all(
			targets.map(async (webhook) => {
				const policy: DeliveryPolicy = {
					...this.deliveryPolicy,
					acknowledged: (attempt) => {
						const ok = !options.loseAcknowledgements && isSuccess(attempt.status);
						this.recordOutcome(webhook, ok);
						return ok;
					},
				};
				return await this.context.deliveries.send(this.name, webhook.url, envelope.type, policy, () =>
					signedDelivery(webhook, envelope.type, body),
				);
			}),
		);
	}

	private recordOutcome(webhook: HearLinkWebhook, ok: boolean): void {
		webhook.consecutiveFailures = ok ? 0 : webhook.consecutiveFailures + 1;
		if (webhook.consecutiveFailures >= DISABLE_AFTER_FAILURES) webhook.enabled = false;
	}

	private sampleData(type: string): unknown {
		const entity = type.split('.')[0];
		if (entity === 'patient') return this.patients.get(SEED.patient);
		if (entity === 'appointment') return this.appointments.get(SEED.appointment);
		if (entity === 'invoice') return this.invoices.get(SEED.invoice);
		if (type === HEARLINK_TEST_EVENT) {
			return { message: 'This is a test webhook event from HearLink.', triggeredBy: 'Sandbox Admin' };
		}
		const slimPatient = { uid: SEED.patient, fullName: 'Margaret Hughes' };
		const stamp = actionTimestamp();
		if (entity === 'transaction') {
			return { uid: randomUUID(), patient: slimPatient, transactionType: 'payment', amount: 1250, method: 'card', date: stamp.at, orderUid: SEED.invoice, created: stamp, updated: stamp };
		}
		if (entity === 'credit_note') {
			return { uid: randomUUID(), creditNoteNumber: 'CN-0001', date: stamp.at, orderUid: SEED.invoice, patient: slimPatient, subtotal: 100, vat: 0, discount: 0, total: 100, lineItems: [], created: stamp, updated: stamp };
		}
		return { uid: randomUUID(), clinic: SEED.clinicManchester, patient: slimPatient, testDate: stamp.at, audiologist: 'Priya Shah', audiometer: 'AC40', created: stamp, updated: stamp };
	}

	private portalCreateWebhook(body: unknown): SandboxResponse {
		const { url, events, name } = (body && body !== INVALID_JSON ? body : {}) as { url?: unknown; events?: unknown; name?: unknown };
		if (typeof url !== 'string' || !isAcceptedUrl(url)) {
			return json(400, { error: 'url must be an https address (http is accepted only for localhost / 127.0.0.1 in the sandbox)' });
		}
		if (!Array.isArray(events) || events.length === 0 || !events.every((event) => HEARLINK_EVENTS.includes(event))) {
			return json(400, { error: `events must be a non-empty list of ${HEARLINK_EVENTS.join(', ')} (webhook.test is not subscribable)` });
		}
		const webhook = this.createWebhook(url, events as string[], typeof name === 'string' ? name : undefined);
		return json(201, { ...withoutSecrets(webhook), secret: webhook.secret });
	}

	private authenticate(request: SandboxRequest, access: 'read' | 'write'): SandboxResponse | undefined {
		const key = header(request, 'x-api-key');
		if (key === this.apiKey) return undefined;
		if (key === HEARLINK_SANDBOX_READ_ONLY_KEY) {
			return access === 'read' ? undefined : failure(403, 'FORBIDDEN', 'API key lacks the required permissions');
		}
		return failure(this.settings.refusedKey.status, this.settings.refusedKey.code, 'Missing or invalid API key');
	}

	private getRecord(records: Map<string, HearLinkRecord>, label: string, uid: string): SandboxResponse {
		const record = records.get(uid);
		const { status, code } = this.settings.unknownRecord;
		return record ? json(200, { success: true, data: record }) : failure(status, code, `${label} not found`);
	}

	private createPatient(request: SandboxRequest): SandboxResponse {
		const body = request.body;
		if (!isObject(body)) return validationFailure('Request body must be a JSON object', { body: 'Expected object' });
		const issues: Issues = {};
		let message: string | undefined;
		const note = (field: string, problem: string, summary?: string) => {
			issues[field] ??= problem;
			message ??= summary ?? `${field}: ${problem}`;
		};

		for (const field of ['fullName', 'primaryPhoneNumber']) {
			if (typeof body[field] !== 'string' || body[field].trim() === '') note(field, 'Required and must be non-empty');
		}
		const resolved: Record<string, Named | undefined> = {};
		for (const [group, list] of [
			['referral', this.organisation.referrals],
			['primaryClinic', this.organisation.clinics],
			['status', this.organisation.statuses],
		] as const) {
			const exactlyOne = `Exactly one of [${group}Id, ${group}Name] must be provided for ${group}.`;
			const id = body[`${group}Id`];
			const name = body[`${group}Name`];
			if (id !== undefined && name !== undefined) note(`${group}Id`, `Both ${group}Id and ${group}Name provided`, exactlyOne);
			else if (id === undefined && name === undefined) note(group, `Neither ${group}Id nor ${group}Name provided`, exactlyOne);
			else {
				const found = lookUp(list, id, name);
				if (!found) note(id !== undefined ? `${group}Id` : `${group}Name`, `No ${group} matches ${JSON.stringify(id ?? name)}`);
				resolved[group] = found;
			}
		}
		const status = resolved.status as (Named & { subStatuses?: Named[] }) | undefined;
		const subId = body.secondaryStatusId;
		const subName = body.secondaryStatusName;
		let subStatus: Named | undefined;
		if (subId !== undefined && subName !== undefined) {
			note('secondaryStatusId', 'Both secondaryStatusId and secondaryStatusName provided');
		} else if ((subId !== undefined || subName !== undefined) && status) {
			subStatus = lookUp(status.subStatuses ?? [], subId, subName);
			if (!subStatus) note(subId !== undefined ? 'secondaryStatusId' : 'secondaryStatusName', `No sub-status of "${status.name}" matches ${JSON.stringify(subId ?? subName)}`);
		}
		for (const field of ['title', 'secondaryPhoneNumber', 'gender', 'notes']) {
			if (body[field] !== undefined && typeof body[field] !== 'string') note(field, 'Expected string');
		}
		if (body.emailAddress !== undefined && (typeof body.emailAddress !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.emailAddress))) {
			note('emailAddress', 'Must be a valid email address');
		}
		if (body.dob !== undefined && (typeof body.dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.dob))) {
			note('dob', 'Must match YYYY-MM-DD');
		}
		if (body.age !== undefined && (!Number.isInteger(body.age) || (body.age as number) < 0)) note('age', 'Must be an integer >= 0');
		if (body.address !== undefined) {
			if (!isObject(body.address)) note('address', 'Expected object');
			else for (const [key, value] of Object.entries(body.address)) if (typeof value !== 'string') note(`address.${key}`, 'Expected string');
		}
		const tracking = body.tracking;
		if (!isObject(tracking)) note('tracking', 'Required object');
		else {
			if (typeof tracking.provider !== 'string' || tracking.provider.trim() === '') note('tracking.provider', 'Required');
			if (tracking.ids !== undefined && (!isObject(tracking.ids) || !Object.values(tracking.ids).every((v) => typeof v === 'string'))) {
				note('tracking.ids', 'Expected an object of string values');
			}
			for (const key of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']) {
				if (tracking[key] !== undefined && typeof tracking[key] !== 'string') note(`tracking.${key}`, 'Expected string');
			}
		}
		if (message) return validationFailure(message, issues);

		const uid = randomUUID();
		const stamp = actionTimestamp();
		const patient: HearLinkRecord = {
			uid,
			fullName: body.fullName,
			title: body.title,
			phoneNumber: body.primaryPhoneNumber,
			secondaryPhoneNumber: body.secondaryPhoneNumber,
			emailAddress: body.emailAddress,
			dob: typeof body.dob === 'string' ? `${body.dob}T00:00:00.000Z` : undefined,
			gender: body.gender,
			referral: resolved.referral?.uid,
			primaryClinic: resolved.primaryClinic?.uid,
			address: body.address,
			status: { status: status?.uid, subStatus: subStatus?.uid, updated: stamp },
			state: 'Active',
			tracking,
			created: stamp,
			updated: stamp,
		};
		this.patients.set(uid, JSON.parse(JSON.stringify(patient)) as HearLinkRecord);
		void this.emit('patient.created', this.patients.get(uid));
		return json(200, { success: true, data: { patientUid: uid } });
	}

	private createAppointment(request: SandboxRequest): SandboxResponse {
		const body = request.body;
		if (!isObject(body)) return validationFailure('Request body must be a JSON object', { body: 'Expected object' });
		const issues: Issues = {};
		for (const field of ['patientId', 'appointmentTypeId', 'clinicId', 'assigneeId', 'date', 'start', 'end', 'location']) {
			if (typeof body[field] !== 'string' || body[field].trim() === '') issues[field] = 'Required';
		}
		if (!issues.date && !/^\d{4}-\d{2}-\d{2}$/.test(body.date as string)) issues.date = 'Must match YYYY-MM-DD';
		for (const field of ['start', 'end']) {
			if (!issues[field] && !/^\d{2}:\d{2}$/.test(body[field] as string)) issues[field] = 'Must match HH:mm';
		}
		if (!issues.start && !issues.end && (body.end as string) <= (body.start as string)) issues.end = 'Must be after start';
		if (!issues.location && !['clinic', 'home'].includes(body.location as string)) issues.location = 'Must be one of clinic, home';
		if (body.sendConfirmation !== undefined && typeof body.sendConfirmation !== 'boolean') issues.sendConfirmation = 'Expected boolean';
		if (body.additionalNote !== undefined && typeof body.additionalNote !== 'string') issues.additionalNote = 'Expected string';
		if (Object.keys(issues).length > 0) {
			const [field, problem] = Object.entries(issues)[0];
			return validationFailure(`${field}: ${problem}`, issues);
		}

		// "The patient, appointment type, clinic, assignee, and (optional) referral must already exist."
		const missing: Issues = {};
		if (!this.patients.has(body.patientId as string)) missing.patientId = 'Patient not found';
		if (!this.organisation.appointmentTypes.some((type) => type.uid === body.appointmentTypeId)) missing.appointmentTypeId = 'Appointment type not found';
		if (!this.organisation.clinics.some((clinic) => clinic.uid === body.clinicId)) missing.clinicId = 'Clinic not found';
		if (!this.organisation.users.some((user) => user.uid === body.assigneeId)) missing.assigneeId = 'User not found';
		if (body.referralId !== undefined && !this.organisation.referrals.some((referral) => referral.uid === body.referralId)) {
			missing.referralId = 'Referral not found';
		}
		if (Object.keys(missing).length > 0) {
			return failure(400, 'NOT_FOUND', `Referenced ${Object.keys(missing).join(', ')} not found`, missing);
		}

		const patient = this.patients.get(body.patientId as string)!;
		const assignee = this.organisation.users.find((user) => user.uid === body.assigneeId)!;
		const uid = randomUUID();
		const stamp = actionTimestamp();
		const appointment: HearLinkRecord = {
			uid,
			type: body.appointmentTypeId,
			clinic: body.clinicId,
			location: body.location,
			assignee,
			// "Times are interpreted in the organisation's configured timezone."
			startDateTime: instantOf(body.date as string, body.start as string, this.organisation.timeZone),
			endDateTime: instantOf(body.date as string, body.end as string, this.organisation.timeZone),
			patient: { uid: patient.uid, fullName: patient.fullName },
			additionalNote: body.additionalNote,
			referral: body.referralId,
			sendConfirmation: body.sendConfirmation ?? false,
			confirmed: false,
			cancelled: false,
			arrived: false,
			noShow: false,
			created: stamp,
			updated: stamp,
		};
		this.appointments.set(uid, JSON.parse(JSON.stringify(appointment)) as HearLinkRecord);
		void this.emit('appointment.created', this.appointments.get(uid));
		return json(200, { success: true, data: { appointmentUid: uid } });
	}
}

function signedDelivery(webhook: HearLinkWebhook, type: string, body: string) {
	const secrets = [webhook.secret, webhook.previousSecret].filter((secret): secret is string => Boolean(secret));
	const signed = signHearLinkDelivery(body, secrets, Math.floor(Date.now() / 1000), randomUUID());
	return {
		headers: { ...signed.headers, 'user-agent': 'HearLink-Webhooks (sandbox)', 'x-hearlink-event': type },
		body,
	};
}

function failure(status: number, code: string, message: string, details?: Issues): SandboxResponse {
	return json(status, { success: false, error: { code, message, ...(details ? { details } : {}) } });
}

function validationFailure(message: string, details: Issues): SandboxResponse {
	return failure(400, 'VALIDATION_ERROR', message, details);
}

function lookUp<T extends Named>(list: readonly T[], id: unknown, name: unknown): T | undefined {
	if (id !== undefined) return list.find((entry) => entry.uid === id);
	return typeof name === 'string' ? list.find((entry) => entry.name.toLowerCase() === name.trim().toLowerCase()) : undefined;
}

function isSuccess(status: number | undefined): boolean {
	return status !== undefined && status >= 200 && status < 300;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAcceptedUrl(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
	} catch {
		return false;
	}
}

function newSecret(): string {
	return randomBytes(32).toString('hex');
}

function withoutSecrets(webhook: HearLinkWebhook) {
	const { secret: _secret, previousSecret: _previous, ...rest } = webhook;
	return rest;
}

function summarise(record: DeliveryRecord) {
	return {
		url: record.url,
		delivered: record.delivered,
		attempts: record.attempts.map((attempt) => attempt.status ?? attempt.error),
	};
}
