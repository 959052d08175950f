import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import { HearLink } from '../../nodes/HearLink/HearLink.node';
import { HearLinkTrigger } from '../../nodes/HearLink/HearLinkTrigger.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { Envelope, HearLinkWebhook } from '../sandbox/hearLink';
import { SEED } from '../sandbox/hearLink/practice';
import { eventually } from '../support/eventually';
import { ActionHarness, TriggerHarness } from '../support/n8nCore';
import { WebhookReceiver } from '../support/webhookReceiver';
import { VENDOR_KITS } from '../vendors';

/**
 * What only the HearLink trigger does, its real code in n8n-core's contexts. HearLink has no webhook
 * API: the sandbox plays its portal (a webhook is created for the node's URL and shows its secret
 * once, which goes into the credential), and its signed deliveries, retries included, arrive over
 * real HTTP at a stand-in of n8n's webhook server. The delivery scenarios every trigger shares run
 * in test/integration/contract.
 */

const { signing } = VENDOR_KITS.hearLink;

let sandbox: Sandbox;
let receiver: WebhookReceiver;
let webhookCounter = 0;

const EVENTS = ['patient.created', 'appointment.updated'];

beforeAll(async () => {
	sandbox = await startSandbox();
	sandbox.hearLink.deliveryPolicy = { attempts: 6, backoffMs: () => 1, timeoutMs: 5000 };
	receiver = await WebhookReceiver.start();
});

afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});

beforeEach(() => sandbox.server.reset());

function hearLinkTrigger(parameters: IDataObject = { events: EVENTS }, secret = ''): TriggerHarness {
	webhookCounter++;
	const harness = new TriggerHarness({
		trigger: new HearLinkTrigger(),
		credentialTypes: [new HearLinkApi()],
		credentials: { hearLinkApi: { ...sandbox.hearLink.credentials(), webhookSigningSecret: secret } },
		parameters,
		n8nBaseUrl: receiver.url,
		webhookId: `11111111-0000-4000-8000-${String(webhookCounter).padStart(12, '0')}`,
	});
	receiver.register(harness);
	return harness;
}

function setSecret(trigger: TriggerHarness, secret: string, previous = ''): void {
	trigger.credentialsHelper.data.hearLinkApi = {
		...trigger.credentialsHelper.data.hearLinkApi,
		webhookSigningSecret: secret,
		previousWebhookSigningSecret: previous,
	};
}

/** What the admin does: create the webhook in HearLink's portal, paste the secret, publish. */
async function setUpInPortal(parameters: IDataObject = { events: EVENTS }, portalEvents = EVENTS) {
	const trigger = hearLinkTrigger(parameters);
	const webhook = sandbox.hearLink.createWebhook(trigger.productionUrl(), portalEvents);
	setSecret(trigger, webhook.secret);
	await trigger.publish();
	return { trigger, webhook };
}

const now = () => Math.floor(Date.now() / 1000);

/** The headers HearLink signs `body` with (the kit's recipe), at `t`. */
function signed(secret: string, body: string, t = now()): Record<string, string> {
	return signing.sign(Buffer.from(body), secret, t).headers;
}

async function post(url: string, body: string, headers: Record<string, string>) {
	const response = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
	return { status: response.statusCode, body: await response.body.text() };
}

function envelope(type = 'patient.created', data: unknown = { uid: SEED.patient, fullName: 'Margaret Hughes' }): Envelope {
	return { id: `evt_${Math.random().toString(16).slice(2)}`, type, createdAt: '2026-04-10T14:30:00.000Z', data };
}

