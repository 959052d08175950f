import { createHash, createHmac } from 'node:crypto';

import { request } from 'undici';

import { Healthie } from '../../nodes/Healthie/Healthie.node';
import { eventually } from '../support/eventually';
import type { ActionStep, CredentialRef, PublishedTrigger, Stack } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, NO_OP, nodeOutput, nodeType, operationsOf, operationsRunBy, startStack, TIMEOUTS, triggerPublisher, triggerWorkflow } from '../harness';

/**
 * Healthie in a real n8n: the trigger's webhooks as n8n registers, re-registers and removes them,
 * deliveries signed as Healthie signs them (checked here with node:crypto, independently of node
 * code), and every action operation run inside a workflow against the sandbox's GraphQL.
 */

const TRIGGER = 'Healthie Trigger';
const THREE_EVENTS = ['appointment.created', 'form_answer_group.created', 'patient.created'];

let stack: Stack;
let credential: CredentialRef;
// Each scenario publishes its own workflows; no webhook stays behind for the next one.
const triggers = triggerPublisher({ stack: () => stack, subscriptionsLeft: () => stack.sandbox.healthie.webhooks.size });

beforeAll(async () => {
	stack = await startStack();
	credential = await stack.n8n.api.createCredential('Healthie (sandbox)', 'healthieApi', stack.sandbox.healthie.credentials());
});

afterAll(async () => {
	await stack?.stop();
});

function healthieWorkflow(events: string[], webhookId: string, options: Record<string, unknown> = {}) {
	return triggerWorkflow({
		name: `Healthie ${events.join(' ')} ${webhookId.slice(0, 8)}`,
		triggerName: TRIGGER,
		type: nodeType('healthieTrigger'),
		parameters: { events, options },
		credential,
		webhookId,
	});
}

async function publishHealthieTrigger(events: string[], options: Record<string, unknown> = {}): Promise<PublishedTrigger> {
	return await triggers.publish((webhookId) => healthieWorkflow(events, webhookId, options));
}

function webhooksAt(url: string) {
	return [...stack.sandbox.healthie.webhooks.values()].filter((webhook) => webhook.url === url);
}

function eventsAt(url: string): string[] {
	return webhooksAt(url)
		.flatMap((webhook) => webhook.events)
		.sort();
}

/** The `signature_secret` Healthie gave the webhook for `event` at `url`. */
function secretFor(url: string, event: string): string {
	const [webhook] = webhooksAt(url).filter((candidate) => candidate.events.includes(event));
	expect(webhook).toBeDefined();
	return webhook.signature_secret;
}

/** How many times Healthie was sent this GraphQL root field (`createWebhook`, `deleteWebhook`, …). */
function calls(field: string): number {
	return stack.sandbox.server
		.requestsTo('healthie', { method: 'POST', path: '/graphql' })
		.filter((call) => new RegExp(`\\b${field}\\s*\\(`).test(String((call.body as { query?: unknown })?.query)))
		.length;
}

function healthieBody(event: string, resourceId: string, resourceType = 'Appointment'): string {
	return JSON.stringify({ resource_id: resourceId, resource_id_type: resourceType, event_type: event, changed_fields: [] });
}

/**
 * The headers Healthie sends with `body` (healthie.md §3.3): `Content-Digest: sha-256=<base64>` and
 * `Signature: sig1=<hex HMAC-SHA256 of "post <path> <query> <digest> application/json <bytes>">`,
 * the path being that of the URL registered at Healthie and the query empty.
 */
function signed(secret: string, url: string, body: string): Record<string, string> {
	const digest = createHash('sha256').update(body, 'utf8').digest('base64');
	const signedString = `post ${new URL(url).pathname}  ${digest} application/json ${Buffer.byteLength(body, 'utf8')}`;
	return {
		'content-type': 'application/json',
		'content-digest': `sha-256=${digest}`,
		signature: `sig1=${createHmac('sha256', secret).update(signedString, 'utf8').digest('hex')}`,
	};
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
	const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	await response.body.dump();
	return response.statusCode;
}

