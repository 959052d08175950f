import { createHmac } from 'node:crypto';

import { HeroHealthTrigger } from '../../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { PipelineCase } from './types';

const KEY = 'a'.repeat(64);

export const heroHealthCase: PipelineCase = {
	vendor: 'Hero Health',
	trigger: new HeroHealthTrigger(),
	parameters: { events: ['appointment.confirmed'], options: {} },
	staticData: { subscriptions: [{ id: '1', events: ['appointment.confirmed'], secret: KEY }] },
	delivery(i) {
		const body = JSON.stringify({ object: 'Appointment', id: String(1000 + i), practice_group_id: '1234', event: 'appointment.confirmed' });
		const timestamp = String(Math.floor(Date.now() / 1000));
		const signature = createHmac('sha256', KEY).update(`${timestamp}.${body}`).digest('hex');
		return {
			rawBody: Buffer.from(body),
			headers: { 'content-type': 'application/json', 'x-herohealth-timestamp': timestamp, 'x-herohealth-signature': signature },
		};
	},
	baseline({ rawBody, headers }) {
		const expected = createHmac('sha256', KEY)
			.update(`${headers['x-herohealth-timestamp']}.`)
			.update(rawBody)
			.digest('hex');
		return expected === headers['x-herohealth-signature'] && JSON.parse(rawBody.toString('utf8'));
	},
};
