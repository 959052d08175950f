import { createHmac } from 'node:crypto';

import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import { HearLink } from '../../nodes/HearLink/HearLink.node';
import { HearLinkTrigger } from '../../nodes/HearLink/HearLinkTrigger.node';
import type { HearLinkSimulationOptions } from '../sandbox/hearLink';
import { HEARLINK_EVENTS, HearLinkSimulation } from '../sandbox/hearLink';
import { SEED } from '../sandbox/hearLink/practice';
import { signHearLinkDelivery } from '../sandbox/hearLink/signing';
import type { VendorKit } from './kit';

/**
 * HearLink: no webhook API. An admin creates the webhook in HearLink's portal for the trigger's
 * URL and pastes the secret it shows into the credential; the trigger registers nothing (so the
 * lifecycle suites leave it out), and its "subscriptions" are the portal's webhooks. Deliveries
 * are signed `t=…,v1=…` and retried with the same envelope id.
 */

const INVARIANTS_BASE = 'https://app.hearlink.co.uk/api';

export const hearLink: VendorKit<HearLinkSimulation, HearLinkSimulationOptions> = {
	slug: 'hearLink',
	name: 'HearLink',
	simulation: { create: (context, options) => new HearLinkSimulation(context, options) },
	trigger: new HearLinkTrigger(),
	action: new HearLink(),
	credentialType: new HearLinkApi(),

	signing: {
		sign: (body, secret, timestampSeconds) => signHearLinkDelivery(body, secret, timestampSeconds),
		headers: ['x-hearlink-signature'],
		windowSeconds: 300,
	},
	envelope: (event, i) => ({ id: `evt_${i}`, type: event, createdAt: '2026-11-24T10:00:00Z', data: { uid: `p-${i}` } }),
	secretIn: 'credential',
	selfRegisters: false,
	https: false,
	parameters: (events) => ({ events, options: {} }),
	fetchesRecords: false,

	subscriptionsAt: (sandbox, url) =>
		[...sandbox.hearLink.webhooks.values()]
			.filter((webhook) => webhook.url === url)
			.map((webhook) => ({ id: webhook.id, events: webhook.events, secret: webhook.secret, enabled: webhook.enabled })),
	// Every HearLink event has an id of its own: each emission is another event already.
	emit: async (sandbox, event) => await sandbox.hearLink.emit(event),
	// As an admin does in HearLink's portal before publishing: a webhook for each trigger's Production
	// URL, whose secret goes into the credential. One credential holds one webhook's secret.
	credentialsFor: (sandbox, triggers) => {
		const secrets = triggers
			.filter((trigger) => trigger.type.split('.').pop() === hearLink.trigger.description.name)
			.map((trigger) => sandbox.hearLink.createWebhook(trigger.productionUrl, portalEvents(trigger.parameters)).secret);
		if (secrets.length > 1) {
			throw new Error('Each HearLink trigger needs a credential of its own (one webhook secret each); these triggers share one');
		}
		return { ...sandbox.hearLink.credentials(), ...(secrets.length > 0 ? { webhookSigningSecret: secrets[0] } : {}) };
	},

	deliveries: {
		events: ['patient.created', 'appointment.updated'],
		unselected: 'patient.updated',
		sample: {
			parameters: { events: ['patient.created', 'appointment.updated'], options: {} },
			send: async (sandbox) => await sandbox.hearLink.emit('patient.created'),
			// The envelope as HearLink sent it (the seeded patient), plus the delivery's id.
			item: (delivery) => {
				const envelope = JSON.parse(String(delivery.attempts[0].request.body)) as { id: string };
				// HearLink's event id is the de-duplication key: its retries keep it.
				return { ...envelope, deliveryId: delivery.attempts[0].request.headers['x-hearlink-delivery'], dedupeKey: envelope.id };
			},
		},
		// "Listen for test event" waits for the portal's Test press at the Test URL: nothing is registered.
		testSubscriptions: false,
	},

	corpus: { event: 'patient.created', secret: 'whsec_hearlink-corpus-secret' },

	account: {
		acceptApiKey: (sandbox, key) => void (sandbox.hearLink.apiKey = key),
		read: { resource: 'invoice', operation: 'get', invoiceId: SEED.invoice },
	},

	demo: {
		credentialName: 'HearLink (sandbox)',
		sendSampleEvents: async (sandbox) => await sandbox.hearLink.emit('appointment.updated'),
		curl: (url) => `curl -X POST ${url}/_sandbox/hearLink/events -H 'content-type: application/json' -d '{"type":"appointment.updated"}'`,
	},

	bench: {
		baseline: ({ rawBody, headers }, secret) => {
			const [t, v1] = headers['x-hearlink-signature'].split(',').map((part) => part.slice(part.indexOf('=') + 1));
			const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
			return expected === v1 && JSON.parse(rawBody.toString('utf8'));
		},
	},

	invariants: {
		baseUrl: INVARIANTS_BASE,
		credentials: (secrets) => ({ apiKey: secrets.apiKey, environment: 'production', webhookSigningSecret: secrets.signingSecret }),
		secretsOf: (secrets) => [secrets.apiKey, secrets.signingSecret],
		answer: (_request, value) => ({ success: true, data: { uid: value(), patientUid: value(), id: value(), name: value() } }),
		ownUnsignedHeaders: ['content-type', 'x-hearlink-delivery'],
		echoes: {
			error: (secret) => ({ success: false, error: { code: 'VALIDATION_ERROR', message: secret, details: { apiKey: secret, list: [secret] } } }),
			success: (secret) => ({ success: true, data: { uid: secret, note: `echo ${secret}` } }),
		},
		catalogue: {
			'patient:create': {
				fullName: 'John Smith',
				primaryPhoneNumber: '07123456789',
				referral: { __rl: true, mode: 'name', value: 'Facebook' },
				primaryClinic: { __rl: true, mode: 'id', value: 'c-1' },
				status: { __rl: true, mode: 'name', value: 'Patient Created' },
				secondaryStatus: { __rl: true, mode: 'name', value: 'Awaiting Call' },
				trackingProvider: 'facebook',
				trackingDetails: { ids: { id: [{ key: 'gclid', value: '123abc' }] }, utmSource: 'facebook', utmCampaign: 'spring_sale' },
				address: { line1: '1 High Street', city: 'Manchester', postcode: 'M1 1AA' },
				additionalFields: { title: 'Mr', notes: 'Prefers mornings', gender: 'male' },
			},
			'patient:get': { patientId: { __rl: true, mode: 'id', value: 'p-1' } },
			'appointment:create': {
				patientId: { __rl: true, mode: 'id', value: 'p-1' },
				appointmentTypeId: { __rl: true, mode: 'id', value: 'at-1' },
				clinicId: { __rl: true, mode: 'id', value: 'c-1' },
				assigneeId: { __rl: true, mode: 'id', value: 'u-1' },
				start: '2026-05-12T09:00:00',
				end: '2026-05-12T09:45:00',
				location: 'clinic',
				sendConfirmation: true,
				additionalFields: { additionalNote: 'Bring current hearing aids', referralId: { __rl: true, mode: 'id', value: 'r-1' } },
			},
			'appointment:get': { appointmentId: { __rl: true, mode: 'id', value: 'a-1' } },
			'invoice:get': { invoiceId: { __rl: true, mode: 'id', value: 'i-1' } },
		},
	},
};

/** The events ticked in HearLink's portal: the node's, without `webhook.test` (the portal's Test button sends it to any webhook). */
function portalEvents(parameters: Record<string, unknown>): string[] {
	const events = Array.isArray(parameters.events) ? (parameters.events as string[]) : [];
	return events.filter((event) => HEARLINK_EVENTS.includes(event));
}
