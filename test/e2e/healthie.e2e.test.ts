import { request } from 'undici';

import { Healthie } from '../../nodes/Healthie/Healthie.node';
import { eventually } from '../support/eventually';
import type { ActionStep, CredentialRef, PublishedTrigger, Stack } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, nodeOutput, nodeType, operationsOf, operationsRunBy, startStack, TIMEOUTS, triggerPublisher, triggerWorkflow } from '../harness';
import { VENDOR_KITS } from '../vendors';
import { healthieCalls } from '../vendors/healthie';

/**
 * Healthie in a real n8n, where only Healthie is concerned (test/e2e/contract.e2e.test.ts runs what
 * every trigger shares): a webhook Healthie disabled, deliveries whose digest or signed path do not
 * match, the credential's Test button, every resource locator's From List as the editor asks n8n
 * for it, and every action operation run inside one workflow against the sandbox's GraphQL, with
 * values chosen from those lists.
 */

const TRIGGER = 'Healthie Trigger';

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

/** The `signature_secret` Healthie gave the webhook for `event` at `url`. */
function secretFor(url: string, event: string): string {
	const [webhook] = webhooksAt(url).filter((candidate) => candidate.events.includes(event));
	expect(webhook).toBeDefined();
	return webhook.signature_secret;
}

/** How many times Healthie was sent this GraphQL root field (`createWebhook`, `deleteWebhook`, …). */
const calls = (field: string) => healthieCalls(stack.sandbox, field);

/** A Healthie delivery body (the kit's envelope). */
const healthieBody = (event: string, resourceId: string) => JSON.stringify(VENDOR_KITS.healthie.envelope(event, Number(resourceId), 0));

/** The headers Healthie signs `body` with for a delivery to `url` (the kit's recipe). */
function signed(secret: string, url: string, body: string): Record<string, string> {
	return VENDOR_KITS.healthie.signing.sign(Buffer.from(body), secret, 0, url).headers;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
	const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	await response.body.dump();
	return response.statusCode;
}

describe('publishing and unpublishing in n8n', () => {
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
	it('a body changed without changing its length, with its digest recomputed, and a delivery signed for another path get 401 and start nothing', async () => {
		const trigger = await publishHealthieTrigger(['appointment.created'], { includeFullRecord: false });
		const url = trigger.productionUrl;
		const secret = secretFor(url, 'appointment.created');
		const body = healthieBody('appointment.created', '3001');
		const sameLength = body.replace('"3001"', '"3002"');
		expect(sameLength).toHaveLength(body.length);

		const statuses = [
			// The digest recomputed for the changed body: now the signature (over the digest) no longer matches.
			await post(url, sameLength, { ...signed(secret, url, body), 'content-digest': signed(secret, url, sameLength)['content-digest'] }),
			await post(url, body, signed(secret, `${stack.n8n.url}/webhook/another-path/webhook`, body)),
		];

		expect(statuses).toEqual([401, 401]);
		// A genuine delivery afterwards: once it has run, it is the only execution there is.
		expect(await post(url, sameLength, signed(secret, url, sameLength))).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event_type: 'appointment.created', resource_id: '3002' });
	});
});

