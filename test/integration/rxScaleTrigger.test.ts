import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { RxScale } from '../../nodes/RxScale/RxScale.node';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import type { Sandbox } from '../sandbox';
import { RXSCALE_SANDBOX_READ_ONLY_KEY, RXSCALE_SANDBOX_SIGNING_SECRET } from '../sandbox/rxScale';
import { ActionHarness, TriggerHarness } from '../support/n8nCore';
import type { HttpsDeliveryStack, TlsProxy } from '../support/tls';
import { startHttpsDeliveryStack } from '../support/tls';
import type { WebhookReceiver } from '../support/webhookReceiver';
import { VENDOR_KITS } from '../vendors';

/**
 * What only the RxScale trigger does, its real code inside n8n-core's contexts, against the sandbox
 * over real HTTP (the lifecycle and delivery scenarios every trigger shares run in
 * test/integration/contract).
 * RxScale only delivers to HTTPS, so n8n's base URL here is a TLS proxy (self-signed certificate,
 * made by openssl for this run and trusted by the sandbox's sender) in front of the stand-in for
 * n8n's webhook server: sandbox --https--> TlsProxy --http--> WebhookReceiver --> webhook().
 */

let stack: HttpsDeliveryStack;
let sandbox: Sandbox;
let receiver: WebhookReceiver;
let proxy: TlsProxy;
let client: Agent;
let webhookCounter = 0;

const FOUR_EVENTS = ['pharmacy_order_created', 'pharmacy_order_updated', 'pharmacy_sku_stock_updated', 'patient_doctor_meeting_updated'];

beforeAll(async () => {
	stack = await startHttpsDeliveryStack();
	({ sandbox, receiver, proxy } = stack);
	sandbox.rxScale.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
	client = new Agent({ connect: { ca: stack.certificate.cert } });
});

afterAll(async () => {
	await stack.stop();
	await client.close();
});

beforeEach(() => sandbox.server.reset());

function rxTrigger(
	parameters: IDataObject = { events: FOUR_EVENTS },
	credentials: ICredentialDataDecryptedObject = {},
	n8nBaseUrl = proxy.url,
): TriggerHarness {
	webhookCounter++;
	const harness = new TriggerHarness({
		trigger: new RxScaleTrigger(),
		credentialTypes: [new RxScaleApi()],
		credentials: { rxScaleApi: { ...sandbox.rxScale.credentials(), ...credentials } },
		parameters,
		n8nBaseUrl,
		webhookId: `00000000-0000-4000-9000-${String(webhookCounter).padStart(12, '0')}`,
	});
	receiver.register(harness);
	return harness;
}

function activeAt(url: string) {
	return sandbox.rxScale.active().filter((subscription) => subscription.target === url);
}

function typesAt(url: string): string[] {
	return activeAt(url)
		.map((subscription) => subscription.notification_type)
		.sort();
}

function stored(harness: TriggerHarness, mode: 'production' | 'test' = 'production') {
	return (harness.nodeStaticData(mode).subscriptions ?? []) as Array<{ id: string; events: string[]; secret?: string }>;
}

const { signing } = VENDOR_KITS.rxScale;

/** RxScale's signature of `body` exactly as given (the kit's recipe, at the body's own timestamp). */
function sign(secret: string, body: string): string {
	const { timestamp } = JSON.parse(body) as { timestamp: number };
	return signing.sign(Buffer.from(body), secret, timestamp).headers['x-webhook-signature'];
}

async function post(url: string, body: string, headers: Record<string, string>) {
	const response = await request(url, {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', ...headers },
		dispatcher: client,
	});
	return { status: response.statusCode, body: await response.body.text() };
}

function envelope(eventType = 'pharmacy_order_created', timestamp = Math.floor(Date.now() / 1000), uid = 'po-1001') {
	return JSON.stringify({ event_type: eventType, timestamp, payload_version: '1', data: { uid, status: 'init' } });
}

