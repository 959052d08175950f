import { randomUUID } from 'node:crypto';

import { HEARLINK_PROBE_PATH, KEY_REFUSED, NOT_HEARLINK } from '../../nodes/HearLink/credentialTest';
import type { HearLinkWebhook } from '../sandbox/hearLink';
import { SEED } from '../sandbox/hearLink/practice';
import { eventually } from '../support/eventually';
import type { CredentialRef, Stack, Workflow } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, nodeOutput, nodeType, startStack, TIMEOUTS, triggerPublisher, triggerWorkflow } from '../harness';

/**
 * HearLink in a real n8n, where only HearLink is concerned (test/e2e/contract.e2e.test.ts runs the
 * deliveries every trigger shares). HearLink has no webhook API: here, as an admin would, a webhook
 * is made in the sandbox's stand-in for HearLink's portal for the trigger's URL, and the secret it
 * shows is pasted into the credential before publishing. n8n decides when the lifecycle runs and
 * answers the deliveries; the sandbox signs them (and retries them) as HearLink does.
 */

const TRIGGER = 'HearLink Trigger';

let stack: Stack;
/** The sandbox's key, no signing secret: what an admin has before setting up the webhook. */
let keyOnly: CredentialRef;
const triggers = triggerPublisher({ stack: () => stack });

beforeAll(async () => {
	stack = await startStack();
	// HearLink's retries, without its (undocumented) exponential waits.
	stack.sandbox.hearLink.deliveryPolicy = { attempts: 6, backoffMs: () => 50, timeoutMs: 30_000 };
	keyOnly = await stack.n8n.api.createCredential('HearLink (key only)', 'hearLinkApi', stack.sandbox.hearLink.credentials());
});

afterAll(async () => {
	await stack?.stop();
});

interface HearLinkTriggerSetUp {
	workflow: Workflow;
	credential: CredentialRef;
	/** The webhook "HearLink" holds for the trigger's URL, with the secret its portal showed. */
	webhook: HearLinkWebhook;
	productionUrl: string;
	testUrl: string;
}

/**
 * The documented set-up: copy the trigger's URL (production, or test), create the webhook in the
 * portal for `portalEvents`, paste its secret into a credential, save the workflow with `events`.
 */
async function setUpTrigger(
	events: string[],
	options: { portalEvents?: string[]; url?: 'production' | 'test' } = {},
): Promise<HearLinkTriggerSetUp> {
	const { api } = stack.n8n;
	const webhookId = randomUUID();
	const productionUrl = stack.n8n.webhookUrl(webhookId, 'production');
	const testUrl = stack.n8n.webhookUrl(webhookId, 'test');
	const webhook = stack.sandbox.hearLink.createWebhook(options.url === 'test' ? testUrl : productionUrl, options.portalEvents ?? events);
	const credential = await api.createCredential(`HearLink ${webhookId.slice(0, 8)}`, 'hearLinkApi', {
		...stack.sandbox.hearLink.credentials(),
		webhookSigningSecret: webhook.secret,
	});
	const workflow = await api.createWorkflow(hearLinkWorkflow(events, webhookId, credential));
	return { workflow, credential, webhook, productionUrl, testUrl };
}

async function publishTrigger(events: string[], portalEvents?: string[]): Promise<HearLinkTriggerSetUp> {
	const setUp = await setUpTrigger(events, { portalEvents });
	await triggers.publishCreated(setUp.workflow);
	return setUp;
}

function hearLinkWorkflow(events: string[], webhookId: string, credential: CredentialRef) {
	return triggerWorkflow({
		name: `HearLink ${events.join(' ')} ${webhookId.slice(0, 8)}`,
		triggerName: TRIGGER,
		type: nodeType('hearLinkTrigger'),
		parameters: { events, options: {} },
		credential,
		webhookId,
	});
}

function envelope(type: string, data: unknown = { uid: SEED.patient }): string {
	return JSON.stringify({ id: `evt_${randomUUID()}`, type, createdAt: new Date().toISOString(), data });
}

function hearLinkCalls() {
	return stack.sandbox.server.requestsTo('hearLink');
}