describe('the editor', () => {
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

	/** What the editor's From List shows for `parameter`, as n8n answers it (POST /rest/dynamic-node-parameters/resource-locator-results). */
	async function fromList(parameter: string, methodName: string, currentNodeParameters: Record<string, unknown>, more: { filter?: string; paginationToken?: string } = {}) {
		return await stack.n8n.api.searchResourceLocator({ nodeType: action, parameter, methodName, currentNodeParameters, credential, ...more });
	}

	/** Every page of a From List, following n8n's pagination tokens. */
	async function everyPage(parameter: string, methodName: string, currentNodeParameters: Record<string, unknown>) {
		const pages = [await fromList(parameter, methodName, currentNodeParameters)];
		while (pages.at(-1)?.paginationToken && pages.length < 5) {
			pages.push(await fromList(parameter, methodName, currentNodeParameters, { paginationToken: pages.at(-1)!.paginationToken }));
		}
		return pages;
	}

	const chosen = (result: { name: string; value: string | number }) => ({ __rl: true, mode: 'list', value: String(result.value), cachedResultName: result.name });

	it('every From List is searched and paged through n8n, and every operation runs in one workflow with values chosen from them', async () => {
		const { healthie } = stack.sandbox;
		healthie.populate(30);

		// Each resource locator: a search term, and a second page through n8n's pagination token.
		const locators = [
			{ parameter: 'patientId', method: 'searchPatients', node: { resource: 'patient', operation: 'get' }, term: 'Lovelace', pages: [25, 7] },
			{ parameter: 'providerId', method: 'searchProviders', node: { resource: 'appointment', operation: 'create' }, term: 'Reyes', pages: [25, 6] },
			{ parameter: 'appointmentTypeId', method: 'searchAppointmentTypes', node: { resource: 'appointment', operation: 'create' }, term: 'follow', pages: [25, 7] },
			{ parameter: 'appointmentId', method: 'searchAppointments', node: { resource: 'appointment', operation: 'update' }, term: 'Okafor-03', pages: [25, 7] },
			{ parameter: 'formAnswerGroupId', method: 'searchFormAnswerGroups', node: { resource: 'formAnswerGroup', operation: 'get' }, term: 'intake', pages: [25, 6] },
		];
		const found: Record<string, { name: string; value: string | number }> = {};
		for (const locator of locators) {
			const searched = await fromList(locator.parameter, locator.method, locator.node, { filter: locator.term });
			expect(searched.results.length).toBeGreaterThan(0);
			for (const result of searched.results) expect(result.name.toLowerCase()).toContain(locator.term.toLowerCase());
			const pages = await everyPage(locator.parameter, locator.method, locator.node);
			expect(pages.map((page) => page.results.length)).toEqual(locator.pages);
			const values = pages.flatMap((page) => page.results.map((result) => String(result.value)));
			expect(new Set(values).size).toBe(values.length);
			// The searched value is chosen, except for appointments, where the second page's last one is.
			found[locator.parameter] = locator.parameter === 'appointmentId' ? pages[1].results.at(-1)! : searched.results[0];
		}
		expect(found.patientId).toEqual({ name: 'Ada Lovelace (born 1985-12-10)', value: '1001' });
		expect(found.appointmentTypeId).toEqual({ name: 'Follow-up visit (15 min)', value: '13' });
		expect(found.providerId).toMatchObject({ name: 'Jordan Reyes (jordan.reyes@sandbox-clinic.example)', value: '100' });

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
					additionalFields: { dob: '1906-12-09', dietitian_id: chosen(found.providerId) },
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
				name: 'Find patient',
				type: action,
				parameters: { resource: 'patient', operation: 'getAll', limit: 1, filters: { keywords: 'Hopper' } },
			},
			{
				name: 'Book appointment',
				type: action,
				parameters: {
					resource: 'appointment',
					operation: 'create',
					patientId: '={{ $json.id }}',
					appointmentTypeId: chosen(found.appointmentTypeId),
					providerId: chosen(found.providerId),
					// As the date picker gives it: no zone, read in the Time Zone given.
					start: '2030-03-04T08:30:00',
					additionalFields: { timeZone: 'America/Chicago' },
				},
			},
			{
				name: 'Get appointment',
				type: action,
				parameters: { resource: 'appointment', operation: 'get', appointmentId: '={{ $json.id }}' },
			},
			{
				name: 'Reschedule appointment',
				type: action,
				// No Time Zone: the workflow's, which is n8n's default (America/New_York); 9 July 2030 is in EDT.
				parameters: { resource: 'appointment', operation: 'update', appointmentId: '={{ $json.id }}', updateFields: { start: '2030-07-09T10:00:00', pm_status: 'Checked-In' } },
			},
			{
				name: 'Patient appointments',
				type: action,
				parameters: {
					resource: 'appointment',
					operation: 'getAll',
					returnAll: true,
					filters: { patientId: "={{ $('Create patient').item.json.id }}", when: 'future', status: 'all' },
				},
			},
			{
				name: 'Cancel listed appointment',
				type: action,
				parameters: { resource: 'appointment', operation: 'cancel', appointmentId: chosen(found.appointmentId) },
			},
			{
				name: 'Delete booking',
				type: action,
				parameters: { resource: 'appointment', operation: 'delete', appointmentId: "={{ $('Book appointment').item.json.id }}" },
			},
			{
				name: 'Get intake form',
				type: action,
				parameters: { resource: 'formAnswerGroup', operation: 'get', formAnswerGroupId: chosen(found.formAnswerGroupId) },
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
		expect(created).toMatchObject({ id: expect.any(String), first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.org', dob: '1906-12-09', dietitian_id: '100' });
		const patientId = String(created.id);
		expect(nodeOutput(execution, 'Get patient')).toEqual([
			expect.objectContaining({ id: patientId, first_name: 'Grace', last_name: 'Hopper', dob: '1906-12-09' }),
		]);
		expect(nodeOutput(execution, 'Update patient')).toEqual([
			expect.objectContaining({ id: patientId, phone_number: '+15555550199' }),
		]);
		expect(nodeOutput(execution, 'Find patient')).toEqual([expect.objectContaining({ id: patientId, last_name: 'Hopper' })]);
		const [booked] = nodeOutput(execution, 'Book appointment');
		// 08:30 in Chicago is 09:30 in New York, where the sandbox's key user writes dates.
		expect(booked).toMatchObject({
			id: expect.any(String),
			date: '2030-03-04 09:30:00 -0500',
			contact_type: 'Healthie Video Call',
			user: { id: patientId },
			appointment_type: { id: '13' },
			provider: { id: '100' },
		});
		expect(nodeOutput(execution, 'Get appointment')).toEqual([
			expect.objectContaining({ id: booked.id, user: expect.objectContaining({ id: patientId }) }),
		]);
		expect(nodeOutput(execution, 'Reschedule appointment')).toEqual([
			expect.objectContaining({ id: booked.id, date: '2030-07-09 10:00:00 -0400', pm_status: 'Checked-In' }),
		]);
		expect(nodeOutput(execution, 'Patient appointments')).toEqual([expect.objectContaining({ id: booked.id })]);
		expect(nodeOutput(execution, 'Cancel listed appointment')).toEqual([
			expect.objectContaining({ id: String(found.appointmentId.value), pm_status: 'Cancelled' }),
		]);
		expect(nodeOutput(execution, 'Delete booking')).toEqual([{ deleted: true, id: booked.id }]);
		expect(nodeOutput(execution, 'Get intake form')).toEqual([
			expect.objectContaining({ id: String(found.formAnswerGroupId.value), form_answers: expect.any(Array) }),
		]);
		expect(nodeOutput(execution, 'Custom query')).toEqual([
			{ user: { id: patientId, full_name: 'Grace Hopper', phone_number: '+15555550199' } },
		]);

		// What reached "Healthie": the patient as updated; the booking's create, update and delete made without webhooks (the default).
		expect(healthie.records.User.get(patientId)).toMatchObject({ quick_notes: 'Prefers mornings', welcome_email_sent: false });
		expect(healthie.records.Appointment.get(String(booked.id))).toMatchObject({ deleted_at: expect.any(String) });
		expect(healthie.records.Appointment.get(String(found.appointmentId.value))).toMatchObject({ pm_status: 'Cancelled', deleted_at: null });
		expect(healthie.suppressedAppointments).toEqual([booked.id, booked.id, String(found.appointmentId.value), booked.id]);
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