describe('publishing and unpublishing (no webhook API at HearLink)', () => {
	it('publishes without calling HearLink: checkExists says no, create accepts the configured secret', async () => {
		const trigger = hearLinkTrigger({ events: EVENTS }, 'whsec_secret-from-the-portal');
		expect(await trigger.runHook('checkExists')).toBe(false);
		expect(await trigger.runHook('create')).toBe(true);
		expect(await trigger.runHook('delete')).toBe(true);
		expect(await trigger.runHook('checkExists', 'test')).toBe(false);
		expect(await trigger.runHook('create', 'test')).toBe(true);
		expect(await trigger.runHook('delete', 'test')).toBe(true);

		expect(sandbox.server.requestsTo('hearLink')).toHaveLength(0);
		expect(trigger.nodeStaticData()).toEqual({});
	});

	it('refuses to publish while the credential has no signing secret, saying what to do, without calling HearLink', async () => {
		const trigger = hearLinkTrigger({ events: EVENTS }, '  ');
		const failure = trigger.publish();
		// n8n shows a failed publication's message only (not its description): the message says what to do.
		await expect(failure).rejects.toThrow(
			/^The HearLink credential has no webhook signing secret: create the webhook for this trigger's Production URL in HearLink \(Organisation Settings → Webhooks\) and paste the secret HearLink shows into the credential's "Webhook Signing Secret", then publish again$/,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining(`Create the webhook in HearLink (Organisation Settings → Webhooks) for ${trigger.productionUrl()}`),
		});
		await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/"Webhook Signing Secret" field of the HearLink credential/) });
		expect(sandbox.server.requestsTo('hearLink')).toHaveLength(0);
	});

	it('refuses to publish with a secret too short to be one HearLink issued', async () => {
		const trigger = hearLinkTrigger({ events: EVENTS }, 'abc,def');
		await expect(trigger.publish()).rejects.toThrow(/signing secret in the HearLink credential is too short \(under 16 characters\)/);
	});

	it('takes a secret with a comma in it as one secret, never as fragments that each verify', async () => {
		const trigger = hearLinkTrigger({ events: EVENTS }, 'whsec_first-half,whsec_second-half');
		await trigger.publish();
		const body = JSON.stringify(envelope());
		for (const fragment of ['whsec_first-half', 'whsec_second-half']) {
			const answer = await post(trigger.productionUrl(), body, signed(fragment, body));
			expect(answer.status).toBe(401);
		}
		const whole = await post(trigger.productionUrl(), body, signed('whsec_first-half,whsec_second-half', body));
		expect(whole.status).toBe(200);
	});

	it('can be published and unpublished any number of times', async () => {
		const trigger = hearLinkTrigger({ events: EVENTS }, 'whsec_secret-from-the-portal');
		for (let cycle = 0; cycle < 5; cycle++) {
			await trigger.publish();
			await trigger.unpublish();
		}
		expect(sandbox.server.requestsTo('hearLink')).toHaveLength(0);
	});
});