describe('publishing (HearLink has no webhook API)', () => {
	it('is refused while the credential holds no signing secret: the publication fails naming it, and HearLink is not called', async () => {
		const { api } = stack.n8n;
		const webhookId = randomUUID();
		const workflow = await api.createWorkflow(hearLinkWorkflow(['patient.created'], webhookId, keyOnly));
		triggers.track(workflow.id);

		await api.publish(workflow.id);

		// n8n shows the admin only the error's message (not its description): it must say what to do.
		await expect(api.waitForPublication(workflow.id)).rejects.toThrow(
			/could not publish.*The HearLink credential has no webhook signing secret: .*Organisation Settings → Webhooks.*"Webhook Signing Secret"/,
		);
		const status = await api.publicationStatus(workflow.id);
		expect(status.status).toBe('failed');
		expect(hearLinkCalls()).toEqual([]);
		const late = await stack.post(stack.n8n.webhookUrl(webhookId), { body: envelope('patient.created') });
		expect(late.status).toBe(404);
	});

	it('with the secret from the portal it publishes without a call to HearLink; unpublishing stops the URL (404 to HearLink)', async () => {
		const trigger = await publishTrigger(['patient.created']);
		expect(hearLinkCalls()).toEqual([]);

		await stack.n8n.api.unpublish(trigger.workflow.id);
		await eventually(
			async () => expect((await stack.post(trigger.productionUrl, { body: '{}' })).status).toBe(404),
			TIMEOUTS.publication,
			250,
		);

		const [delivery] = await stack.sandbox.hearLink.emit('patient.created');
		expect(delivery.delivered).toBe(false);
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 404, 404, 404]);
		expect(await stack.n8n.api.executions(trigger.workflow.id)).toEqual([]);
		expect(hearLinkCalls()).toEqual([]);
		// The portal's webhook still points there: n8n's log says so, for the admin.
		expect(stack.n8n.logTail(400)).toContain(`stopped listening at ${trigger.productionUrl}`);
	});
});

describe('deliveries through n8n', () => {
	it('HearLink retrying one event five times (same id, new delivery id and t) runs the workflow once', async () => {
		const trigger = await publishTrigger(['appointment.updated', 'patient.created']);

		const [retried] = await stack.sandbox.hearLink.emit('appointment.updated', undefined, { loseAcknowledgements: true });

		expect(retried.attempts).toHaveLength(6);
		expect(retried.attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200, 200, 200, 200]);
		const ids = new Set(retried.attempts.map((attempt) => JSON.parse(String(attempt.request.body)).id));
		const deliveryIds = new Set(retried.attempts.map((attempt) => attempt.request.headers['x-hearlink-delivery']));
		expect([ids.size, deliveryIds.size]).toEqual([1, 6]);
		// Another event afterwards, so that "one execution for the retried event" is a settled count.
		const [next] = await stack.sandbox.hearLink.emit('patient.created');
		expect(next.delivered).toBe(true);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 2);
		expect(executions).toHaveLength(2);
		expect(executions.map((execution) => nodeOutput(execution, TRIGGER)[0].type).sort()).toEqual([
			'appointment.updated',
			'patient.created',
		]);
	});
});

describe('the editor', () => {
	it('"Listen for test event" receives the portal\'s Test press at the Test URL once, then stops listening', async () => {
		const { api } = stack.n8n;
		const trigger = await setUpTrigger(['appointment.updated', 'webhook.test'], {
			url: 'test',
			portalEvents: ['appointment.updated'],
		});

		expect(await api.runFromTrigger(trigger.workflow.id, TRIGGER)).toMatchObject({ waitingForWebhook: true });
		const [pressed] = await stack.sandbox.hearLink.emit('webhook.test', undefined, { webhookId: trigger.webhook.id });

		expect(pressed.delivered).toBe(true);
		const executions = await api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'manual' });
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({
			type: 'webhook.test',
			data: { message: 'This is a test webhook event from HearLink.' },
		});
		const [again] = await stack.sandbox.hearLink.emit('webhook.test', undefined, { webhookId: trigger.webhook.id });
		expect(again.attempts[0].status).toBe(404);
		expect(hearLinkCalls()).toEqual([]);
	});

	it('the credential\'s Test button: HearLink\'s "not found" for the made-up patient is a working key; a refusal, or an answer that is not HearLink\'s, says so', async () => {
		const { api } = stack.n8n;

		const working = await api.testCredential(keyOnly);
		const refused = await api.testCredential(keyOnly, { apiKey: 'not-a-hearlink-key' });
		// Not HearLink's API at all (a wrong Base URL): an answer without HearLink's error code.
		const elsewhere = await api.testCredential(keyOnly, { baseUrl: `${stack.sandbox.hearLink.baseUrl.replace(/\/hearLink$/, '')}/notHearLink` });
		// A refusal code in a status n8n hands to the rules (as an n8n that hands over every answer would see a 401).
		stack.sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status: 400, body: { success: false, error: { code: 'INVALID_API_KEY' } } });
		const refusedByCode = await api.testCredential(keyOnly);

		expect(working).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(refused).toEqual({ status: 'Error', message: KEY_REFUSED });
		expect(elsewhere).toEqual({ status: 'Error', message: NOT_HEARLINK });
		expect(refusedByCode).toEqual({ status: 'Error', message: KEY_REFUSED });
		// The stored key was put back in place of the redacted one; the edited one was used as typed
		// (twice: n8n sends a request refused with 401 once more).
		const asked = hearLinkCalls().map((call) => `${call.method} ${call.path} ${call.headers['x-api-key']} ${call.status}`);
		expect(asked).toEqual([
			`GET ${HEARLINK_PROBE_PATH} hearlink-sandbox-api-key 404`,
			`GET ${HEARLINK_PROBE_PATH} not-a-hearlink-key 401`,
			`GET ${HEARLINK_PROBE_PATH} not-a-hearlink-key 401`,
			`GET ${HEARLINK_PROBE_PATH} hearlink-sandbox-api-key 400`,
		]);
	});
});