describe('publishing and unpublishing', () => {
	it('registers each event with target, type and payload version 1, and keeps the whsec_ secret RxScale returned for each', async () => {
		const trigger = rxTrigger();
		await trigger.publish();

		const mine = stored(trigger);
		expect(mine).toHaveLength(4);
		for (const subscription of activeAt(trigger.productionUrl())) {
			const kept = mine.find((entry) => entry.id === subscription.uid);
			expect(kept).toEqual({ id: subscription.uid, events: [subscription.notification_type], secret: subscription.signing_secret });
			expect(subscription.signing_secret).toMatch(/^whsec_/);
		}
		const creates = sandbox.server.requestsTo('rxScale', { method: 'POST', path: '/v1/management/notification-subscriptions/' });
		expect(creates.map((call) => call.body)).toEqual(
			expect.arrayContaining(
				FOUR_EVENTS.map((event) => ({ notification_type: event, target: trigger.productionUrl(), payload_version: '1' })),
			),
		);
		expect(creates[0].headers['x-api-key']).toBe('rxscale-sandbox-api-key');
	});

	it('removes every subscription on unpublish, sending target and type as query and as body', async () => {
		const trigger = rxTrigger();
		await trigger.publish();
		await trigger.unpublish();

		expect(sandbox.rxScale.active()).toHaveLength(0);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
		const removals = sandbox.server.requestsTo('rxScale', { method: 'DELETE' });
		expect(removals).toHaveLength(4);
		for (const removal of removals) {
			expect(removal.path).toBe('/v1/management/notification-subscriptions/');
			expect(removal.query).toEqual({ target: trigger.productionUrl(), notification_type: expect.any(String) });
			expect(removal.body).toEqual(removal.query);
		}
		expect(removals.map((removal) => removal.query.notification_type).sort()).toEqual([...FOUR_EVENTS].sort());
	});

	it('subscribes to appointment_reminder_due where RxScale accepts it', async () => {
		const trigger = rxTrigger({ events: ['appointment_reminder_due'] });
		await trigger.publish();
		expect(typesAt(trigger.productionUrl())).toEqual(['appointment_reminder_due']);
	});

	it('removes nothing while RxScale cannot list, says so, and removes everything on n8n’s retry', async () => {
		const trigger = rxTrigger();
		await trigger.publish();
		sandbox.server.faults.inject({ vendor: 'rxScale', method: 'GET', kind: 'status', status: 503, times: 3 });

		await expect(trigger.unpublish()).rejects.toThrow(/RxScale could not list this trigger's subscriptions, so none were removed/);
		expect(sandbox.server.requestsTo('rxScale', { method: 'DELETE' })).toHaveLength(0);
		expect(sandbox.rxScale.active()).toHaveLength(4);

		await trigger.unpublish();
		expect(sandbox.rxScale.active()).toHaveLength(0);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('fails publish naming the missing permission when the key cannot register, leaving nothing', async () => {
		const trigger = rxTrigger({ events: FOUR_EVENTS }, { apiKey: RXSCALE_SANDBOX_READ_ONLY_KEY });
		const failure = trigger.publish();
		await expect(failure).rejects.toThrow(/this API key lacks the permission "notification_subscription:write"/);
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/account manager/) });
		expect(sandbox.rxScale.active()).toHaveLength(0);
	});

});

describe('a 409 on create', () => {
	it('takes over a subscription provably its own (same URL and type): no duplicate, a secret it holds', async () => {
		const trigger = rxTrigger();
		sandbox.rxScale.registerConcurrentlyBeforeNextCreate(trigger.productionUrl(), 'pharmacy_order_updated');

		await trigger.publish();

		const conflicts = sandbox.server.requestsTo('rxScale', { method: 'POST' }).filter((call) => call.status === 409);
		expect(conflicts).toHaveLength(1);
		expect(typesAt(trigger.productionUrl())).toEqual([...FOUR_EVENTS].sort());
		expect(sandbox.rxScale.active()).toHaveLength(4);
		const updated = activeAt(trigger.productionUrl()).find((subscription) => subscription.notification_type === 'pharmacy_order_updated')!;
		expect(stored(trigger).find((entry) => entry.id === updated.uid)?.secret).toBe(updated.signing_secret);

		const [delivery] = await sandbox.rxScale.emit('pharmacy_order_updated');
		expect(delivery.delivered).toBe(true);
		expect(delivery.attempts[0].request.headers['x-webhook-event']).toBe('pharmacy_order_updated');
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('adopts and removes nothing that is not its own, and fails naming the event', async () => {
		sandbox.rxScale.settings.duplicates = 'type'; // RxScale might allow one subscription per type
		const other = rxTrigger({ events: ['pharmacy_order_created'] });
		await other.publish();
		const mine = rxTrigger({ events: ['pharmacy_order_created', 'pharmacy_order_updated'] });

		const failure = mine.publish();
		await expect(failure).rejects.toThrow(
			/RxScale did not accept the subscription for pharmacy_order_created: it conflicts with an existing subscription \(409\) that does not point at this workflow/,
		);
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/neither adopted nor removed/) });
		expect(typesAt(other.productionUrl())).toEqual(['pharmacy_order_created']);
		expect(activeAt(mine.productionUrl())).toHaveLength(0);
		expect(sandbox.rxScale.active()).toHaveLength(1);
	});
});

