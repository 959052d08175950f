import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { eventually } from '../support/eventually';
import { TriggerHarness } from '../support/n8nCore';
import { WebhookReceiver } from '../support/webhookReceiver';

/**
 * The Hero Health trigger's real code, inside n8n-core's contexts, against the sandbox over real
 * HTTP; deliveries come from the sandbox to a stand-in of n8n's webhook server.
 */

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let webhookCounter = 0;

const THREE_EVENTS = ['appointment.confirmed', 'appointment.cancelled', 'prescription.issued'];

beforeAll(async () => {
	sandbox = await startSandbox();
	sandbox.heroHealth.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
	receiver = await WebhookReceiver.start();
});

afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});

beforeEach(() => sandbox.server.reset());

function heroTrigger(parameters: IDataObject = { events: THREE_EVENTS }): TriggerHarness {
	webhookCounter++;
	const harness = new TriggerHarness({
		trigger: new HeroHealthTrigger(),
		credentialTypes: [new HeroHealthApi()],
		credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
		parameters,
		n8nBaseUrl: receiver.url,
		webhookId: `00000000-0000-4000-8000-${String(webhookCounter).padStart(12, '0')}`,
	});
	receiver.register(harness);
	return harness;
}

function subscriptionsAt(url: string) {
	return [...sandbox.heroHealth.webhooks.values()].filter((webhook) => webhook.url === url);
}

function eventsAt(url: string): string[] {
	return subscriptionsAt(url)
		.map((webhook) => webhook.event_type)
		.sort();
}

function storedKeys(harness: TriggerHarness, mode: 'production' | 'test' = 'production'): string[] {
	const stored = (harness.nodeStaticData(mode).subscriptions ?? []) as Array<{ secret?: string }>;
	return [...new Set(stored.map((subscription) => subscription.secret ?? ''))];
}

