import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { TriggerHarness } from '../support/n8nCore';
import { WebhookReceiver } from '../support/webhookReceiver';
import { VENDOR_KITS } from '../vendors';

/**
 * What only the Hero Health trigger does, its real code inside n8n-core's contexts, against the
 * sandbox over real HTTP; deliveries come from the sandbox to a stand-in of n8n's webhook server.
 * The lifecycle and delivery scenarios every trigger shares run in test/integration/contract.
 */

const { signing } = VENDOR_KITS.heroHealth;

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

function storedKeys(harness: TriggerHarness, mode: 'production' | 'test' = 'production'): string[] {
	const stored = (harness.nodeStaticData(mode).subscriptions ?? []) as Array<{ secret?: string }>;
	return [...new Set(stored.map((subscription) => subscription.secret ?? ''))];
}

describe('publishing and unpublishing', () => {
	it('signs every subscription with one 64-hex key of its own, which it keeps', async () => {
		const trigger = heroTrigger();
		await trigger.publish();

		const keys = storedKeys(trigger);
		expect(keys).toHaveLength(1);
		expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(subscriptionsAt(trigger.productionUrl())).toHaveLength(THREE_EVENTS.length);
		for (const webhook of subscriptionsAt(trigger.productionUrl())) expect(webhook.signing_key).toBe(keys[0]);
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
});

describe('deliveries', () => {
	async function publishedTrigger(parameters?: IDataObject) {
		const trigger = heroTrigger(parameters);
		await trigger.publish();
		return trigger;
	}

	/** The headers Hero signs `body` with (the kit's recipe), now. */
	function signed(key: string, body: string): Record<string, string> {
		return signing.sign(Buffer.from(body), key, Math.floor(Date.now() / 1000)).headers;
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

	// Forged, tampered, unsigned and stale deliveries are refused by every trigger (contract suite); these break Hero's two headers.
	it.each([
		['without a timestamp', (headers: Record<string, string>) => ({ 'x-herohealth-signature': headers['x-herohealth-signature'] })],
		['with a duplicated signature header', (headers: Record<string, string>) => ({
			...headers,
			'x-herohealth-signature': `${headers['x-herohealth-signature']}, ${headers['x-herohealth-signature']}`,
		})],
	])('refuses a delivery %s with 401 and no execution', async (_name, broken) => {
		const trigger = await publishedTrigger();
		const key = storedKeys(trigger)[0];
		const answer = await post(trigger.productionUrl(), body, broken(signed(key, body)));

		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
		expect(answer.body).not.toContain(key);
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
			for (const id of [foreignUrl, '..', `../../../${foreignUrl}`, '%2e%2e']) {
				const delivery = JSON.stringify({ object, id, practice_group_id: '1234', event });
				const answer = await post(trigger.productionUrl(), delivery, signed(key, delivery));
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