describe('the HTTPS rule', () => {
	it.each(['production', 'test'] as const)(
		'refuses to publish (%s) at an http URL, naming N8N_WEBHOOK_URL, before any RxScale call',
		async (mode) => {
			const trigger = rxTrigger({ events: FOUR_EVENTS }, {}, receiver.url);
			const failure = trigger.publish(mode);
			// n8n shows a failed publication's message only (not its description): the message says what to change.
			await expect(failure).rejects.toThrow(
				/^RxScale only delivers to HTTPS addresses, and this trigger's URL is http:\/\/\S+: set n8n's public https webhook URL \(N8N_WEBHOOK_URL\) and restart n8n$/,
			);
			await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/N8N_WEBHOOK_URL/) });
			expect(sandbox.server.requestsTo('rxScale')).toHaveLength(0);
		},
	);

	it('the sandbox refuses http targets as RxScale does, unless started for local use', async () => {
		const register = (target: string) =>
			request(`${sandbox.rxScale.baseUrl}/v1/management/notification-subscriptions/`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': 'rxscale-sandbox-api-key' },
				body: JSON.stringify({ notification_type: 'pharmacy_order_created', target }),
			});
		const refused = await register('http://127.0.0.1:5678/webhook/x/webhook');
		expect(refused.statusCode).toBe(400);
		expect(await refused.body.json()).toEqual({ error: 'Validation error', details: { target: ['URL must use HTTPS.'] } });

		sandbox.rxScale.settings.allowHttpTargets = true;
		const accepted = await register('http://127.0.0.1:5678/webhook/x/webhook');
		expect(accepted.statusCode).toBe(201);
		await accepted.body.dump();
	});
});

