import { createHash, createHmac } from 'node:crypto';

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import { Healthie } from '../../nodes/Healthie/Healthie.node';
import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import type { Sandbox } from '../sandbox';
import type { HealthieSimulationOptions } from '../sandbox/healthie';
import { HealthieSimulation } from '../sandbox/healthie';
import { resourceTypeOf } from '../sandbox/healthie/practice';
import { signHealthieDelivery } from '../sandbox/healthie/signing';
import { DEFAULT_WEBHOOK_URL } from '../support/mockContexts';
import type { VendorKit } from './kit';
import { digestKey, namesVendorAnswer } from './kit';

/**
 * Healthie: one GraphQL endpoint for everything (so no fault rule tells a create from a delete),
 * one webhook per event with a secret Healthie issues, deliveries signed over the registered
 * URL's path and a Content-Digest (no time, no id), records fetched by default.
 */

const THREE_EVENTS = ['appointment.created', 'form_answer_group.created', 'patient.created'];
const INVARIANTS_BASE = 'https://api.gethealthie.com/graphql';

/** How many times Healthie was sent this GraphQL root field (`createWebhook`, `deleteWebhook`, …). */
export function healthieCalls(sandbox: Sandbox, field: string): number {
	return sandbox.server
		.requestsTo('healthie', { method: 'POST', path: '/graphql' })
		.filter((call) => new RegExp(`\\b${field}\\s*\\(`).test(String((call.body as { query?: unknown } | undefined)?.query))).length;
}