describe('publishing and unpublishing', () => {
	it('registers exactly the selected events at the production URL, each signed with the node key', async () => {
		const trigger = heroTrigger();
		await trigger.publish();

		expect(eventsAt(trigger.productionUrl())).toEqual([...THREE_EVENTS].sort());
		expect(sandbox.heroHealth.webhooks.size).toBe(3);
		const keys = storedKeys(trigger);
		expect(keys).toHaveLength(1);
		expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
		for (const webhook of subscriptionsAt(trigger.productionUrl())) expect(webhook.signing_key).toBe(keys[0]);
	});

	it('removes every subscription on unpublish and forgets the key', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		await trigger.unpublish();

		expect(sandbox.heroHealth.webhooks.size).toBe(0);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('republishing unchanged makes no new subscription (checkExists says yes)', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		const creates = () => sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/webhooks' }).length;
		expect(creates()).toBe(3);

		expect(await trigger.runHook('checkExists')).toBe(true);
		await trigger.publish();
		expect(creates()).toBe(3);
		expect(sandbox.heroHealth.webhooks.size).toBe(3);
	});

	it('never duplicates or leaves a gap over ten publish/unpublish cycles', async () => {
		const trigger = heroTrigger();
		for (let cycle = 0; cycle < 10; cycle++) {
			await trigger.publish();
			expect(eventsAt(trigger.productionUrl())).toEqual([...THREE_EVENTS].sort());
			await trigger.unpublish();
			expect(sandbox.heroHealth.webhooks.size).toBe(0);
		}
	});

	it('replaces, never adopts, subscriptions it cannot verify after static data is lost (restart, copy, reset)', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		const oldKey = storedKeys(trigger)[0];
		trigger.forgetStaticData();

		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');

		expect(eventsAt(trigger.productionUrl())).toEqual([...THREE_EVENTS].sort());
		const newKey = storedKeys(trigger)[0];
		expect(newKey).not.toBe(oldKey);
		for (const webhook of subscriptionsAt(trigger.productionUrl())) expect(webhook.signing_key).toBe(newKey);
	});

	it('fills the gap when a subscription was deleted at Hero', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		const [first] = subscriptionsAt(trigger.productionUrl());
		sandbox.heroHealth.dropSubscription(first.id);

		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');
		expect(eventsAt(trigger.productionUrl())).toEqual([...THREE_EVENTS].sort());
	});

	it('re-registers exactly the new set when the events change', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		// n8n 2.x on a changed trigger: delete, then checkExists, then create.
		await trigger.unpublish();
		trigger.setParameters({ events: ['write-to-record.failed'] });
		await trigger.publish();

		expect(eventsAt(trigger.productionUrl())).toEqual(['write-to-record.failed']);
		expect(sandbox.heroHealth.webhooks.size).toBe(1);
	});

	it('keeps other nodes’ subscriptions untouched', async () => {
		const mine = heroTrigger();
		const other = heroTrigger({ events: ['appointment.confirmed'] });
		await other.publish();
		await mine.publish();
		await mine.unpublish();

		expect(eventsAt(other.productionUrl())).toEqual(['appointment.confirmed']);
		expect(sandbox.heroHealth.webhooks.size).toBe(1);
	});

	it('rolls back and names the event and Hero’s answer when the 2nd of 3 creates fails', async () => {
		const trigger = heroTrigger();
		sandbox.server.faults.inject({
			vendor: 'heroHealth',
			method: 'POST',
			path: '^/v1/webhooks$',
			kind: 'status',
			status: 400,
			body: { error: true, statusCode: 400, message: [{ code: 'invalid_string', expected: 'uri', path: ['url'] }] },
			after: 1,
		});

		const failure = trigger.publish();
		await expect(failure).rejects.toThrow(/Hero Health did not accept the subscription for appointment\.cancelled/);
		await expect(failure).rejects.toThrow(/url: expected uri/);
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('is idempotent under n8n’s retries: a create after a failed create leaves exactly one set', async () => {
		const trigger = heroTrigger();
		// The rollback itself fails, so the first attempt leaves subscriptions behind.
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', path: '^/v1/webhooks$', kind: 'status', status: 500, after: 2 });
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'DELETE', kind: 'status', status: 500, times: 10 });
		await expect(trigger.runHook('create')).rejects.toMatchObject({
			description: expect.stringMatching(/could not be removed again \(.+\); they will be removed on the next publish/),
		});
		expect(subscriptionsAt(trigger.productionUrl()).length).toBeGreaterThan(0);

		sandbox.server.faults.clear();
		await trigger.runHook('create');
		expect(eventsAt(trigger.productionUrl())).toEqual([...THREE_EVENTS].sort());
	});

	it('retries a rate-limited list after Retry-After and then succeeds', async () => {
		const trigger = heroTrigger();
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'GET', path: '^/v1/webhooks$', kind: 'rateLimit', retryAfterSeconds: 0 });
		await trigger.publish();
		expect(sandbox.heroHealth.webhooks.size).toBe(3);
	});

	it('treats a subscription already gone (404) as removed, and reports other delete failures', async () => {
		const trigger = heroTrigger();
		await trigger.publish();
		const [gone, ...rest] = subscriptionsAt(trigger.productionUrl());
		sandbox.server.faults.inject({
			vendor: 'heroHealth',
			method: 'DELETE',
			path: `^/v1/webhooks/${gone.id}$`,
			kind: 'status',
			status: 404,
			body: { error: true, statusCode: 404, message: 'Not found' },
		});
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'DELETE', path: `^/v1/webhooks/${rest[0].id}$`, kind: 'status', status: 500, times: 3 });

		await expect(trigger.unpublish()).rejects.toThrow(/Hero Health did not remove 1 subscription/);
		expect(subscriptionsAt(trigger.productionUrl()).map((webhook) => webhook.id).sort()).toEqual(
			[gone.id, rest[0].id].sort(),
		);

		await trigger.unpublish(); // n8n retries delete
		expect(subscriptionsAt(trigger.productionUrl())).toHaveLength(0);
	});

	it('fails publish with Hero’s words when the key is refused, leaving nothing', async () => {
		const trigger = heroTrigger();
		trigger.credentialsHelper.data.heroHealthApi = { ...sandbox.heroHealth.credentials(), apiKey: 'wrong' };
		await expect(trigger.publish()).rejects.toThrow(/Hero Health refused the API key \(401\)/);
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
	});
});