describe('signing secrets', () => {
	it('uses the credential’s secret where RxScale returns none, and verifies deliveries with it', async () => {
		sandbox.rxScale.settings.secrets = 'organisation';
		const trigger = rxTrigger({ events: ['pharmacy_order_created'] }, { webhookSigningSecret: RXSCALE_SANDBOX_SIGNING_SECRET });
		await trigger.publish();

		expect(stored(trigger)).toEqual([{ id: expect.any(String), events: ['pharmacy_order_created'] }]);
		expect(await trigger.runHook('checkExists')).toBe(true);
		const [delivery] = await sandbox.rxScale.emit('pharmacy_order_created');
		expect(delivery.delivered).toBe(true);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('fails publish with a clear message, and leaves nothing, when RxScale returns no secret and the credential has none', async () => {
		sandbox.rxScale.settings.secrets = 'organisation';
		const trigger = rxTrigger();
		const failure = trigger.publish();
		await expect(failure).rejects.toThrow(/RxScale returned no signing secret, and none is set in the credential/);
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/nothing was registered/) });
		expect(sandbox.rxScale.active()).toHaveLength(0);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('accepts a delivery signed with either secret while the credential holds two (rotation)', async () => {
		sandbox.rxScale.settings.secrets = 'organisation';
		const next = 'whsec_rotated-organisation-secret';
		const trigger = rxTrigger(
			{ events: ['pharmacy_order_created'] },
			{ webhookSigningSecret: next, previousWebhookSigningSecret: RXSCALE_SANDBOX_SIGNING_SECRET },
		);
		await trigger.publish();
		for (const [secret, uid] of [[next, 'po-new'], [RXSCALE_SANDBOX_SIGNING_SECRET, 'po-old']]) {
			const body = envelope('pharmacy_order_created', Math.floor(Date.now() / 1000), uid);
			expect((await post(trigger.productionUrl(), body, { 'x-webhook-signature': sign(secret, body) })).status).toBe(200);
		}
		expect(receiver.executionsOf(trigger)).toHaveLength(2);
	});

	it('does not accept the credential’s secret once each of its subscriptions has a secret of its own', async () => {
		// Another trigger with the same credential may rely on it: a delivery signed with it is not for this one.
		const trigger = rxTrigger({ events: ['pharmacy_order_created'] }, { webhookSigningSecret: RXSCALE_SANDBOX_SIGNING_SECRET });
		await trigger.publish();
		expect(stored(trigger).every((subscription) => subscription.secret)).toBe(true);
		const body = envelope();
		expect((await post(trigger.productionUrl(), body, { 'x-webhook-signature': sign(RXSCALE_SANDBOX_SIGNING_SECRET, body) })).status).toBe(401);
		expect((await post(trigger.productionUrl(), body, { 'x-webhook-signature': sign(stored(trigger)[0].secret!, body) })).status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});
});

describe('deliveries', () => {
	async function publishedTrigger(parameters: IDataObject = { events: FOUR_EVENTS }) {
		const trigger = rxTrigger(parameters);
		await trigger.publish();
		return trigger;
	}

	function secretFor(trigger: TriggerHarness, event = 'pharmacy_order_created'): string {
		return activeAt(trigger.productionUrl()).find((subscription) => subscription.notification_type === event)!.signing_secret!;
	}

	// Forged, tampered and unsigned deliveries are refused by every trigger (contract suite); these break RxScale's one header.
	it.each([
		['with an empty signature', () => ({ 'x-webhook-signature': '' })],
		['with a truncated signature', (body: string, secret: string) => ({ 'x-webhook-signature': sign(secret, body).slice(0, 32) })],
		['signed as base64 instead of hex', (body: string, secret: string) => ({
			'x-webhook-signature': Buffer.from(sign(secret, body), 'hex').toString('base64'),
		})],
	])('refuses a delivery %s with 401 and no execution', async (_name, headersFor) => {
		const trigger = await publishedTrigger();
		const secret = secretFor(trigger);
		const body = envelope();
		const answer = await post(trigger.productionUrl(), body, headersFor(body, secret));

		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
		expect(answer.body).not.toContain(secret);
	});

	it('accepts a sha256= label and upper-case hex', async () => {
		const trigger = await publishedTrigger();
		const body = envelope();
		const answer = await post(trigger.productionUrl(), body, {
			'x-webhook-signature': `sha256=${sign(secretFor(trigger), body).toUpperCase()}`,
		});
		expect(answer.status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('runs for each of two different events about the same order in the same second', async () => {
		const trigger = await publishedTrigger();
		const timestamp = Math.floor(Date.now() / 1000);
		for (const event of ['pharmacy_order_created', 'pharmacy_order_updated']) {
			const body = envelope(event, timestamp);
			expect((await post(trigger.productionUrl(), body, { 'x-webhook-signature': sign(secretFor(trigger, event), body) })).status).toBe(200);
		}
		expect(receiver.executionsOf(trigger)).toHaveLength(2);
	});

	it('refuses a delivery older than the maximum age set, with a bare 401', async () => {
		const strict = await publishedTrigger({ events: ['pharmacy_order_created'], options: { maxAgeSeconds: 300 } });
		const old = envelope('pharmacy_order_created', Math.floor(Date.now() / 1000) - 600);

		const refused = await post(strict.productionUrl(), old, { 'x-webhook-signature': sign(secretFor(strict), old) });
		expect(refused).toEqual({ status: 401, body: JSON.stringify({ error: 'Unauthorized' }) });
		expect(receiver.executionsOf(strict)).toHaveLength(0);

		const fresh = envelope('pharmacy_order_created', Math.floor(Date.now() / 1000) - 5);
		expect((await post(strict.productionUrl(), fresh, { 'x-webhook-signature': sign(secretFor(strict), fresh) })).status).toBe(200);
		expect(receiver.executionsOf(strict)).toHaveLength(1);
	});

	it('refuses by default a correctly signed delivery dated more than a day ago: a captured delivery is not valid for ever', async () => {
		const trigger = await publishedTrigger({ events: ['pharmacy_order_created'] });
		const now = Math.floor(Date.now() / 1000);
		for (const timestamp of [now - 86_400 - 60, now - 3 * 365 * 86_400]) {
			const old = envelope('pharmacy_order_created', timestamp, `po-${timestamp}`);
			const answer = await post(trigger.productionUrl(), old, { 'x-webhook-signature': sign(secretFor(trigger), old) });
			expect(answer.status).toBe(401);
		}
		const hoursOld = envelope('pharmacy_order_created', now - 6 * 3600);
		expect((await post(trigger.productionUrl(), hoursOld, { 'x-webhook-signature': sign(secretFor(trigger), hoursOld) })).status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('runs once whatever X-Webhook-Test (unsigned) says: adding or removing it does not make a new delivery', async () => {
		const trigger = await publishedTrigger({ events: ['pharmacy_order_created'] });
		const body = envelope('pharmacy_order_created', Math.floor(Date.now() / 1000), 'po-flip');
		const signature = { 'x-webhook-signature': sign(secretFor(trigger), body) };
		const answers = [];
		for (const flip of [{} as Record<string, string>, { 'x-webhook-test': 'true' }, { 'x-webhook-test': 'TRUE' }, { 'x-webhook-test': 'false' }, {}]) {
			answers.push((await post(trigger.productionUrl(), body, { ...signature, ...flip })).status);
		}
		expect(answers).toEqual([200, 200, 200, 200, 200]);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
		expect(receiver.executionsOf(trigger)[0].items[0]).toMatchObject({ isTest: false });

		// A signed test sample replayed without its header is the same delivery too.
		const sample = envelope('pharmacy_order_created', Math.floor(Date.now() / 1000), 'po-sample');
		const sampleSignature = { 'x-webhook-signature': sign(secretFor(trigger), sample) };
		await post(trigger.productionUrl(), sample, { ...sampleSignature, 'x-webhook-test': 'true' });
		await post(trigger.productionUrl(), sample, sampleSignature);
		expect(receiver.executionsOf(trigger)).toHaveLength(2);
		expect(receiver.executionsOf(trigger)[1].items[0]).toMatchObject({ isTest: true });
	});

	it('answers 400 for a signed body that is not RxScale’s envelope', async () => {
		const trigger = await publishedTrigger();
		const body = JSON.stringify({ event_type: 'pharmacy_order_created', timestamp: Math.floor(Date.now() / 1000), data: 'nope' });
		const answer = await post(trigger.productionUrl(), body, { 'x-webhook-signature': sign(secretFor(trigger), body) });
		expect(answer.status).toBe(400);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});

});

describe('test deliveries (Send Test Delivery → trigger)', () => {
	const actions = () =>
		new ActionHarness({
			node: new RxScale(),
			credentialTypes: [new RxScaleApi()],
			credentials: { rxScaleApi: sandbox.rxScale.credentials() },
		});

	async function sendTest(targetUrl: string, eventType = 'pharmacy_order_created') {
		const [[item]] = await actions().run({
			parameters: { resource: 'webhook', operation: 'sendTestDelivery', targetUrl, eventType },
		});
		return item.json;
	}

	it('passes a signed test delivery through, marked isTest', async () => {
		const trigger = rxTrigger({ events: ['pharmacy_order_updated'] });
		await trigger.publish();

		const result = await sendTest(trigger.productionUrl(), 'pharmacy_order_updated');
		expect(result).toMatchObject({ sent: true, response: { success: true, status_code: 200 } });
		const executions = receiver.executionsOf(trigger);
		expect(executions).toHaveLength(1);
		expect(executions[0].items[0]).toMatchObject({ event_type: 'pharmacy_order_updated', isTest: true });
		const [test] = sandbox.server.deliveries.log.filter((record) => record.label.startsWith('test'));
		expect(test.attempts[0].request.headers['x-webhook-test']).toBe('true');
	});

	it('refuses an unsigned test delivery: being a test does not skip verification', async () => {
		const trigger = rxTrigger({ events: ['pharmacy_order_created'] });
		await trigger.publish();
		const answer = await post(trigger.productionUrl(), envelope(), { 'x-webhook-test': 'true' });
		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});
});