export const healthie: VendorKit<HealthieSimulation, HealthieSimulationOptions> = {
	slug: 'healthie',
	name: 'Healthie',
	simulation: { create: (context, options) => new HealthieSimulation(context, options) },
	trigger: new HealthieTrigger(),
	action: new Healthie(),
	credentialType: new HealthieApi(),

	signing: {
		sign: (body, secret, _timestampSeconds, url) => {
			if (!url) throw new Error('Healthie signs the URL a delivery goes to: give it');
			return signHealthieDelivery(body, secret, url);
		},
		headers: ['signature', 'content-digest'],
		// Healthie signs no time: replays are caught by the body-hash window, not a timestamp.
	},
	envelope: (event, i) => ({ resource_id: String(i), resource_id_type: resourceTypeOf(event), event_type: event, changed_fields: [] }),
	secretIn: 'staticData',
	selfRegisters: true,
	https: false,
	// "Include Full Record" is on by default; a plain delivery makes no request with it off.
	parameters: (events) => ({ events, options: { includeFullRecord: false } }),
	fetchesRecords: true,

	subscriptionsAt: (sandbox, url) =>
		[...sandbox.healthie.webhooks.values()]
			.filter((webhook) => webhook.url === url)
			.map((webhook) => ({ id: webhook.id, events: webhook.events, secret: webhook.signature_secret, enabled: webhook.is_enabled })),
	emit: async (sandbox, event, variant) => await sandbox.healthie.emit({ event_type: event, resource_id: variant === undefined ? '3001' : String(4000 + variant) }),

	lifecycle: {
		events: THREE_EVENTS,
		otherEvents: ['task.created', 'message.created'],
		creates: (sandbox) => healthieCalls(sandbox, 'createWebhook'),
		drop: (sandbox, id) => void sandbox.healthie.webhooks.delete(id),
		disable: (sandbox, id) => void sandbox.healthie.disable(id),
		addForeign: (sandbox, url, event) => void sandbox.healthie.addWebhook(url, [event]),
		refuseCreate: (sandbox) => {
			// Healthie refuses in `messages` (HTTP 200), here every create after the first.
			sandbox.healthie.rejectWebhookCreates(1000, 1, { field: 'url', message: 'Url is invalid' });
			return { events: THREE_EVENTS, words: /Healthie did not accept the request: Url is invalid/ };
		},
		refusedKey: { credentials: { apiKey: 'wrong' }, message: /Healthie refused the API key \(401\).*the API key is not valid/ },
		namesVendorAnswer: namesVendorAnswer('Healthie', /rejected the request/),
		soak: {
			eventSets: [
				['appointment.created', 'appointment.updated', 'appointment.deleted'],
				['form_answer_group.created'],
				['patient.created', 'patient.updated', 'task.created', 'message.created'],
			],
			// Everything is a GraphQL POST to one endpoint.
			publishMethods: ['POST'],
			unpublishMethods: ['POST'],
		},
	},

	deliveries: {
		events: ['appointment.created'],
		unselected: 'appointment.deleted',
		sample: {
			// Include Full Record on (the default): the appointment is fetched; extra payload keys pass through.
			parameters: { events: ['appointment.created'] },
			send: async (sandbox) =>
				await sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001', extra: { resource_organization_id: 'org_1' } }),
			item: () =>
				expect.objectContaining({
					event_type: 'appointment.created',
					resource_id: '3001',
					resource_id_type: 'Appointment',
					changed_fields: [],
					resource_organization_id: 'org_1',
					receivedAt: expect.any(String),
					record: expect.objectContaining({ id: '3001', contact_type: 'Healthie Video Call', user: expect.objectContaining({ id: '1001' }) }),
					dedupeKey: digestKey(),
				}),
		},
		testSubscriptions: true,
	},

	corpus: { event: 'appointment.created', secret: 'whsec_corpus-secret' },

	account: {
		acceptApiKey: (sandbox, key) => void (sandbox.healthie.apiKey = key),
		read: { resource: 'patient', operation: 'get', patientId: '1001' },
	},

	demo: {
		credentialName: 'Healthie (sandbox)',
		// Ada's filled-out intake form: what the example "intake form completed → task" listens for.
		sendSampleEvents: async (sandbox) => await sandbox.healthie.emit({ event_type: 'form_answer_group.created', resource_id: '4001' }),
		curl: (url) =>
			`curl -X POST ${url}/_sandbox/healthie/events -H 'content-type: application/json' -d '{"event_type":"form_answer_group.created","resource_id":"4001"}'`,
	},

	bench: {
		/** Healthie needs two hashes at the least: the HMAC over the signed string and the body's digest. */
		baseline: ({ rawBody, headers }, secret, url = DEFAULT_WEBHOOK_URL) => {
			const digest = headers['content-digest'].slice(headers['content-digest'].indexOf('=') + 1);
			const data = `post ${new URL(url).pathname}  ${digest} application/json ${rawBody.length}`;
			const signed = `sig1=${createHmac('sha256', secret).update(data).digest('hex')}` === headers.signature;
			return signed && createHash('sha256').update(rawBody).digest('base64') === digest && JSON.parse(rawBody.toString('utf8'));
		},
	},

	invariants: {
		baseUrl: INVARIANTS_BASE,
		credentials: (secrets) => ({ apiKey: secrets.apiKey, environment: 'production', apiVersion: '2026-01-01', authorizationShard: '' }),
		secretsOf: (secrets) => [secrets.apiKey],
		answer(request, value) {
			const query = String((request.body as { query?: unknown } | undefined)?.query ?? '');
			const record = () => ({ id: value(), first_name: value(), email: value(), notes: value() });
			if (query.includes('n8nListWebhooks')) {
				return query.includes('nodes {')
					? { data: { webhooks: { nodes: [], page_info: { has_next_page: false, end_cursor: null } } } }
					: { data: { webhooks: [] } };
			}
			if (query.includes('n8nCreateWebhook')) {
				return { data: { createWebhook: { webhook: { id: value(), signature_secret: value() }, messages: [] } } };
			}
			if (query.includes('n8nDeleteWebhook')) return { data: { deleteWebhook: { webhook: { id: value() }, messages: [] } } };
			// Lists: a connection page (2026-01-01, what these credentials ask for) whose cursor is the vendor's.
			const page = () => ({ nodes: [record(), record()], page_info: { has_next_page: false, end_cursor: value() } });
			// Every root field the node's documents ask for; a custom query gets them all as its data.
			return {
				data: {
					user: record(),
					appointment: record(),
					formAnswerGroup: record(),
					users: page(),
					appointments: page(),
					createClient: { user: record(), messages: [] },
					updateClient: { user: record(), messages: [] },
					createAppointment: { appointment: record(), messages: [] },
					updateAppointment: { appointment: record(), messages: [] },
					deleteAppointment: { appointment: record(), messages: [] },
				},
			};
		},
		ownUnsignedHeaders: ['content-type'],
		echoes: {
			error: (secret) => ({ errors: [{ message: secret, extensions: { code: secret } }] }),
			success: (secret) => ({ data: { createClient: { user: null, messages: [{ field: 'email', message: secret }] } } }),
		},
		catalogue: {
			'patient:create': {
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.org',
				additionalFields: { dob: '1906-12-09', phone_number: '+15555550199', record_identifier: 'MRN-1' },
			},
			'patient:get': { patientId: '1002' },
			'patient:getAll': { returnAll: false, limit: 10, filters: { keywords: 'Lovelace', group_id: '7' } },
			'patient:update': { patientId: '1001', updateFields: { quick_notes: 'Prefers mornings', active: false } },
			'appointment:create': {
				patientId: '1001',
				appointmentTypeId: '12',
				contactType: 'Healthie Video Call',
				start: '2026-03-01T09:30:00-05:00',
				providerId: '2001',
				additionalFields: { notes: 'First visit', appointment_location_id: 'loc-1', metadata: '{"source":"n8n"}', timeZone: 'America/Chicago' },
			},
			'appointment:cancel': { appointmentId: '3001' },
			'appointment:delete': { appointmentId: '3001' },
			'appointment:get': { appointmentId: '3001' },
			'appointment:getAll': {
				returnAll: true,
				filters: { patientId: '1001', keywords: 'Lovelace', startDate: '2026-03-01T00:00:00', endDate: '2026-03-31T23:59:00', timeZone: 'America/New_York' },
			},
			'appointment:update': {
				appointmentId: '3001',
				updateFields: { start: '2026-03-02T10:00:00', notes: 'Moved', external_videochat_url: 'https://meet.example/1' },
			},
			'formAnswerGroup:get': { formAnswerGroupId: '4001' },
			'customQuery:run': {
				query: 'query q($id: ID) { user(id: $id, clear_notifs: false) { id email } }',
				variables: '{"id":"1001"}',
			},
		},
	},
};