describe('publishing and unpublishing in n8n', () => {
	it("registers one enabled, retrying Healthie webhook per selected event at n8n's production URL", async () => {
		const trigger = await publishHealthieTrigger(THREE_EVENTS);

		expect(trigger.productionUrl).toBe(`${stack.n8n.url}/webhook/${trigger.webhookId}/webhook`);
		const webhooks = webhooksAt(trigger.productionUrl);
		expect(webhooks.map((webhook) => webhook.events)).toEqual(expect.arrayContaining(THREE_EVENTS.map((event) => [event])));
		expect(webhooks).toHaveLength(3);
		expect(webhooks.every((webhook) => webhook.is_enabled && webhook.should_retry)).toBe(true);
		expect(new Set(webhooks.map((webhook) => webhook.signature_secret)).size).toBe(3);
		expect(stack.sandbox.healthie.webhooks.size).toBe(3);
		expect(calls('createWebhook')).toBe(3);
	});

	it('unpublishing deletes every webhook, forgets their secrets, and the production URL stops answering', async () => {
		const trigger = await publishHealthieTrigger(THREE_EVENTS);
		const secrets = webhooksAt(trigger.productionUrl).map((webhook) => webhook.signature_secret);
		const stored = JSON.stringify((await stack.n8n.api.getWorkflow(trigger.workflow.id)).staticData);
		for (const secret of secrets) expect(stored).toContain(secret);

		await stack.n8n.api.unpublish(trigger.workflow.id);

		await eventually(() => expect(webhooksAt(trigger.productionUrl)).toEqual([]), TIMEOUTS.publication, 250);
		expect(calls('deleteWebhook')).toBe(3);
		const left = JSON.stringify((await stack.n8n.api.getWorkflow(trigger.workflow.id)).staticData ?? {});
		for (const secret of secrets) expect(left).not.toContain(secret);
		expect(await post(trigger.productionUrl, '{}', {})).toBe(404);
	});

	it('changing the events of a published workflow re-registers exactly the new set', async () => {
		const trigger = await publishHealthieTrigger(THREE_EVENTS);
		const oldIds = webhooksAt(trigger.productionUrl).map((webhook) => webhook.id);
		const newEvents = ['task.created', 'message.created'];

		const updated = await stack.n8n.api.updateWorkflow(
			trigger.workflow.id,
			healthieWorkflow(newEvents, trigger.webhookId),
		);
		await stack.n8n.api.waitForPublication(trigger.workflow.id, updated.versionId);
		await eventually(() => expect(eventsAt(trigger.productionUrl)).toEqual([...newEvents].sort()), TIMEOUTS.publication, 250);

		expect(stack.sandbox.healthie.webhooks.size).toBe(2);
		for (const id of oldIds) expect(stack.sandbox.healthie.webhooks.has(id)).toBe(false);
		const [delivery] = await stack.sandbox.healthie.emit({ event_type: 'task.created', resource_id: '6001' });
		expect(delivery.delivered).toBe(true);
		const [execution] = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({
			event_type: 'task.created',
			resource_id: '6001',
			record: { id: '6001', content: 'Call Ada about her intake form' },
		});
	});

	it('restarting n8n makes no duplicate, and deliveries still start the workflow', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created']);
		const before = webhooksAt(trigger.productionUrl).map((webhook) => webhook.id);
		const createsBefore = calls('createWebhook');

		await stack.n8n.restart();
		await stack.n8n.api.waitForPublication(trigger.workflow.id);

		expect(webhooksAt(trigger.productionUrl).map((webhook) => webhook.id)).toEqual(before);
		expect(calls('createWebhook')).toBe(createsBefore);
		const [delivery] = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		expect(delivery.delivered).toBe(true);
		expect(await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1)).toHaveLength(1);
		expect(stack.sandbox.healthie.webhooks.size).toBe(1);
	});

	it('a webhook Healthie disabled is replaced by an enabled one when the workflow is published again', async () => {
		const trigger = await publishHealthieTrigger(['patient.created']);
		const [disabled] = webhooksAt(trigger.productionUrl);
		stack.sandbox.healthie.disable(disabled.id);
		expect(await stack.sandbox.healthie.emit({ event_type: 'patient.created', resource_id: '1001' })).toEqual([]);

		// In n8n 2.41 publishing an unchanged, published workflow runs no hook: the user unpublishes and publishes.
		const { api } = stack.n8n;
		await api.unpublish(trigger.workflow.id);
		await eventually(() => expect(webhooksAt(trigger.productionUrl)).toEqual([]), TIMEOUTS.publication, 250);
		await api.publish(trigger.workflow.id);
		await api.waitForPublication(trigger.workflow.id);
		await eventually(() => expect(webhooksAt(trigger.productionUrl)).toHaveLength(1), TIMEOUTS.publication, 250);

		const [replacement] = webhooksAt(trigger.productionUrl);
		expect(replacement).toMatchObject({ is_enabled: true, events: ['patient.created'] });
		expect(replacement.id).not.toBe(disabled.id);
		expect(stack.sandbox.healthie.webhooks.has(disabled.id)).toBe(false);
		const [delivery] = await stack.sandbox.healthie.emit({ event_type: 'patient.created', resource_id: '1001' });
		expect(delivery.delivered).toBe(true);
		const executions = await api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event_type: 'patient.created', resource_id: '1001' });
	});
});

