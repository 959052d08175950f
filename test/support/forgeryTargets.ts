import { createHash, createHmac } from 'node:crypto';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import { HearLinkTrigger } from '../../nodes/HearLink/HearLinkTrigger.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import type { ForgeryTarget } from './forgery';

/** A trigger set up to receive deliveries, with the forgery recipe for its vendor. */
export interface CorpusSubject {
	trigger: INodeType;
	parameters: IDataObject;
	staticData: IDataObject;
	/** Credentials by type that `webhook()` may read (vendors whose secret lives in the credential). */
	credentials?: Record<string, IDataObject>;
	target: ForgeryTarget;
}

const HERO_KEY = 'b'.repeat(64);

export const heroHealthSubject: CorpusSubject = {
	trigger: new HeroHealthTrigger(),
	parameters: { events: ['appointment.confirmed'], options: {} },
	staticData: { subscriptions: [{ id: '1', events: ['appointment.confirmed'], secret: HERO_KEY }] },
	target: {
		vendor: 'Hero Health',
		signatureHeaders: ['x-herohealth-signature', 'x-herohealth-timestamp'],
		secret: HERO_KEY,
		windowSeconds: 300,
		body: (i) =>
			Buffer.from(
				JSON.stringify({ object: 'Appointment', id: String(i), practice_group_id: '1234', event: 'appointment.confirmed' }),
			),
		sign: (body, secret, timestampSeconds) => {
			const timestamp = String(timestampSeconds);
			return {
				rawBody: body,
				headers: {
					'content-type': 'application/json',
					'x-herohealth-timestamp': timestamp,
					'x-herohealth-signature': createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex'),
				},
			};
		},
	},
};

const HEALTHIE_SECRET = 'whsec_corpus-secret';

/** Healthie signs the request's path too: a target for deliveries to `path`. */
function healthieTarget(path: string): ForgeryTarget {
	return {
		vendor: 'Healthie',
		signatureHeaders: ['signature', 'content-digest'],
		secret: HEALTHIE_SECRET,
		// Healthie signs no time: replays are caught by the body-hash window, not a timestamp.
		body: (i) =>
			Buffer.from(
				JSON.stringify({ resource_id: String(i), resource_id_type: 'Appointment', event_type: 'appointment.created', changed_fields: [] }),
			),
		sign: (body, secret) => {
			const digest = createHash('sha256').update(body).digest('base64');
			const data = `post ${path}  ${digest} application/json ${body.length}`;
			return {
				rawBody: body,
				headers: {
					'content-type': 'application/json',
					'content-digest': `sha-256=${digest}`,
					signature: `sig1=${createHmac('sha256', secret).update(data).digest('hex')}`,
				},
			};
		},
		atUrl: (url) => healthieTarget(new URL(url).pathname),
	};
}

export const healthieSubject: CorpusSubject = {
	trigger: new HealthieTrigger(),
	parameters: { events: ['appointment.created'], options: { includeFullRecord: false } },
	staticData: { subscriptions: [{ id: '1', events: ['appointment.created'], secret: HEALTHIE_SECRET }] },
	// The path of mockContexts' default webhook URL, which Healthie would have signed.
	target: healthieTarget('/webhook/abc/webhook'),
};

const HEARLINK_SECRET = 'whsec_hearlink-corpus-secret';

export const hearLinkSubject: CorpusSubject = {
	trigger: new HearLinkTrigger(),
	parameters: { events: ['patient.created'], options: {} },
	staticData: {},
	// HearLink's portal shows the secret; the admin pastes it into the credential.
	credentials: { hearLinkApi: { apiKey: 'k', environment: 'production', webhookSigningSecret: HEARLINK_SECRET } },
	target: {
		vendor: 'HearLink',
		signatureHeaders: ['x-hearlink-signature'],
		secret: HEARLINK_SECRET,
		windowSeconds: 300,
		body: (i) =>
			Buffer.from(JSON.stringify({ id: `evt_${i}`, type: 'patient.created', createdAt: '2026-11-24T10:00:00Z', data: { uid: `p-${i}` } })),
		sign: (body, secret, timestampSeconds) => {
			const signature = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
			return {
				rawBody: body,
				headers: {
					'content-type': 'application/json',
					'x-hearlink-signature': `t=${timestampSeconds},v1=${signature}`,
					'x-hearlink-delivery': `dlv_${timestampSeconds}`,
				},
			};
		},
	},
};

const RXSCALE_SECRET = 'rxscale-subscription-secret';

export const rxScaleSubject: CorpusSubject = {
	trigger: new RxScaleTrigger(),
	parameters: { events: ['pharmacy_order_created'], options: {} },
	staticData: { subscriptions: [{ id: '1', events: ['pharmacy_order_created'], secret: RXSCALE_SECRET }] },
	credentials: { rxScaleApi: { apiKey: 'k', environment: 'production' } },
	target: {
		vendor: 'RxScale',
		signatureHeaders: ['x-webhook-signature'],
		secret: RXSCALE_SECRET,
		// RxScale signs only the body; the time it is checked against (a day at most) is the body's.
		windowSeconds: 86_400,
		body: (i) =>
			Buffer.from(
				JSON.stringify({
					event_type: 'pharmacy_order_created',
					timestamp: Math.floor(Date.now() / 1000),
					payload_version: '1',
					data: { uid: `po-${i}`, status: 'created' },
				}),
			),
		sign: (body, secret, timestampSeconds) => {
			const rawBody = withBodyTimestamp(body, timestampSeconds);
			return {
				rawBody,
				headers: {
					'content-type': 'application/json',
					'x-webhook-event': 'pharmacy_order_created',
					'x-webhook-signature': createHmac('sha256', secret).update(rawBody).digest('hex'),
				},
			};
		},
	},
};

/** Every trigger's corpus subject; each vendor adds its own here. */
export const corpusSubjects: CorpusSubject[] = [heroHealthSubject, healthieSubject, hearLinkSubject, rxScaleSubject];

/** An RxScale body carries its own (signed) time: the body with `timestamp` set, when it is one. */
function withBodyTimestamp(body: Buffer, timestampSeconds: number): Buffer {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('timestamp' in parsed)) return body;
		return Buffer.from(JSON.stringify({ ...parsed, timestamp: timestampSeconds }));
	} catch {
		return body;
	}
}
