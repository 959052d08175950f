import { createHmac } from 'node:crypto';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { RxScale } from '../../nodes/RxScale/RxScale.node';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import type { RxScaleSimulationOptions } from '../sandbox/rxScale';
import { RXSCALE_EVENTS, RXSCALE_PERMISSIONS, RxScaleSimulation } from '../sandbox/rxScale';
import { signRxScaleDelivery } from '../sandbox/rxScale/signing';
import type { VendorKit } from './kit';
import { digestKey, namesVendorAnswer, pathBelow } from './kit';

/**
 * RxScale: one subscription per event type with a secret RxScale issues, removed by target and
 * type; deliveries only to https (tests put a TLS front before n8n), signed over the body alone,
 * whose own `timestamp` is the signed time.
 */

const FOUR_EVENTS = RXSCALE_EVENTS.filter((event) => event !== 'appointment_reminder_due');
const SUBSCRIPTIONS = '/v1/management/notification-subscriptions/';
const INVARIANTS_BASE = 'https://rx.example.test/rx-base';

export const rxScale: VendorKit<RxScaleSimulation, RxScaleSimulationOptions> = {
	slug: 'rxScale',
	name: 'RxScale',
	simulation: { create: (context, options) => new RxScaleSimulation(context, options) },
	trigger: new RxScaleTrigger(),
	action: new RxScale(),
	credentialType: new RxScaleApi(),

	signing: {
		sign: (body, secret, timestampSeconds) => signRxScaleDelivery(body, secret, timestampSeconds),
		headers: ['x-webhook-signature'],
		// The body's signed timestamp may be a day old (the trigger's default maximum age).
		windowSeconds: 86_400,
	},
	envelope: (event, i, nowSeconds) => ({ event_type: event, timestamp: nowSeconds, payload_version: '1', data: { uid: `po-${i}`, status: 'created' } }),
	secretIn: 'staticData',
	selfRegisters: true,
	https: true,
	parameters: (events) => ({ events, options: {} }),
	fetchesRecords: false,

	subscriptionsAt: (sandbox, url) =>
		sandbox.rxScale
			.active()
			.filter((subscription) => subscription.target === url)
			.map((subscription) => ({ id: subscription.uid, events: [subscription.notification_type], secret: subscription.signing_secret })),
	emit: async (sandbox, event, variant) => await sandbox.rxScale.emit(event, variant === undefined ? undefined : `uid-${2000 + variant}`),

	lifecycle: {
		events: FOUR_EVENTS,
		otherEvents: ['patient_doctor_meeting_updated', 'pharmacy_order_updated'],
		creates: (sandbox) => sandbox.server.requestsTo('rxScale', { method: 'POST', path: SUBSCRIPTIONS }).length,
		drop: (sandbox, id) => void sandbox.rxScale.dropSubscription(id),
		addForeign: (sandbox, url, event) => void sandbox.rxScale.addSubscription(url, event),
		refuseCreate: (sandbox) => {
			// An account that may not subscribe to appointment reminders (docs/vendors/rxscale.md#appointment-reminder-subscribable).
			sandbox.rxScale.settings.subscribableTypes = FOUR_EVENTS;
			return {
				events: [...FOUR_EVENTS, 'appointment_reminder_due'],
				refused: 'appointment_reminder_due',
				words: /RxScale rejected the request: notification_type: Must be one of/,
			};
		},
		refusedKey: { credentials: { apiKey: 'not-a-key' }, message: /RxScale refused the API key \(401\): Invalid API key/ },
		faults: { create: { method: 'POST' }, remove: { method: 'DELETE' } },
		namesVendorAnswer: namesVendorAnswer('RxScale'),
		soak: {
			eventSets: [FOUR_EVENTS, ['pharmacy_order_created'], ['pharmacy_sku_stock_updated', 'patient_doctor_meeting_updated']],
			publishMethods: ['GET', 'POST'],
			unpublishMethods: ['GET', 'DELETE'],
		},
	},

	deliveries: {
		events: ['pharmacy_order_created'],
		unselected: 'pharmacy_sku_stock_updated',
		sample: {
			parameters: { events: ['pharmacy_order_created'], options: {} },
			send: async (sandbox) => await sandbox.rxScale.emit('pharmacy_order_created', 'po-1007'),
			// The envelope as RxScale sent it (order po-1007), marked as no test delivery.
			item: (delivery) => ({ ...(JSON.parse(String(delivery.attempts[0].request.body)) as object), isTest: false, dedupeKey: digestKey() }),
		},
		testSubscriptions: true,
	},

	corpus: { event: 'pharmacy_order_created', secret: 'rxscale-subscription-secret' },

	account: {
		// RxScale keys carry permissions: this one has them all.
		acceptApiKey: (sandbox, key) => void sandbox.rxScale.keys.set(key, RXSCALE_PERMISSIONS),
		read: { resource: 'subscription', operation: 'getAll', returnAll: true },
	},

	demo: {
		credentialName: 'RxScale (sandbox)',
		sendSampleEvents: async (sandbox) => [
			...(await sandbox.rxScale.emit('pharmacy_order_created', 'po-1001')),
			...(await sandbox.rxScale.emit('pharmacy_order_updated', 'po-1002')),
		],
		curl: (url) =>
			`curl -X POST ${url}/_sandbox/rxScale/events -H 'content-type: application/json' -d '{"event_type":"pharmacy_order_created","uid":"po-1001"}'`,
	},

	bench: {
		baseline: ({ rawBody, headers }, secret) => {
			const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
			return expected === headers['x-webhook-signature'] && JSON.parse(rawBody.toString('utf8'));
		},
	},

	invariants: {
		baseUrl: INVARIANTS_BASE,
		credentials: (secrets) => ({ apiKey: secrets.apiKey, environment: 'custom', baseUrl: INVARIANTS_BASE, webhookSigningSecret: secrets.signingSecret }),
		secretsOf: (secrets) => [secrets.apiKey, secrets.signingSecret],
		answer(request, value) {
			const path = pathBelow(request.url, INVARIANTS_BASE);
			if (path === SUBSCRIPTIONS) {
				if (request.method === 'GET') return [{ uid: value(), notification_type: 'pharmacy_order_created', target: value() }];
				if (request.method === 'POST') {
					const body = (request.body ?? {}) as Record<string, unknown>;
					return { uid: value(), notification_type: body.notification_type, target: body.target, signing_secret: value() };
				}
				return {};
			}
			if (path === `${SUBSCRIPTIONS}test`) return { delivered: true, note: value() };
			if (path === '/v1/management/orders') return { orders: [{ uid: value() }, { uid: value() }], totalPages: 1 };
			if (path === '/v1/management/scheduling/appointments') return { data: [{ uid: value(), status: value() }, { uid: value() }], totalPages: 1 };
			if (path === '/v1/management/patients') return { uid: value(), data: { display_name: value(), email: value(), date_of_birth: value() } };
			return { uid: value(), status: value() };
		},
		ownUnsignedHeaders: ['content-type', 'x-webhook-event', 'x-webhook-test'],
		echoes: {
			error: (secret) => ({ code: 'invalid_api_key', description: secret, errors: { api_key: [secret], nested: { key: secret } } }),
			success: (secret) => ({ id: secret, uid: secret, access_token: secret, message: `echo ${secret}` }),
		},
		catalogue: {
			'webhook:sendTestDelivery': {
				targetUrl: 'https://clinic.example.com/hook',
				eventType: 'pharmacy_sku_stock_updated',
				additionalFields: { headerKey: 'X-Clinic-Token', headerValue: 'clinic-secret-123' },
			},
			'subscription:getAll': { returnAll: true },
			'subscription:create': {
				notificationType: 'pharmacy_order_updated',
				target: 'https://clinic.example.com/hooks/rxscale',
				additionalFields: { metaData: '{"clinic":"Berlin"}' },
			},
			// The fake vendor's list answers one subscription whose uid is its first value, `value-1`.
			'subscription:delete': { subscription: { __rl: true, mode: 'list', value: 'value-1', cachedResultName: 'Pharmacy Order Created → value-2' } },
			'order:get': { orderUid: { __rl: true, mode: 'list', value: 'ord-2005', cachedResultName: 'ord-2005' } },
			'order:getAll': {
				returnAll: false,
				limit: 10,
				filters: { created_at_from: '2026-01-02T00:00:00', created_at_to: '2026-01-03T00:00:00Z', shop_identifier: 'hamburg-shop', search: 'ada' },
			},
			'patient:get': { patientUid: { __rl: true, mode: 'email', value: 'max@example.org' } },
			'prescription:get': { prescriptionUid: { __rl: true, mode: 'id', value: 'rx-9001' } },
			'appointment:getAll': {
				returnAll: false,
				limit: 10,
				filters: { status: 'confirmed', from: '2026-03-02T00:00:00', to: '2026-03-09T00:00:00+01:00', doctor_uid: 'doc-1', patient_uid: 'pat-3001' },
			},
		},
		textNeverSent: {
			// The UID is looked up in RxScale's list, and the delete is sent by the target and type listed there.
			'subscription:delete': 'the subscription UID only selects an entry of the list read first',
		},
	},
};
