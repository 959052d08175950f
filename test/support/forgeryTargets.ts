import { createHmac } from 'node:crypto';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { ForgeryTarget } from './forgery';

/** A trigger set up to receive deliveries, with the forgery recipe for its vendor. */
export interface CorpusSubject {
	trigger: INodeType;
	parameters: IDataObject;
	staticData: IDataObject;
	/** Credentials `webhook()` may read (vendors whose secret lives in the credential). */
	credentials?: IDataObject;
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

/** Every trigger's corpus subject; each vendor adds its own here. */
export const corpusSubjects: CorpusSubject[] = [heroHealthSubject];