describe('deliveries through n8n', () => {
	it('a signed delivery starts exactly one execution with the event and the full record Healthie holds', async () => {
		const trigger = await publishHealthieTrigger(['form_answer_group.created']);

		const [delivery] = await stack.sandbox.healthie.emit({ event_type: 'form_answer_group.created', resource_id: 4001 });

		expect(delivery.delivered).toBe(true);
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200]);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'webhook' });
		const [item] = nodeOutput(executions[0], TRIGGER);
		expect(item).toMatchObject({
			event_type: 'form_answer_group.created',
			resource_id: '4001',
			resource_id_type: 'FormAnswerGroup',
			changed_fields: [],
			record: {
				id: '4001',
				custom_module_form: { name: 'New patient intake' },
				user: { id: '1001', full_name: 'Ada Lovelace' },
				form_answers: [
					expect.objectContaining({ label: 'Reason for visit', answer: 'Knee pain' }),
					expect.objectContaining({ label: 'Allergies', answer: 'Penicillin' }),
				],
			},
		});
		expect(item).not.toHaveProperty('recordError');
		expect(calls('formAnswerGroup')).toBe(1);
		expect(nodeOutput(executions[0], NO_OP)).toEqual([item]);
	});

	it('forged, tampered and unsigned deliveries get 401 and start nothing', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created'], { includeFullRecord: false });
		const url = trigger.productionUrl;
		const secret = secretFor(url, 'appointment.created');
		const body = healthieBody('appointment.created', '3001');
		const sameLength = body.replace('"3001"', '"3002"');
		expect(sameLength).toHaveLength(body.length);

		const statuses = [
			await post(url, body, signed('whsec_not-the-secret-healthie-gave', url, body)),
			// A body changed without changing its length: the HMAC (which covers the digest header and
			// the length, not the bytes) still matches; only the digest check can refuse it.
			await post(url, sameLength, signed(secret, url, body)),
			// The digest recomputed for the changed body: now the signature no longer matches.
			await post(url, sameLength, { ...signed(secret, url, body), 'content-digest': signed(secret, url, sameLength)['content-digest'] }),
			await post(url, body, signed(secret, `${stack.n8n.url}/webhook/another-path/webhook`, body)),
			await post(url, body, {}),
		];

		expect(statuses).toEqual([401, 401, 401, 401, 401]);
		// A genuine delivery afterwards: once it has run, it is the only execution there is.
		expect(await post(url, sameLength, signed(secret, url, sameLength))).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event_type: 'appointment.created', resource_id: '3002' });
	});

	it('an event the node did not select starts nothing', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created'], { includeFullRecord: false });
		const url = trigger.productionUrl;
		const secret = secretFor(url, 'appointment.created');
		const unselected = healthieBody('appointment.deleted', '3001');

		expect(await post(url, unselected, signed(secret, url, unselected))).toBe(200);
		expect(await stack.sandbox.healthie.emit({ event_type: 'appointment.deleted', resource_id: '3001' })).toEqual([]);

		const [delivery] = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		expect(delivery.delivered).toBe(true);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event_type: 'appointment.created' });
	});

	it('the same delivery twice starts one execution (Healthie sends no id or timestamp)', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created'], { includeFullRecord: false });

		const first = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		const repeat = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		const other = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3002' });

		expect([...first, ...repeat, ...other].map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([
			[200],
			[200],
			[200],
		]);
		expect(repeat[0].attempts[0].request.body).toBe(first[0].attempts[0].request.body);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 2);
		expect(executions.map((execution) => nodeOutput(execution, TRIGGER)[0].resource_id).sort()).toEqual(['3001', '3002']);
	});
});