describe('actions in a workflow', () => {
	const byName = (value: string) => ({ __rl: true, mode: 'name', value });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const step = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: nodeType('hearLink'),
		parameters,
	});

	it('Patient Create → Get, Appointment Create → Get and Invoice Get each run once against HearLink', async () => {
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'HearLink: every operation',
				credential: keyOnly,
				steps: [
					step('Create patient', {
						resource: 'patient',
						operation: 'create',
						fullName: 'Ada Lovelace',
						primaryPhoneNumber: '07700900456',
						referral: byName('GP Referral'),
						primaryClinic: byId(SEED.clinicLeeds),
						status: byName('Patient Created'),
						secondaryStatus: byName('Awaiting Call'),
						trackingProvider: 'website',
						trackingDetails: { utmSource: 'newsletter', ids: { id: [{ key: 'gclid', value: 'abc123' }] } },
						additionalFields: { dob: '1985-07-12', emailAddress: 'ada@example.org' },
					}),
					step('Get patient', { resource: 'patient', operation: 'get', patientId: byId('={{ $json.patientUid }}') }),
					step('Book appointment', {
						resource: 'appointment',
						operation: 'create',
						patientId: byId('={{ $json.uid }}'),
						appointmentTypeId: byId(SEED.appointmentTypeHearingTest),
						clinicId: byId(SEED.clinicLeeds),
						assigneeId: byId(SEED.userAudiologist),
						// As the date picker writes it: UK wall-clock time, here in BST.
						start: '2026-06-01T09:00:00',
						end: '2026-06-01T09:45:00',
						location: 'clinic',
						sendConfirmation: true,
						additionalFields: { referralId: byId(SEED.referralGp) },
					}),
					step('Get appointment', { resource: 'appointment', operation: 'get', appointmentId: byId('={{ $json.appointmentUid }}') }),
					// A plain ID (an expression or a workflow written by hand) is read as By ID.
					step('Get invoice', { resource: 'invoice', operation: 'get', invoiceId: SEED.invoice }),
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual({
			status: 'success',
			error: undefined,
		});
		const [created] = nodeOutput(execution, 'Create patient');
		const [patient] = nodeOutput(execution, 'Get patient');
		const [booked] = nodeOutput(execution, 'Book appointment');
		const [appointment] = nodeOutput(execution, 'Get appointment');
		const [invoice] = nodeOutput(execution, 'Get invoice');
		expect(patient).toMatchObject({
			uid: created.patientUid,
			fullName: 'Ada Lovelace',
			primaryClinic: SEED.clinicLeeds,
			referral: SEED.referralGp,
			status: { status: SEED.statusPatientCreated, subStatus: SEED.subStatusAwaitingCall },
			tracking: { provider: 'website', utm_source: 'newsletter', ids: { gclid: 'abc123' } },
		});
		expect(appointment).toMatchObject({
			uid: booked.appointmentUid,
			patient: { uid: created.patientUid },
			// 09:00 in BST is 08:00 UTC: HearLink got the date and times of the practice's clock.
			startDateTime: '2026-06-01T08:00:00.000Z',
			endDateTime: '2026-06-01T08:45:00.000Z',
			referral: SEED.referralGp,
			sendConfirmation: true,
		});
		expect(hearLinkCalls()[2].body).toMatchObject({ date: '2026-06-01', start: '09:00', end: '09:45', referralId: SEED.referralGp });
		expect(invoice).toMatchObject({ uid: SEED.invoice, orderNumber: 'INV-0001' });
		expect(hearLinkCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
			'POST /patients/create',
			`GET /patients/${String(created.patientUid)}`,
			'POST /appointments/create',
			`GET /appointments/${String(booked.appointmentUid)}`,
			`GET /invoices/${SEED.invoice}`,
		]);
		// Exactly one member of each By Name / By ID pair reached HearLink.
		const sent = hearLinkCalls()[0].body as Record<string, unknown>;
		expect(sent).toMatchObject({ referralName: 'GP Referral', primaryClinicId: SEED.clinicLeeds, statusName: 'Patient Created' });
		const hidden = ['referralId', 'primaryClinicName', 'statusId', 'secondaryStatusId'];
		expect(Object.keys(sent).filter((key) => hidden.includes(key))).toEqual([]);
	});

	it("wrong input stops the run with the node's message, before anything is sent to HearLink", async () => {
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'HearLink: end before start',
				credential: keyOnly,
				steps: [
					step('Book appointment', {
						resource: 'appointment',
						operation: 'create',
						patientId: byId(SEED.patient),
						appointmentTypeId: byId(SEED.appointmentTypeHearingTest),
						clinicId: byId(SEED.clinicManchester),
						assigneeId: byId(SEED.userAudiologist),
						start: '2026-06-01T10:00:00',
						end: '2026-06-01T09:30:00',
						location: 'clinic',
					}),
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect(execution.status).toBe('error');
		expect(execution.data?.resultData?.error?.message).toContain('End (09:30) must be after Start (10:00)');
		expect(hearLinkCalls()).toEqual([]);
	});
});