describe('deliveries from HearLink', () => {
	it('runs once when HearLink retries one event five times (same id, new delivery ID each time)', async () => {
		const { trigger } = await setUpInPortal();
		const [delivery] = await sandbox.hearLink.emit('appointment.updated', undefined, { loseAcknowledgements: true });

		expect(delivery.attempts).toHaveLength(6);
		const bodies = new Set(delivery.attempts.map((attempt) => String(attempt.request.body)));
		const deliveryIds = new Set(delivery.attempts.map((attempt) => attempt.request.headers['x-hearlink-delivery']));
		expect(bodies.size).toBe(1);
		expect(deliveryIds.size).toBe(6);
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
		expect(receiver.executionsOf(trigger)[0].items[0].deliveryId).toBe(delivery.attempts[0].request.headers['x-hearlink-delivery']);
	});

	it('treats a retry signed at a later time as the same event', async () => {
		const { trigger, webhook } = await setUpInPortal();
		const event = JSON.stringify(envelope());
		const first = now();
		for (const t of [first, first + 120]) {
			const answer = await post(trigger.productionUrl(), event, signed(webhook.secret, event, t));
			expect(answer.status).toBe(200);
		}
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('runs once per event when different events arrive', async () => {
		const { trigger } = await setUpInPortal();
		await sandbox.hearLink.emit('patient.created');
		await sandbox.hearLink.emit('patient.created');
		await sandbox.hearLink.emit('appointment.updated');
		expect(receiver.executionsOf(trigger)).toHaveLength(3);
	});

	// Forged, tampered, unsigned and stale deliveries, and a credential without a secret, are refused by
	// every trigger (contract suite); this one breaks HearLink's one header.
	it('refuses a delivery whose signature header has no timestamp with 401 and no execution', async () => {
		const { trigger, webhook } = await setUpInPortal();
		const body = JSON.stringify(envelope());
		const headers = signed(webhook.secret, body);
		headers['x-hearlink-signature'] = headers['x-hearlink-signature'].replace(/^t=\d+,/, '');
		const answer = await post(trigger.productionUrl(), body, headers);

		expect(answer.status).toBe(401);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
		expect(answer.body).not.toContain(webhook.secret);
	});

	it('answers 400 to a correctly signed body that is not a HearLink event', async () => {
		const { trigger, webhook } = await setUpInPortal();
		const body = JSON.stringify({ type: 'patient.created', data: {} });
		const answer = await post(trigger.productionUrl(), body, signed(webhook.secret, body));
		expect(answer.status).toBe(400);
		expect(receiver.executionsOf(trigger)).toHaveLength(0);
	});

	it('outputs only the record when "Output Data Only" is on', async () => {
		const { trigger } = await setUpInPortal({ events: EVENTS, options: { outputDataOnly: true } });
		const [delivery] = await sandbox.hearLink.emit('appointment.updated');
		const { id } = JSON.parse(String(delivery.attempts[0].request.body)) as { id: string };
		// The record, and the key a Remove Duplicates step uses: HearLink's event id.
		expect(receiver.executionsOf(trigger)[0].items).toEqual([{ ...sandbox.hearLink.appointments.get(SEED.appointment), dedupeKey: id }]);
	});

	it('runs on the portal’s Test button only when "Webhook Test" is selected', async () => {
		const listening = await setUpInPortal({ events: [...EVENTS, 'webhook.test'] });
		const ignoring = await setUpInPortal();
		await sandbox.hearLink.emit('webhook.test', undefined, { webhookId: listening.webhook.id });
		await sandbox.hearLink.emit('webhook.test', undefined, { webhookId: ignoring.webhook.id });

		expect(receiver.executionsOf(listening.trigger)[0].items[0]).toMatchObject({
			type: 'webhook.test',
			data: { message: 'This is a test webhook event from HearLink.', triggeredBy: 'Sandbox Admin' },
		});
		expect(receiver.executionsOf(ignoring.trigger)).toHaveLength(0);
	});

	it('runs when a patient created by the HearLink node arrives as patient.created', async () => {
		const { trigger } = await setUpInPortal({ events: ['patient.created'] });
		const action = new ActionHarness({
			node: new HearLink(),
			credentialTypes: [new HearLinkApi()],
			credentials: { hearLinkApi: sandbox.hearLink.credentials() },
		});
		const [[created]] = await action.run({
			parameters: {
				resource: 'patient',
				operation: 'create',
				fullName: 'Jane Doe',
				primaryPhoneNumber: '07700900999',
				referral: { __rl: true, mode: 'name', value: 'Website' },
				primaryClinic: { __rl: true, mode: 'name', value: 'Leeds' },
				status: { __rl: true, mode: 'name', value: 'Patient Created' },
				trackingProvider: 'website',
			},
		});
		await eventually(() => expect(receiver.executionsOf(trigger)).toHaveLength(1));
		expect(receiver.executionsOf(trigger)[0].items[0]).toMatchObject({
			type: 'patient.created',
			data: { uid: created.json.patientUid, fullName: 'Jane Doe' },
		});
	});
});

describe('rotating the signing secret', () => {
	async function rotated(credentialSecrets: (old: string, fresh: string) => [string, string?], keepPrevious = false) {
		const { trigger, webhook } = await setUpInPortal();
		const fresh = sandbox.hearLink.rotateSecret(webhook.id, keepPrevious)!;
		setSecret(trigger, ...credentialSecrets(webhook.secret, fresh));
		return { trigger, webhook: webhook as HearLinkWebhook, fresh };
	}

	it('accepts deliveries signed with either secret while the old one is the credential’s previous secret', async () => {
		const { trigger, webhook, fresh } = await rotated((old, next) => [next, old]);
		await sandbox.hearLink.emit('patient.created'); // HearLink now signs with the new secret
		const body = JSON.stringify(envelope());
		const oldSigned = await post(trigger.productionUrl(), body, signed(webhook.secret, body));

		expect(oldSigned.status).toBe(200);
		expect(receiver.executionsOf(trigger)).toHaveLength(2);
		expect(fresh).not.toBe(webhook.secret);
	});

	it('refuses the old secret once only the new one is in the credential', async () => {
		const { trigger, webhook } = await rotated((_old, fresh) => [fresh]);
		const body = JSON.stringify(envelope());
		const answer = await post(trigger.productionUrl(), body, signed(webhook.secret, body));
		expect(answer.status).toBe(401);
		await sandbox.hearLink.emit('patient.created');
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});

	it('accepts a delivery carrying two v1 signatures when the credential still holds only the old secret', async () => {
		const { trigger } = await rotated((old) => [old], true);
		const [delivery] = await sandbox.hearLink.emit('patient.created');
		expect(String(delivery.attempts[0].request.headers['x-hearlink-signature']).match(/v1=/g)).toHaveLength(2);
		expect(receiver.executionsOf(trigger)).toHaveLength(1);
	});
});

describe('listening for a test event', () => {
	it('receives at the Test URL while the editor listens, separately from production', async () => {
		const { trigger } = await setUpInPortal();
		await trigger.publish('test');
		const testWebhook = sandbox.hearLink.createWebhook(trigger.testUrl(), ['patient.created']);
		setSecret(trigger, String(trigger.credentialsHelper.data.hearLinkApi.webhookSigningSecret), testWebhook.secret);

		await sandbox.hearLink.emit('patient.created');
		expect(receiver.executionsOf(trigger, 'test')).toHaveLength(1);
		expect(receiver.executionsOf(trigger, 'production')).toHaveLength(1);
	});
});

describe('the sandbox behaves like HearLink', () => {
	it('disables a webhook after 50 failed deliveries in a row (why a missing secret must be noticed early)', async () => {
		const { trigger, webhook } = await setUpInPortal();
		setSecret(trigger, '');
		sandbox.hearLink.deliveryPolicy = { attempts: 5, backoffMs: () => 0, timeoutMs: 5000 };
		try {
			for (let event = 0; event < 10; event++) await sandbox.hearLink.emit('patient.created');
		} finally {
			sandbox.hearLink.deliveryPolicy = { attempts: 6, backoffMs: () => 1, timeoutMs: 5000 };
		}
		expect(sandbox.hearLink.webhooks.get(webhook.id)?.enabled).toBe(false);
		expect(await sandbox.hearLink.emit('patient.created')).toHaveLength(0);
	});
});