describe('the editor', () => {
	it('"Listen for test event" registers the Test URL, verifies against its path, runs once, then removes only the test webhook', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created']);
		const { api } = stack.n8n;

		expect(await api.runFromTrigger(trigger.workflow.id, TRIGGER)).toMatchObject({ waitingForWebhook: true });
		await eventually(() => expect(eventsAt(trigger.testUrl)).toEqual(['appointment.created']), TIMEOUTS.publication, 250);
		expect(secretFor(trigger.testUrl, 'appointment.created')).not.toBe(secretFor(trigger.productionUrl, 'appointment.created'));

		// Healthie signs each delivery with the path of the URL it was given: /webhook-test/… for this one.
		const deliveries = await stack.sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		expect(deliveries.map((delivery) => [delivery.url, delivery.attempts.map((attempt) => attempt.status)]).sort()).toEqual(
			[
				[trigger.productionUrl, [200]],
				[trigger.testUrl, [200]],
			].sort(),
		);

		await eventually(() => expect(webhooksAt(trigger.testUrl)).toEqual([]), TIMEOUTS.publication, 250);
		expect(eventsAt(trigger.productionUrl)).toEqual(['appointment.created']);
		const executions = await api.waitForExecutions(trigger.workflow.id, 2);
		expect(executions.map((execution) => execution.mode).sort()).toEqual(['manual', 'webhook']);
		for (const execution of executions) {
			expect(nodeOutput(execution, TRIGGER)[0]).toMatchObject({
				event_type: 'appointment.created',
				resource_id: '3001',
				record: { id: '3001' },
			});
		}
	});

	it("the credential's Test button: OK with the sandbox's key, and a plain message for a refused key", async () => {
		const { api } = stack.n8n;

		expect(await api.testCredential(credential)).toMatchObject({ status: 'OK' });
		const refused = await api.testCredential(credential, { apiKey: 'not-a-healthie-key' });
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/Healthie refused the API key/);
		// The stored key was put back in place of the redacted one; the edited key was used as typed
		// (a 401 is sent twice: n8n-core repeats any request answered 401 once, after trying to refresh
		// the credential).
		const asked = stack.sandbox.server
			.requestsTo('healthie', { method: 'POST', path: '/graphql' })
			.map((call) => call.headers.authorization);
		expect(new Set(asked)).toEqual(new Set(['Basic healthie-sandbox-api-key', 'Basic not-a-healthie-key']));
	});
});