describe('deliveries', () => {
	async function publishedTrigger(parameters?: IDataObject) {
		const trigger = heroTrigger(parameters);
		await trigger.publish();
		return trigger;
	}

	function sign(key: string, timestamp: string, body: string) {
		return createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
	}

	async function post(url: string, body: string, headers: Record<string, string>) {
		const response = await request(url, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json', ...headers },
		});
		return { status: response.statusCode, body: await response.body.text() };
	}

	const body = JSON.stringify({
		object: 'Appointment',
		id: '1001',
		practice_group_id: '1234',
		event: 'appointment.confirmed',
	});
	const now = () => String(Math.floor(Date.now() / 1000));

	it('runs the workflow exactly once for a signed delivery from Hero', async () => {
		const trigger = await publishedTrigger();
		const [delivery] = await sandbox.heroHealth.emit('appointment.confirmed', '1001');

		expect(delivery.delivered).toBe(true);
		const executions = receiver.executionsOf(trigger);
		expect(executions).toHaveLength(1);
		expect(executions[0].items).toEqual([
			expect.objectContaining({
				event: 'appointment.confirmed',
				object: 'Appointment',
				id: '1001',
				practice_group_id: '1234',
				deliveryTimestamp: expect.stringMatching(/^\d+$/),
				receivedAt: expect.any(String),
			}),
		]);
		const key = storedKeys(trigger)[0];
		expect(JSON.stringify(executions[0].items)).not.toContain(key);
	});

	it.each([
		['forged (signed with another key)', (ts: string) => ({ 'x-herohealth-timestamp': ts, 'x-herohealth-signature': sign('not-the-key', ts, body) })],
		['without signature headers', () => ({})],
		['without a timestamp', (ts: string, key: string) => ({ 'x-herohealth-signature': sign(key, ts, body) })],
		['stale (10 minutes old)', (_ts: string, key: string) => {
			const old = String(Math.floor(Date.now() / 1000) - 600);
			return { 'x-herohealth-timestamp': old, 'x-herohealth-signature': sign(key, old, body) };
		}],
		['with a duplicated signature header', (ts: string, key: string) => ({
			'x-herohealth-timestamp': ts,
			'x-herohealth-signature': `${sign(key, ts, body)}, ${sign(key, ts, body)}`,
		})],
	])('refuses a delivery %s with 401 and no execution', async (_name, headersFor) => {
		const trigger = await publishedTrigger();
		const key = storedKeys(trigger)[0];
		const answer = await post(trigger.productionUrl(), body, headersFor(now(), key));

		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
		expect(answer.body).not.toContain(key);
	});

	it('refuses a delivery whose body was changed by one byte after signing', async () => {
		const trigger = await publishedTrigger();
		const key = storedKeys(trigger)[0];
		const ts = now();
		const tampered = body.replace('1001', '1002');
		const answer = await post(trigger.productionUrl(), tampered, {
			'x-herohealth-timestamp': ts,
			'x-herohealth-signature': sign(key, ts, body),
		});
		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});

	it('runs once for a replayed delivery (same timestamp and bytes)', async () => {
		const trigger = await publishedTrigger();
		const key = storedKeys(trigger)[0];
		const ts = now();
		const headers = { 'x-herohealth-timestamp': ts, 'x-herohealth-signature': sign(key, ts, body) };
		expect((await post(trigger.productionUrl(), body, headers)).status).toBe(200);
		expect((await post(trigger.productionUrl(), body, headers)).status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('does not run for an event it did not select', async () => {
		const trigger = await publishedTrigger({ events: ['appointment.cancelled'] });
		const key = storedKeys(trigger)[0];
		const ts = now();
		const answer = await post(trigger.productionUrl(), body, {
			'x-herohealth-timestamp': ts,
			'x-herohealth-signature': sign(key, ts, body),
		});
		expect(answer.status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});

	it('refuses every delivery when it holds no key (fail closed)', async () => {
		const trigger = await publishedTrigger();
		const key = storedKeys(trigger)[0];
		trigger.forgetStaticData();
		const ts = now();
		const answer = await post(trigger.productionUrl(), body, {
			'x-herohealth-timestamp': ts,
			'x-herohealth-signature': sign(key, ts, body),
		});
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.body)).toEqual({ error: 'Unauthorized' });
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});

	it('adds the full appointment under "record" when asked', async () => {
		const trigger = await publishedTrigger({ events: ['appointment.confirmed'], options: { includeFullRecord: true } });
		await sandbox.heroHealth.emit('appointment.confirmed', '1001');
		const [execution] = receiver.executionsOf(trigger);
		expect(execution.items[0].record).toEqual(sandbox.heroHealth.appointments.get('1001'));
	});

	it('still emits the event, with the reason under "recordError", when the fetch fails', async () => {
		const trigger = await publishedTrigger({ events: ['appointment.confirmed'], options: { includeFullRecord: true } });
		await sandbox.heroHealth.emit('appointment.confirmed', '999999');
		const [execution] = receiver.executionsOf(trigger);
		expect(execution.items[0].record).toBeUndefined();
		expect(execution.items[0].recordError).toMatch(/Hero Health could not find it \(404\)/);
	});

	describe('a signed delivery naming a JavaScript property or a URL never sends the API key elsewhere', () => {
		let foreign: Server;
		let foreignUrl: string;
		const foreignHits: string[] = [];

		beforeAll(async () => {
			foreign = createServer((req, res) => {
				foreignHits.push(`${req.method} ${req.url} key=${String(req.headers['x-api-key'])}`);
				res.end('{}');
			});
			await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
			foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/steal`;
		});
		afterAll(async () => await new Promise((resolve) => foreign.close(resolve)));

		it.each([
			['constructor', 'appointment.confirmed', 400],
			['__proto__', 'appointment.confirmed', 400],
			['toString', 'appointment.confirmed', 400],
			['Appointment', 'appointment.confirmed', 200],
			['Patient', 'patient.medical-record-updated', 200],
		])('object %s (event %s): no request leaves for a host named in the id; answer %d', async (object, event, status) => {
			const trigger = await publishedTrigger({ events: [event], options: { includeFullRecord: true } });
			const key = storedKeys(trigger)[0];
			const ts = now();
			for (const id of [foreignUrl, '..', `../../../${foreignUrl}`, '%2e%2e']) {
				const delivery = JSON.stringify({ object, id, practice_group_id: '1234', event });
				const answer = await post(trigger.productionUrl(), delivery, {
					'x-herohealth-timestamp': ts,
					'x-herohealth-signature': sign(key, ts, delivery),
				});
				expect(answer.status).toBe(status);
			}
			expect(foreignHits).toEqual([]);
			const executions = receiver.executionsOf(trigger);
			expect(executions).toHaveLength(status === 200 ? 4 : 0);
			for (const execution of executions) {
				expect(execution.items[0].record).toBeUndefined();
				expect(execution.items[0].recordError).toEqual(expect.any(String));
			}
			// Only plain IDs reached Hero, each as one path segment.
			for (const call of sandbox.server.requestsTo('heroHealth', { method: 'GET' })) {
				expect(call.path).toMatch(/^\/v1\/(webhooks|appointments\/[^/]+|patients\/[^/]+)$/);
			}
		});
	});

	it('emits events about objects without a read endpoint as sent', async () => {
		const trigger = await publishedTrigger({ events: ['prescription.issued'], options: { includeFullRecord: true } });
		await sandbox.heroHealth.emit('prescription.issued', '77');
		const [execution] = receiver.executionsOf(trigger);
		expect(execution.items[0]).toMatchObject({ object: 'Prescription', id: '77' });
		expect(execution.items[0]).not.toHaveProperty('record');
		expect(execution.items[0]).not.toHaveProperty('recordError');
	});
});

describe('listening for a test event', () => {
	it('adds a second, short-lived subscription at the test URL and removes it after the event', async () => {
		const trigger = heroTrigger({ events: ['appointment.confirmed'] });
		await trigger.publish();
		await trigger.publish('test');

		expect(eventsAt(trigger.productionUrl())).toEqual(['appointment.confirmed']);
		expect(eventsAt(trigger.testUrl())).toEqual(['appointment.confirmed']);
		expect(storedKeys(trigger, 'test')[0]).not.toBe(storedKeys(trigger)[0]);

		await sandbox.heroHealth.emit('appointment.confirmed', '1001');
		expect(receiver.executionsOf(trigger, 'test')).toHaveLength(1);
		expect(receiver.executionsOf(trigger, 'production')).toHaveLength(1);
		await eventually(() => expect(subscriptionsAt(trigger.testUrl())).toHaveLength(0));
		expect(eventsAt(trigger.productionUrl())).toEqual(['appointment.confirmed']);
	});

	it('unpublishing also removes a test subscription left behind', async () => {
		const trigger = heroTrigger({ events: ['appointment.confirmed'] });
		await trigger.publish();
		await trigger.publish('test');
		await trigger.unpublish();
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
	});
});
