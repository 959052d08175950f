import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { request } from 'undici';

import { eventually } from '../support/eventually';
import type { CredentialRef, PublishedTrigger, Stack } from '../harness';
import { NO_OP, nodeOutput, nodeType, startStack, TIMEOUTS, triggerPublisher, triggerWorkflow } from '../harness';

/**
 * The Hero Health trigger in a real n8n: n8n itself decides when to call checkExists/create/delete,
 * with which URL, and answers deliveries; the sandbox records what reached "Hero".
 */

const TRIGGER = 'Hero Health Trigger';
const THREE_EVENTS = ['appointment.confirmed', 'appointment.cancelled', 'prescription.issued'];

let stack: Stack;
let credential: CredentialRef;
// Each scenario publishes its own workflows; none stays subscribed for the next one.
const triggers = triggerPublisher({ stack: () => stack, subscriptionsLeft: () => stack.sandbox.heroHealth.webhooks.size });

beforeAll(async () => {
	stack = await startStack();
	credential = await stack.n8n.api.createCredential(
		'Hero Health (sandbox)',
		'heroHealthApi',
		stack.sandbox.heroHealth.credentials(),
	);
});

afterAll(async () => {
	await stack?.stop();
});

function heroWorkflow(events: string[], webhookId: string, options: Record<string, unknown> = {}) {
	return triggerWorkflow({
		name: `Hero ${events.join(' ')} ${webhookId.slice(0, 8)}`,
		triggerName: TRIGGER,
		type: nodeType('heroHealthTrigger'),
		parameters: { events, options },
		credential,
		webhookId,
	});
}

async function publishHeroTrigger(events: string[], options: Record<string, unknown> = {}): Promise<PublishedTrigger> {
	return await triggers.publish((webhookId) => heroWorkflow(events, webhookId, options));
}

function subscriptionsAt(url: string) {
	return [...stack.sandbox.heroHealth.webhooks.values()].filter((webhook) => webhook.url === url);
}

function eventsAt(url: string): string[] {
	return subscriptionsAt(url)
		.map((webhook) => webhook.event_type)
		.sort();
}

/** The signing key "Hero" holds for the subscriptions at `url` (the one n8n's node sent). */
function keyAt(url: string): string {
	const keys = [...new Set(subscriptionsAt(url).map((webhook) => webhook.signing_key))];
	expect(keys).toHaveLength(1);
	return keys[0]!;
}

function heroBody(event: string, id: string): string {
	const object = event.startsWith('appointment') ? 'Appointment' : event.startsWith('patient') ? 'Patient' : 'Prescription';
	return JSON.stringify({ object, id, practice_group_id: stack.sandbox.heroHealth.practiceGroupId, event });
}

/** Posts a delivery the way Hero signs one, computed here with node:crypto; `tamper` edits it after signing. */
async function deliver(
	url: string,
	options: { key: string; body: string; timestamp?: number; tamper?: (body: string) => string },
): Promise<{ status: number; body: string }> {
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', options.key).update(`${timestamp}.${options.body}`).digest('hex');
	const response = await request(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-herohealth-timestamp': timestamp,
			'x-herohealth-signature': signature,
		},
		body: options.tamper ? options.tamper(options.body) : options.body,
	});
	return { status: response.statusCode, body: await response.body.text() };
}

function creates(): number {
	return stack.sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/webhooks' }).length;
}

