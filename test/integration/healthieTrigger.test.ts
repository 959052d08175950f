import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { OperationDefinitionNode } from 'graphql';
import { parse } from 'graphql';
import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import { retryPolicy } from '../../nodes/shared/http';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { RecordedRequest } from '../sandbox/server';
import { TriggerHarness } from '../support/n8nCore';
import { WebhookReceiver } from '../support/webhookReceiver';
import { VENDOR_KITS } from '../vendors';

/**
 * What only the Healthie trigger does, its real code inside n8n-core's contexts, against the
 * sandbox's GraphQL over real HTTP; deliveries come from the sandbox, signed as Healthie documents,
 * to a stand-in of n8n's webhook server. The lifecycle and delivery scenarios every trigger shares
 * run in test/integration/contract.
 */

const { signing } = VENDOR_KITS.healthie;

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let webhookCounter = 0;

const THREE_EVENTS = ['appointment.created', 'form_answer_group.created', 'patient.created'];

beforeAll(async () => {
	sandbox = await startSandbox();
	sandbox.healthie.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
	receiver = await WebhookReceiver.start();
});

afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});

beforeEach(() => sandbox.server.reset());

function healthieTrigger(parameters: IDataObject = { events: THREE_EVENTS }, credentials: IDataObject = {}, n8nBaseUrl = receiver.url) {
	webhookCounter++;
	const harness = new TriggerHarness({
		trigger: new HealthieTrigger(),
		credentialTypes: [new HealthieApi()],
		credentials: { healthieApi: { ...sandbox.healthie.credentials(), ...credentials } as never },
		parameters,
		n8nBaseUrl,
		webhookId: `00000000-0000-4000-8000-${String(700000 + webhookCounter).padStart(12, '0')}`,
	});
	receiver.register(harness);
	return harness;
}

const webhooksAt = (url: string) => [...sandbox.healthie.webhooks.values()].filter((webhook) => webhook.url === url);
const eventsAt = (url: string) => webhooksAt(url).flatMap((webhook) => webhook.events).sort();

function storedSecrets(harness: TriggerHarness, mode: 'production' | 'test' = 'production'): string[] {
	const stored = (harness.nodeStaticData(mode).subscriptions ?? []) as Array<{ secret?: string }>;
	return stored.map((subscription) => subscription.secret ?? '');
}

/** The root field of each GraphQL request Healthie received (`createWebhook`, `webhooks`, …). */
function operations(filter: (recorded: RecordedRequest) => boolean = () => true): string[] {
	return sandbox.server
		.requestsTo('healthie')
		.filter(filter)
		.map((recorded) => {
			const operation = parse((recorded.body as { query: string }).query).definitions[0] as OperationDefinitionNode;
			const field = operation.selectionSet.selections[0];
			return field.kind === 'Field' ? field.name.value : '?';
		});
}

const variablesOf = (field: string) =>
	sandbox.server
		.requestsTo('healthie')
		.filter((recorded) => (recorded.body as { query: string }).query.includes(`${field}(`))
		.map((recorded) => (recorded.body as { variables: IDataObject }).variables);

