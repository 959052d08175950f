import { createHmac } from 'node:crypto';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { HeroSimulationOptions } from '../sandbox/heroHealth';
import { HERO_SANDBOX_PRACTICE_GROUP, heroObjectOf, HeroHealthSimulation } from '../sandbox/heroHealth';
import { signHeroHealthDelivery } from '../sandbox/heroHealth/signing';
import type { VendorKit } from './kit';
import { digestKey, namesVendorAnswer, pathBelow } from './kit';

/**
 * Hero Health: one subscription per event, all signed with one key the node chooses (hex, Unix
 * seconds), records fetched on request ("Include Full Record"), a REST API under `/v1/`.
 */

const THREE_EVENTS = ['appointment.confirmed', 'appointment.cancelled', 'prescription.issued'];
const INVARIANTS_BASE = 'https://api.example.test/hero-base';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const heroTiming = {
	startTime: '2030-03-04T10:00:00',
	duration: 15,
	practitionerId: { __rl: true, mode: 'list', value: '32' },
	options: { suppress_mail: true },
};
const heroSlotFilters = {
	appointmentTypeId: { __rl: true, mode: 'list', value: '2' },
	locationId: '5',
	practitionerId: { __rl: true, mode: 'id', value: '32' },
	startDate: '2030-03-05T00:00:00',
	endDate: '2030-03-06',
};