describe('actions in a workflow', () => {
	const action = nodeType('healthie');

	it('every operation runs inside one workflow: patient create, get, update; appointment create, get; form; custom query', async () => {
		const steps: ActionStep[] = [
			{
				name: 'Create patient',
				type: action,
				parameters: {
					resource: 'patient',
					operation: 'create',
					firstName: 'Grace',
					lastName: 'Hopper',
					email: 'grace@example.org',
					additionalFields: { dob: '1906-12-09' },
				},
			},
			{
				name: 'Get patient',
				type: action,
				parameters: { resource: 'patient', operation: 'get', patientId: '={{ $json.id }}' },
			},
			{
				name: 'Update patient',
				type: action,
				parameters: {
					resource: 'patient',
					operation: 'update',
					patientId: '={{ $json.id }}',
					updateFields: { phone_number: '+15555550199', quick_notes: 'Prefers mornings' },
				},
			},
			{
				name: 'Book appointment',
				type: action,
				parameters: {
					resource: 'appointment',
					operation: 'create',
					patientId: '={{ $json.id }}',
					appointmentTypeId: '12',
					start: '2030-03-04T09:30:00-05:00',
				},
			},
			{
				name: 'Get appointment',
				type: action,
				parameters: { resource: 'appointment', operation: 'get', appointmentId: '={{ $json.id }}' },
			},
			{
				name: 'Get intake form',
				type: action,
				parameters: { resource: 'formAnswerGroup', operation: 'get', formAnswerGroupId: '4001' },
			},
			{
				name: 'Custom query',
				type: action,
				parameters: {
					resource: 'customQuery',
					operation: 'run',
					query: 'query patient($id: ID) { user(id: $id, clear_notifs: false) { id full_name phone_number } }',
					variables: "={{ JSON.stringify({ id: $('Create patient').item.json.id }) }}",
				},
			},
		];
		expect(operationsRunBy(steps).sort()).toEqual(operationsOf(new Healthie()).sort());
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(actionsWorkflow({ name: 'Healthie: every operation', credential, steps }));

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual({ status: 'success', error: undefined });
		const [created] = nodeOutput(execution, 'Create patient');
		expect(created).toMatchObject({ id: expect.any(String), first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.org', dob: '1906-12-09' });
		const patientId = String(created.id);
		expect(nodeOutput(execution, 'Get patient')).toEqual([
			expect.objectContaining({ id: patientId, first_name: 'Grace', last_name: 'Hopper', dob: '1906-12-09' }),
		]);
		expect(nodeOutput(execution, 'Update patient')).toEqual([
			expect.objectContaining({ id: patientId, phone_number: '+15555550199' }),
		]);
		const [booked] = nodeOutput(execution, 'Book appointment');
		expect(booked).toMatchObject({ id: expect.any(String), contact_type: 'Healthie Video Call', user: { id: patientId } });
		expect(nodeOutput(execution, 'Get appointment')).toEqual([
			expect.objectContaining({ id: booked.id, user: expect.objectContaining({ id: patientId }) }),
		]);
		expect(nodeOutput(execution, 'Get intake form')).toEqual([
			expect.objectContaining({ id: '4001', form_answers: expect.arrayContaining([expect.objectContaining({ answer: 'Knee pain' })]) }),
		]);
		expect(nodeOutput(execution, 'Custom query')).toEqual([
			{ user: { id: patientId, full_name: 'Grace Hopper', phone_number: '+15555550199' } },
		]);

		// What reached "Healthie": the patient as updated, and the booking made without its webhook (the default).
		const { healthie } = stack.sandbox;
		expect(healthie.records.User.get(patientId)).toMatchObject({ quick_notes: 'Prefers mornings', welcome_email_sent: false });
		expect(healthie.suppressedAppointments).toEqual([booked.id]);
		expect(healthie.clearedNotifications).toEqual([]);
	});

	it("a mutation Healthie refuses in `messages` fails the execution with Healthie's words", async () => {
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'Healthie: a patient who exists already',
				credential,
				steps: [
					{
						name: 'Create patient',
						type: nodeType('healthie'),
						parameters: { resource: 'patient', operation: 'create', firstName: 'Ada', lastName: 'Again', email: 'ada@example.org' },
					},
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect(execution.status).toBe('error');
		expect(execution.data?.resultData?.error?.message).toBe('Healthie did not accept the request: Email has already been taken');
		expect(calls('createClient')).toBe(1);
		expect([...stack.sandbox.healthie.records.User.values()].filter((user) => user.email === 'ada@example.org')).toHaveLength(1);
	});
});