describe('publishing and unpublishing', () => {
	it('creates enabled, retrying webhooks with Healthie’s auth headers and the enum event types of the API version', async () => {
		const trigger = healthieTrigger();
		await trigger.publish();

		const webhooks = webhooksAt(trigger.productionUrl());
		expect(webhooks).toHaveLength(3);
		expect(webhooks.every((webhook) => webhook.events.length === 1 && webhook.is_enabled && webhook.should_retry)).toBe(true);

		const [create] = sandbox.server.requestsTo('healthie').filter((recorded) => JSON.stringify(recorded.body).includes('createWebhook'));
		expect(create.headers).toMatchObject({
			authorization: `Basic ${sandbox.healthie.apiKey}`,
			authorizationsource: 'API',
			'healthie-graphql-api-version': '2026-01-01',
		});
		expect(create.headers.authorizationshard).toBeUndefined();
		const sent = variablesOf('createWebhook').map((variables) => (variables.input as IDataObject).webhook_events);
		expect(sent.flat()).toEqual(
			expect.arrayContaining([{ event_type: 'APPOINTMENT_CREATED' }, { event_type: 'FORM_ANSWER_GROUP_CREATED' }]),
		);
	});

	it('recreates a webhook Healthie disabled after failed deliveries', async () => {
		const trigger = healthieTrigger({ events: ['appointment.created'], options: { includeFullRecord: false } });
		await trigger.publish();
		const [original] = webhooksAt(trigger.productionUrl());
		// Deliveries fail (the node no longer holds the secret, so it answers 401) until Healthie gives up.
		const secrets = trigger.nodeStaticData().subscriptions;
		trigger.forgetStaticData();
		sandbox.healthie.disableAfterFailedDeliveries = 2;
		try {
			await sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
			await sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		} finally {
			sandbox.healthie.disableAfterFailedDeliveries = 3;
		}
		expect(sandbox.healthie.webhooks.get(original.id)?.is_enabled).toBe(false);
		trigger.staticData.production = { [`node:${trigger.node.name}`]: { subscriptions: secrets } };

		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');
		const [replacement] = webhooksAt(trigger.productionUrl());
		expect(webhooksAt(trigger.productionUrl())).toHaveLength(1);
		expect(replacement).toMatchObject({ is_enabled: true, events: ['appointment.created'] });
		expect(replacement.id).not.toBe(original.id);

		await sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('retries Healthie’s TOO_MANY_REQUESTS and HTTP 429, then succeeds', async () => {
		const trigger = healthieTrigger();
		sandbox.healthie.rateLimit(2);
		sandbox.server.faults.inject({ vendor: 'healthie', kind: 'rateLimit', retryAfterSeconds: 0, after: 3 });
		await trigger.publish();
		expect(eventsAt(trigger.productionUrl())).toEqual(THREE_EVENTS);
	});

	it('removes nothing while Healthie cannot list, and reports other delete failures', async () => {
		const trigger = healthieTrigger();
		await trigger.publish();
		const [gone] = webhooksAt(trigger.productionUrl());
		sandbox.healthie.webhooks.delete(gone.id);
		// Without the list nothing is removed (stored ids alone prove nothing); n8n's retry removes the rest.
		sandbox.server.faults.inject({ vendor: 'healthie', kind: 'status', status: 503, times: retryPolicy.maxAttempts });
		await expect(trigger.unpublish()).rejects.toThrow(/Healthie could not list this trigger's subscriptions, so none were removed/);
		expect(operations().filter((field) => field === 'deleteWebhook')).toHaveLength(0);
		await trigger.unpublish();
		expect(webhooksAt(trigger.productionUrl())).toHaveLength(0);
		expect(operations().filter((field) => field === 'deleteWebhook')).toHaveLength(2);

		await trigger.publish();
		sandbox.server.faults.inject({ vendor: 'healthie', kind: 'status', status: 500, after: 1, times: 1 });
		await expect(trigger.unpublish()).rejects.toThrow(/Healthie did not remove 1 subscription/);
		expect(webhooksAt(trigger.productionUrl())).toHaveLength(1);
		await trigger.unpublish(); // n8n retries delete
		expect(webhooksAt(trigger.productionUrl())).toHaveLength(0);
	});

	it('fails publish with a clear message for a version Healthie does not publish', async () => {
		const trigger = healthieTrigger(undefined, { apiVersion: '2023-01-01' });
		await expect(trigger.publish()).rejects.toMatchObject({
			message: expect.stringMatching(/Healthie rejected the request: .*does not match a published release/),
		});
	});
});

describe('API version forms', () => {
	it('uses dotted event types and the paged list without a version header (baseline), and sends no header', async () => {
		const trigger = healthieTrigger(undefined, { apiVersion: 'none' });
		await trigger.publish();
		expect(await trigger.runHook('checkExists')).toBe(true);
		expect(eventsAt(trigger.productionUrl())).toEqual(THREE_EVENTS);

		const requests = sandbox.server.requestsTo('healthie');
		expect(requests.every((recorded) => recorded.headers['healthie-graphql-api-version'] === undefined)).toBe(true);
		const sent = variablesOf('createWebhook').flatMap((variables) => (variables.input as IDataObject).webhook_events as IDataObject[]);
		expect(sent.map((event) => event.event_type).sort()).toEqual(THREE_EVENTS);
		expect(variablesOf('webhooks')[0]).toEqual({ offset: 0, page_size: 100 });

		await trigger.unpublish();
		expect(sandbox.healthie.webhooks.size).toBe(0);
	});

	it('falls back to the list form when a version between releases has no connection yet', async () => {
		sandbox.healthie.webhooksConnectionFrom = '2025-11-30';
		try {
			const trigger = healthieTrigger(undefined, { apiVersion: '2025-10-15' });
			await trigger.publish();
			expect(await trigger.runHook('checkExists')).toBe(true);
			expect(eventsAt(trigger.productionUrl())).toEqual(THREE_EVENTS);
			expect(variablesOf('webhooks').some((variables) => 'first' in variables)).toBe(true);
			expect(variablesOf('webhooks').some((variables) => 'page_size' in variables)).toBe(true);
		} finally {
			sandbox.healthie.webhooksConnectionFrom = '2025-10-15';
		}
	});

	it.each([
		['the baseline list, when Healthie caps page_size at 20', { apiVersion: 'none' }, 45],
		['the connection', {}, 130],
	])('pages through %s to find its own webhooks', async (_name, credentials, foreign) => {
		sandbox.healthie.listPageSizeCap = 20;
		try {
			for (let index = 0; index < foreign; index++) {
				sandbox.healthie.addWebhook(`https://elsewhere.example.com/${index}`, ['patient.updated']);
			}
			const trigger = healthieTrigger(undefined, credentials);
			await trigger.publish();
			expect(await trigger.runHook('checkExists')).toBe(true);
			expect(sandbox.healthie.webhooks.size).toBe(foreign + 3);
		} finally {
			sandbox.healthie.listPageSizeCap = 100;
		}
	});
});

describe('deliveries', () => {
	async function published(parameters: IDataObject = { events: THREE_EVENTS }) {
		const trigger = healthieTrigger(parameters);
		await trigger.publish();
		return trigger;
	}

	async function post(url: string, body: string, headers: Record<string, string>) {
		const response = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
		return { status: response.statusCode, body: await response.body.text() };
	}

	/** The headers Healthie signs `body` with for a delivery to `url` (the kit's recipe). */
	const signed = (secret: string, url: string, body: string) => signing.sign(Buffer.from(body), secret, 0, url).headers;

	const body = JSON.stringify({ resource_id: '3001', resource_id_type: 'Appointment', event_type: 'appointment.created', changed_fields: [] });

	it('emits a numeric resource_id as a string and still fetches the record', async () => {
		const trigger = await published();
		await sandbox.healthie.emit({ event_type: 'patient.created', resource_id: 1001 });
		const [execution] = receiver.executionsOf(trigger);
		expect(execution.items[0]).toMatchObject({ resource_id: '1001', record: { id: '1001', first_name: 'Ada' } });
		expect(sandbox.healthie.clearedNotifications).toEqual([]);
	});

	it.each([
		['User', 'patient.updated', '1002', { first_name: 'Zoë', email: 'zoe@example.org' }],
		['Appointment', 'appointment.updated', '3001', { contact_type: 'Healthie Video Call' }],
		['Appointment (deleted)', 'appointment.deleted', '3002', { pm_status: 'Cancelled', deleted_at: expect.any(String) }],
		['FormAnswerGroup', 'form_answer_group.created', '4001', { form_answers: expect.arrayContaining([expect.objectContaining({ label: 'Reason for visit', answer: 'Knee pain' })]) }],
		['Note', 'message.created', '5001', { content: 'Can I move my appointment?', conversation_id: '600' }],
		['Task', 'task.created', '6001', { content: 'Call Ada about her intake form' }],
		['Entry', 'metric_entry.created', '7001', { category: 'Weight', metric_stat: 71.5 }],
		['AppliedTag', 'applied_tag.created', '8001', { tag: { id: '55', name: 'Intake pending' } }],
		['RequestedFormCompletion', 'requested_form_completion.created', '8101', { status: 'incomplete' }],
		['Document', 'document.created', '8201', { display_name: 'Referral letter.pdf' }],
		['Goal', 'goal.created', '8301', { name: 'Walk 30 minutes a day' }],
		['LabOrder', 'lab_order.created', '8401', { lab_company: 'Quest Diagnostics' }],
		['BillingItem', 'billing_item.created', '8501', { amount_paid: '120.0', requested_payment: { id: '8601' } }],
		['RequestedPayment', 'requested_payment.updated', '8601', { status: 'Paid' }],
		['CarePlan', 'care_plan.created', '8701', { name: 'Knee rehab' }],
		['Policy', 'policy.created', '8801', { num: 'W123456789' }],
		['Comment', 'comment.created', '8901', { content: 'Great progress!' }],
		['Medication', 'medication.created', '9001', { name: 'Ibuprofen' }],
		['ConversationMembership', 'conversation_membership.viewed', '9101', { conversation_id: '600', viewed: true }],
		['InsuranceAuthorization', 'insurance_authorization.updated', '9201', { authorization_number: 'AUTH-1' }],
	])('adds the full %s under "record"', async (_type, event, id, expected) => {
		const trigger = await published({ events: [event] });
		await sandbox.healthie.emit({ event_type: event, resource_id: id });
		const [execution] = receiver.executionsOf(trigger);
		expect(execution.items[0].recordError).toBeUndefined();
		expect(execution.items[0].record).toMatchObject({ id, ...expected });
	});

	it('still emits the event, with the reason under "recordError", when the record is missing or the fetch fails', async () => {
		const trigger = await published({ events: ['task.updated', 'task.deleted'] });
		await sandbox.healthie.emit({ event_type: 'task.deleted', resource_id: '999999' });
		sandbox.healthie.rateLimit(1);
		await sandbox.healthie.emit({ event_type: 'task.updated', resource_id: '6001' });

		const [missing, limited] = receiver.executionsOf(trigger).map((execution) => execution.items[0]);
		expect(missing).toMatchObject({ event_type: 'task.deleted', recordError: expect.stringMatching(/Healthie returned no Task with id 999999/) });
		expect(limited).toMatchObject({ event_type: 'task.updated', recordError: expect.stringMatching(/Too many requests/) });
		expect(limited.record).toBeUndefined();
		// One attempt only: the delivery is waiting.
		expect(operations().filter((field) => field === 'task')).toHaveLength(2);
	});

	it('emits test.created and events without a record query as sent, without any request', async () => {
		const trigger = await published({ events: ['test.created', 'diagnosis.created'] });
		const before = sandbox.server.requestsTo('healthie').length;
		await sandbox.healthie.emit({ event_type: 'test.created', resource_id: '12345', resource_id_type: 'Test' });
		await sandbox.healthie.emit({ event_type: 'diagnosis.created', resource_id: '77', extra: { user_id: '1001', icd_code_id: '9' } });

		const items = receiver.executionsOf(trigger).map((execution) => execution.items[0]);
		expect(items).toEqual([
			expect.objectContaining({ event_type: 'test.created', resource_id_type: 'Test' }),
			expect.objectContaining({ event_type: 'diagnosis.created', user_id: '1001', icd_code_id: '9' }),
		]);
		for (const item of items) expect(item).not.toHaveProperty('record');
		for (const item of items) expect(item).not.toHaveProperty('recordError');
		expect(sandbox.server.requestsTo('healthie').length).toBe(before);
	});

	it('makes no request when "Include Full Record" is off', async () => {
		const trigger = await published({ events: ['appointment.created'], options: { includeFullRecord: false } });
		const before = sandbox.server.requestsTo('healthie').length;
		await sandbox.healthie.emit({ event_type: 'appointment.created', resource_id: '3001' });
		expect(receiver.executionsOf(trigger)[0].items[0]).not.toHaveProperty('record');
		expect(sandbox.server.requestsTo('healthie').length).toBe(before);
	});

	// Forged, tampered (a body changed without changing its length, which only the digest check
	// catches) and unsigned deliveries are refused by every trigger (contract suite); Healthie also signs the path.
	it('refuses a delivery signed for the path n8n sees instead of the registered one with 401 and no execution', async () => {
		const trigger = await published();
		const secrets = storedSecrets(trigger);
		const answer = await post(trigger.productionUrl(), body, signed(secrets[0], `${receiver.url}/internal/webhook`, body));

		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
		for (const secret of secrets) expect(answer.body).not.toContain(secret);
	});

	it('accepts the other Content-Digest spellings the docs allow (upper-case label, RFC 9530 colons)', async () => {
		sandbox.healthie.digestLabel = 'SHA-256';
		sandbox.healthie.digestColons = true;
		try {
			const trigger = await published({ events: ['patient.created'], options: { includeFullRecord: false } });
			const [delivery] = await sandbox.healthie.emit({ event_type: 'patient.created', resource_id: '1001' });
			expect(delivery.attempts[0].request.headers['content-digest']).toMatch(/^SHA-256=:.+=:$/);
			expect(receiver.executionsOf(trigger)).toHaveLength(1);
		} finally {
			sandbox.healthie.digestLabel = 'sha-256';
			sandbox.healthie.digestColons = false;
		}
	});
});

describe('behind a reverse proxy with a path prefix', () => {
	let proxy: Server;
	let proxyUrl: string;

	beforeAll(async () => {
		// Public URLs are /n8n/webhook/…; the proxy strips /n8n before n8n sees them.
		proxy = createServer((incoming, outgoing) => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', () => {
				const path = (incoming.url ?? '/').replace(/^\/n8n/, '');
				void request(`${receiver.url}${path}`, {
					method: 'POST',
					headers: incoming.headers as Record<string, string>,
					body: Buffer.concat(chunks),
				}).then(async (response) => {
					outgoing.writeHead(response.statusCode, { 'content-type': 'application/json' });
					outgoing.end(await response.body.text());
				});
			});
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
		proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		proxy.closeAllConnections();
		await new Promise<void>((resolve) => proxy.close(() => resolve()));
	});

	it('verifies against the registered public path, not the one n8n sees', async () => {
		const trigger = healthieTrigger({ events: ['patient.created'], options: { includeFullRecord: false } }, {}, `${proxyUrl}/n8n`);
		await trigger.publish();
		expect(webhooksAt(trigger.productionUrl())[0].url).toMatch(/\/n8n\/webhook\//);

		const [delivery] = await sandbox.healthie.emit({ event_type: 'patient.created', resource_id: '1001' });
		expect(delivery.delivered).toBe(true);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});
});