describe('publishing and unpublishing in n8n', () => {
	it("registers exactly the selected events at n8n's production URL, signed with one key", async () => {
		const trigger = await publishHeroTrigger(THREE_EVENTS);

		expect(trigger.productionUrl).toBe(`${stack.n8n.url}/webhook/${trigger.webhookId}/webhook`);
		expect(eventsAt(trigger.productionUrl)).toEqual([...THREE_EVENTS].sort());
		expect(stack.sandbox.heroHealth.webhooks.size).toBe(3);
		expect(creates()).toBe(3);
		expect(keyAt(trigger.productionUrl)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('unpublishing removes every subscription, and the production URL stops answering', async () => {
		const trigger = await publishHeroTrigger(THREE_EVENTS);
		await stack.n8n.api.unpublish(trigger.workflow.id);

		await eventually(() => expect(subscriptionsAt(trigger.productionUrl)).toEqual([]), TIMEOUTS.publication, 250);
		expect(stack.sandbox.server.requestsTo('heroHealth', { method: 'DELETE' })).toHaveLength(3);
		const stored = (await stack.n8n.api.getWorkflow(trigger.workflow.id)).staticData ?? {};
		expect(JSON.stringify(stored)).not.toContain('"secret"');
		const late = await request(trigger.productionUrl, { method: 'POST', body: '{}' });
		await late.body.dump();
		expect(late.statusCode).toBe(404);
	});

	it('changing the events of a published workflow re-registers exactly the new set', async () => {
		const trigger = await publishHeroTrigger(THREE_EVENTS);
		const oldIds = subscriptionsAt(trigger.productionUrl).map((webhook) => webhook.id);
		const newEvents = ['appointment.rescheduled', 'write-to-record.failed'];

		const updated = await stack.n8n.api.updateWorkflow(trigger.workflow.id, heroWorkflow(newEvents, trigger.webhookId));
		await stack.n8n.api.waitForPublication(trigger.workflow.id, updated.versionId);
		await eventually(
			() => expect(eventsAt(trigger.productionUrl)).toEqual([...newEvents].sort()),
			TIMEOUTS.publication,
			250,
		);

		expect(stack.sandbox.heroHealth.webhooks.size).toBe(2);
		for (const id of oldIds) expect(stack.sandbox.heroHealth.webhooks.has(id)).toBe(false);
		const [delivery] = await stack.sandbox.heroHealth.emit('write-to-record.failed', '77');
		expect(delivery.delivered).toBe(true);
		const [execution] = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({ event: 'write-to-record.failed', id: '77' });
	});

	it('restarting n8n makes no duplicate, and deliveries still start the workflow', async () => {
		const trigger = await publishHeroTrigger(['appointment.confirmed']);
		const before = subscriptionsAt(trigger.productionUrl).map((webhook) => webhook.id);
		const createsBefore = creates();

		await stack.n8n.restart();
		await stack.n8n.api.waitForPublication(trigger.workflow.id);

		expect(subscriptionsAt(trigger.productionUrl).map((webhook) => webhook.id)).toEqual(before);
		expect(creates()).toBe(createsBefore);
		const [delivery] = await stack.sandbox.heroHealth.emit('appointment.confirmed', '1001');
		expect(delivery.delivered).toBe(true);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(stack.sandbox.heroHealth.webhooks.size).toBe(1);
	});
});

describe('when Hero fails during publication', () => {
	type Fault = { status: number; body?: unknown; after?: number; times: number };
	const failSubscriptionCreates = (fault: Fault) =>
		stack.sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', path: '^/v1/webhooks$', kind: 'status', ...fault });

	it("a create that fails half-way is rolled back, and n8n's own retry ends with exactly the selected events", async () => {
		failSubscriptionCreates({ status: 503, after: 1, times: 1 });

		const trigger = await publishHeroTrigger(THREE_EVENTS);

		expect(eventsAt(trigger.productionUrl)).toEqual([...THREE_EVENTS].sort());
		expect(stack.sandbox.heroHealth.webhooks.size).toBe(3);
		expect(creates()).toBeGreaterThan(3);
		const [delivery] = await stack.sandbox.heroHealth.emit('prescription.issued', '88');
		expect(delivery.delivered).toBe(true);
		expect(await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1)).toHaveLength(1);
	});

	it("a refused subscription: n8n reports the publication failed in Hero's words, and nothing is left at Hero", async () => {
		failSubscriptionCreates({
			status: 403,
			body: { error: true, statusCode: 403, message: 'Unauthorised' },
			times: 1000,
		});
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(heroWorkflow(['appointment.confirmed'], randomUUID()));
		triggers.track(workflow.id);

		await api.publish(workflow.id);

		await expect(api.waitForPublication(workflow.id)).rejects.toThrow(/could not publish.*Hero Health/);
		expect(stack.sandbox.heroHealth.webhooks.size).toBe(0);
	});
});

describe('deliveries through n8n', () => {
	it('a signed delivery starts exactly one execution whose output has the event', async () => {
		const trigger = await publishHeroTrigger(['appointment.confirmed'], { includeFullRecord: true });

		const [delivery] = await stack.sandbox.heroHealth.emit('appointment.confirmed', '1001');

		expect(delivery.delivered).toBe(true);
		expect(delivery.attempts).toHaveLength(1);
		expect(delivery.attempts[0].status).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const [item] = nodeOutput(execution, TRIGGER);
		expect(item).toMatchObject({
			event: 'appointment.confirmed',
			object: 'Appointment',
			id: '1001',
			practice_group_id: stack.sandbox.heroHealth.practiceGroupId,
			record: { id: '1001' },
		});
		expect(item.deliveryTimestamp).toBe(delivery.attempts[0].request.headers['x-herohealth-timestamp']);
		expect(nodeOutput(execution, NO_OP)).toEqual([item]);
	});

	it('a signed delivery naming a JavaScript property as its object, with Include Full Record on, sends the key to no other host', async () => {
		const foreignHits: string[] = [];
		const foreign = createServer((req, res) => {
			foreignHits.push(`${req.method} ${req.url} ${String(req.headers['x-api-key'])}`);
			res.end('{}');
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
		try {
			const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/steal`;
			const trigger = await publishHeroTrigger(['appointment.confirmed'], { includeFullRecord: true });
			const key = keyAt(trigger.productionUrl);
			const practice = stack.sandbox.heroHealth.practiceGroupId;
			const hostile = (object: string, id: string) => JSON.stringify({ object, id, practice_group_id: practice, event: 'appointment.confirmed' });

			const refused = [];
			for (const object of ['constructor', '__proto__', 'toString']) {
				refused.push((await deliver(trigger.productionUrl, { key, body: hostile(object, foreignUrl) })).status);
			}
			expect(refused).toEqual([400, 400, 400]);
			// A real object with the id a URL or a dot segment: it runs, the record fetch stays at Hero and fails.
			expect((await deliver(trigger.productionUrl, { key, body: hostile('Appointment', foreignUrl) })).status).toBe(200);
			expect((await deliver(trigger.productionUrl, { key, body: hostile('Appointment', '..') })).status).toBe(200);

			const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 2);
			expect(executions).toHaveLength(2);
			for (const execution of executions) {
				const [item] = nodeOutput(execution, TRIGGER);
				expect(item.record).toBeUndefined();
				expect(item.recordError).toEqual(expect.any(String));
			}
			expect(foreignHits).toEqual([]);
			for (const call of stack.sandbox.server.requestsTo('heroHealth', { method: 'GET' })) {
				expect(call.path).toMatch(/^\/v1\/(webhooks|appointments\/[^/]+)$/);
			}
		} finally {
			await new Promise((resolve) => foreign.close(resolve));
		}
	});

	it('forged, stale, tampered and unsigned deliveries get 401 and start nothing', async () => {
		const trigger = await publishHeroTrigger(['appointment.confirmed']);
		const key = keyAt(trigger.productionUrl);
		const body = heroBody('appointment.confirmed', '1001');
		const url = trigger.productionUrl;

		const forged = await deliver(url, { key: 'not-the-key-hero-holds', body });
		const stale = await deliver(url, { key, body, timestamp: Math.floor(Date.now() / 1000) - 3600 });
		const tampered = await deliver(url, { key, body, tamper: (text) => text.replace('"1001"', '"1002"') });
		const unsigned = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await unsigned.body.dump();

		expect([forged.status, stale.status, tampered.status, unsigned.statusCode]).toEqual([401, 401, 401, 401]);
		// A genuine delivery afterwards: once it has run, it is the only execution there is.
		const genuine = await deliver(url, { key, body: heroBody('appointment.confirmed', '1002') });
		expect(genuine.status).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ id: '1002' });
	});

	it('an event the node did not select starts nothing', async () => {
		const trigger = await publishHeroTrigger(['appointment.confirmed']);
		const key = keyAt(trigger.productionUrl);

		const unselected = await deliver(trigger.productionUrl, { key, body: heroBody('appointment.cancelled', '1001') });
		expect(unselected.status).toBe(200);
		expect(await stack.sandbox.heroHealth.emit('appointment.cancelled', '1001')).toEqual([]);

		const selected = await deliver(trigger.productionUrl, { key, body: heroBody('appointment.confirmed', '1002') });
		expect(selected.status).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event: 'appointment.confirmed', id: '1002' });
	});
});

describe('the editor', () => {
	it('"Listen for test event" subscribes the Test URL, runs once, then removes only the test subscription', async () => {
		const trigger = await publishHeroTrigger(['appointment.confirmed']);
		const { api } = stack.n8n;

		expect(await api.runFromTrigger(trigger.workflow.id, TRIGGER)).toMatchObject({ waitingForWebhook: true });
		await eventually(() => expect(eventsAt(trigger.testUrl)).toEqual(['appointment.confirmed']), TIMEOUTS.publication, 250);
		expect(keyAt(trigger.testUrl)).not.toBe(keyAt(trigger.productionUrl));

		const deliveries = await stack.sandbox.heroHealth.emit('appointment.confirmed', '1001');
		expect(deliveries.map((delivery) => [delivery.url, delivery.delivered]).sort()).toEqual(
			[
				[trigger.productionUrl, true],
				[trigger.testUrl, true],
			].sort(),
		);

		await eventually(() => expect(subscriptionsAt(trigger.testUrl)).toEqual([]), TIMEOUTS.publication, 250);
		expect(eventsAt(trigger.productionUrl)).toEqual(['appointment.confirmed']);
		const executions = await api.waitForExecutions(trigger.workflow.id, 2);
		expect(executions.map((execution) => execution.mode).sort()).toEqual(['manual', 'webhook']);
		for (const execution of executions) {
			expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({ event: 'appointment.confirmed', id: '1001' });
		}
	});

	it("the credential's Test button: OK with the sandbox's key, Hero's own words for a refused key or practice group", async () => {
		const { api } = stack.n8n;

		expect(await api.testCredential(credential)).toMatchObject({ status: 'OK' });
		const wrongKey = await api.testCredential(credential, { apiKey: 'not-a-hero-key' });
		expect(wrongKey.status).toBe('Error');
		expect(wrongKey.message).toContain('Hero Health refused the API key');
		const wrongGroup = await api.testCredential(credential, { practiceGroupId: '9999' });
		expect(wrongGroup.status).toBe('Error');
		expect(wrongGroup.message).toContain('refused the key for this practice group');
		// The stored key was put back in place of the redacted one; the edited fields were used as typed.
		const asked = stack.sandbox.server
			.requestsTo('heroHealth', { method: 'GET', path: '/v1/me' })
			.map((call) => `${call.headers['x-api-key']} ${call.headers['x-practice-group-id']}`);
		expect(new Set(asked)).toEqual(
			new Set(['hero-sandbox-api-key 1234', 'not-a-hero-key 1234', 'hero-sandbox-api-key 9999']),
		);
	});
});