export const heroHealth: VendorKit<HeroHealthSimulation, HeroSimulationOptions> = {
	slug: 'heroHealth',
	name: 'Hero Health',
	simulation: { create: (context, options) => new HeroHealthSimulation(context, options) },
	trigger: new HeroHealthTrigger(),
	action: new HeroHealth(),
	credentialType: new HeroHealthApi(),

	signing: {
		sign: (body, key, timestampSeconds) => signHeroHealthDelivery(body, key, timestampSeconds),
		headers: ['x-herohealth-signature', 'x-herohealth-timestamp'],
		windowSeconds: 300,
	},
	envelope: (event, i) => ({ object: heroObjectOf(event), id: String(i), practice_group_id: HERO_SANDBOX_PRACTICE_GROUP, event }),
	secretIn: 'staticData',
	selfRegisters: true,
	https: false,
	parameters: (events) => ({ events, options: {} }),
	fetchesRecords: true,

	subscriptionsAt: (sandbox, url) =>
		[...sandbox.heroHealth.webhooks.values()]
			.filter((webhook) => webhook.url === url)
			.map((webhook) => ({ id: webhook.id, events: [webhook.event_type], secret: webhook.signing_key })),
	emit: async (sandbox, event, variant) => await sandbox.heroHealth.emit(event, variant === undefined ? '1001' : String(2000 + variant)),

	lifecycle: {
		events: THREE_EVENTS,
		otherEvents: ['appointment.rescheduled', 'write-to-record.failed'],
		creates: (sandbox) => sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/webhooks' }).length,
		drop: (sandbox, id) => void sandbox.heroHealth.dropSubscription(id),
		addForeign: (sandbox, url, event) => void sandbox.heroHealth.addWebhook(url, event),
		refuseCreate: (sandbox) => {
			// Every create after the first gets Hero's 400 for an invalid URL.
			sandbox.server.faults.inject({
				vendor: 'heroHealth',
				method: 'POST',
				path: '^/v1/webhooks$',
				kind: 'status',
				status: 400,
				body: { error: true, statusCode: 400, message: [{ code: 'invalid_string', expected: 'uri', path: ['url'] }] },
				after: 1,
				times: 1000,
			});
			return { events: THREE_EVENTS, refused: 'appointment.cancelled', words: /url: expected uri/ };
		},
		refusedKey: { credentials: { apiKey: 'wrong' }, message: /Hero Health refused the API key \(401\)/ },
		faults: { create: { method: 'POST', path: '^/v1/webhooks$' }, remove: { method: 'DELETE' } },
		namesVendorAnswer: namesVendorAnswer('Hero Health'),
		soak: {
			eventSets: [
				['appointment.confirmed', 'appointment.cancelled', 'appointment.rescheduled'],
				['prescription.issued'],
				['write-to-record.succeeded', 'write-to-record.failed', 'patient.medical-record-updated', 'patient.added-to-sequence'],
			],
			publishMethods: ['GET', 'POST'],
			unpublishMethods: ['GET', 'DELETE'],
		},
	},

	deliveries: {
		events: ['appointment.confirmed'],
		unselected: 'appointment.cancelled',
		sample: {
			parameters: { events: ['appointment.confirmed'], options: { includeFullRecord: true } },
			send: async (sandbox) => await sandbox.heroHealth.emit('appointment.confirmed', '1001'),
			item: (delivery, sandbox) =>
				expect.objectContaining({
					event: 'appointment.confirmed',
					object: 'Appointment',
					id: '1001',
					practice_group_id: sandbox.heroHealth.practiceGroupId,
					deliveryTimestamp: delivery.attempts[0].request.headers['x-herohealth-timestamp'],
					receivedAt: expect.any(String),
					record: expect.objectContaining({ id: '1001' }),
					dedupeKey: digestKey(),
				}),
		},
		testSubscriptions: true,
	},

	corpus: { event: 'appointment.confirmed', secret: 'b'.repeat(64) },

	account: {
		acceptApiKey: (sandbox, key) => void (sandbox.heroHealth.apiKey = key),
		read: { resource: 'location', operation: 'getAll', returnAll: true },
	},

	demo: {
		credentialName: 'Hero Health (sandbox)',
		sendSampleEvents: async (sandbox) => [
			...(await sandbox.heroHealth.emit('appointment.confirmed', '1001')),
			...(await sandbox.heroHealth.emit('appointment.confirmed', '1002')),
		],
		curl: (url) =>
			`curl -X POST ${url}/_sandbox/heroHealth/events -H 'content-type: application/json' -d '{"event":"appointment.confirmed","id":"1001"}'`,
	},

	bench: {
		baseline: ({ rawBody, headers }, secret) => {
			const expected = createHmac('sha256', secret).update(`${headers['x-herohealth-timestamp']}.`).update(rawBody).digest('hex');
			return expected === headers['x-herohealth-signature'] && JSON.parse(rawBody.toString('utf8'));
		},
	},

	invariants: {
		baseUrl: INVARIANTS_BASE,
		credentials: (secrets) => ({ apiKey: secrets.apiKey, practiceGroupId: '1234', environment: 'custom', baseUrl: `${INVARIANTS_BASE}/` }),
		secretsOf: (secrets) => [secrets.apiKey],
		answer(request, value) {
			const path = pathBelow(request.url, INVARIANTS_BASE);
			const record = () => ({ id: value(), name: value(), start_time: '2030-03-04T09:00:00Z', note: value() });
			if (request.method === 'GET' && /^\/v1\/(appointment_types|locations|slots|webhooks|batch_message)\/?$/.test(path)) {
				return { data: [record(), record()], count: 2 };
			}
			if (request.method === 'GET' && /^\/v1\/batch_message\/[^/]+\/(recipients|messages)$/.test(path)) {
				return { data: [record(), record()], count: 2 };
			}
			// A slot of the type and location the catalogue's Reserve chose, with whatever else Hero says.
			if (request.method === 'GET' && /^\/v1\/slots\/[^/]+$/.test(path) && path !== '/v1/slots/count') {
				return {
					id: value(),
					practitioner_id: value(),
					appointment_type_id: '2',
					location_id: '5',
					start_time: '2030-03-04T09:00:00Z',
					finish_time: '2030-03-04T09:15:00Z',
				};
			}
			if (path === '/v1/slots/count') return { count: 3 };
			if (path === '/v1/access_token') return { access_token: value() };
			if (path === '/v1/patients/register_pds') return { patient_id: value(), login_url: '' };
			return record();
		},
		ownUnsignedHeaders: ['content-type'],
		echoes: {
			error: (secret) => ({ statusCode: 400, error: 'Bad Request', message: [{ code: 'invalid', path: ['apiKey'], expected: secret, message: secret }] }),
			success: (secret) => ({ id: secret, uid: secret, access_token: secret, message: `echo ${secret}` }),
		},
		catalogue: {
			'appointment:reserve': {
				appointmentTypeId: { __rl: true, mode: 'list', value: '2' },
				locationId: { __rl: true, mode: 'list', value: '5' },
				timeFrom: 'slot',
				slotId: { __rl: true, mode: 'list', value: '7013' },
				patientId: { __rl: true, mode: 'id', value: '501' },
				additionalFields: { reason: 'Flu jab', billpayer_id: '77' },
			},
			'appointment:confirm': { appointmentId: '1001' },
			'appointment:get': { appointmentId: '1001' },
			'appointment:update': { appointmentId: '1001', ...heroTiming },
			'appointment:reschedule': { appointmentId: '1001', ...heroTiming },
			'appointment:cancel': { appointmentId: '1001', options: { suppress_cancellation_policy: true } },
			'appointmentType:getAll': { returnAll: true, filters: { locationIds: '6, 7', hasAvailability: true } },
			'batchMessage:create': {
				name: 'Flu clinic',
				channel: 'EMAIL',
				subject: 'Flu clinic',
				content: 'Flu clinic on Saturday: reply YES to book',
				recipientsInput: 'fields',
				recipients: { recipient: [{ nhs_number: '943 476 5919', dob: '1985-12-10' }] },
			},
			'batchMessage:get': { batchId: 'b-1' },
			'batchMessage:getAll': { returnAll: true, filters: { status: 'QUEUED' } },
			'batchMessage:send': { batchId: { __rl: true, mode: 'list', value: 'b-1' } },
			'batchMessage:getRecipients': { batchId: 'b-1', returnAll: false, limit: 10, filters: { status: 'ENRICHED' } },
			'batchMessage:getMessages': { batchId: { __rl: true, mode: 'list', value: 'b-1' }, returnAll: true },
			'elements:createAccessToken': {},
			'link:createBookingLink': {
				appointmentTypeId: '2',
				locationId: { __rl: true, mode: 'list', value: '5' },
				additionalFields: {
					patient_id: { __rl: true, mode: 'id', value: '501' },
					practitioner_id: { __rl: true, mode: 'list', value: '32' },
					from_date: '2030-03-04T00:00:00',
					to_date: '2030-03-08',
					expiry_date: inDays(14),
					maximum_use_count: 1,
				},
			},
			'link:createAttachmentLink': { patientId: '501', fileSource: 'ehrFile', ehrFileId: 'F-889', expiryDate: inDays(7), maximumUseCount: 3 },
			'location:getAll': { returnAll: true },
			'message:send': {
				patientId: '501',
				messageType: 'sms',
				message: 'Your flu jab is due. Reply to book.',
				recipient: '07700 900123',
				additionalFields: { short_link_id: 'sl-1', snomed_code: '1234', snomed_term: 'Flu', task_id: 't-1', attachment_uuid: 'u-1' },
			},
			'patient:registerPds': { traceBy: 'demographics', forename: 'Ada', surname: 'Lovelace', dob: '1985-12-10', postcode: 'LS1 4AP' },
			'patient:get': { patientId: '501' },
			'slot:getAll': { returnAll: false, limit: 5, filters: heroSlotFilters },
			'slot:count': { filters: heroSlotFilters },
			'slot:get': { slotId: 's-1' },
		},
	},
};
