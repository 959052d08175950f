import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExecuteContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import { Healthie } from '../../nodes/Healthie/Healthie.node';
import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import { retryPolicy } from '../../nodes/shared/http';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { testCredentialAsN8nDoes } from '../support/credentialTest';
import { ActionHarness } from '../support/n8nCore';

/**
 * The Healthie action node's real code in n8n-core's ExecuteContext against the sandbox's GraphQL:
 * the documents and variables it sends, what it outputs, and how Healthie's refusals, GraphQL
 * errors and rate limits reach the user.
 */

let sandbox: Sandbox;
let healthie: ActionHarness;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => await sandbox.stop());

beforeEach(() => {
	sandbox.server.reset();
	healthie = new ActionHarness({
		node: new Healthie(),
		credentialTypes: [new HealthieApi()],
		credentials: { healthieApi: sandbox.healthie.credentials() },
	});
});

const json = (output: INodeExecutionData[][]) => output[0].map((item) => item.json);
const graphqlRequests = () => sandbox.server.requestsTo('healthie');
const lastBody = () => graphqlRequests().at(-1)?.body as { query: string; variables: IDataObject };

describe('Patient', () => {
	it('Create sends createClient with one $input and returns the new patient', async () => {
		const output = await healthie.run({
			parameters: {
				resource: 'patient',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: 'Hopper',
				email: 'grace@example.org',
				additionalFields: { dob: '1906-12-09', phone_number: '+15555550199' },
			},
			items: [{ first: 'Grace' }],
		});

		const [patient] = json(output);
		expect(patient).toMatchObject({ id: expect.any(String), first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.org', dob: '1906-12-09' });
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(lastBody().query).toMatch(/mutation n8nCreateClient\(\$input: createClientInput!\)/);
		expect(lastBody().variables).toEqual({
			input: {
				first_name: 'Grace',
				last_name: 'Hopper',
				email: 'grace@example.org',
				dob: '1906-12-09',
				phone_number: '+15555550199',
				skipped_email: false,
				dont_send_welcome: true,
			},
		});
		expect(sandbox.healthie.records.User.get(String(patient.id))).toMatchObject({ welcome_email_sent: false });
	});

	it('Create without an email records it as skipped', async () => {
		await healthie.run({ parameters: { resource: 'patient', operation: 'create', firstName: 'No', lastName: 'Email', sendWelcomeEmail: true } });
		expect(lastBody().variables.input).toEqual({ first_name: 'No', last_name: 'Email', skipped_email: true, dont_send_welcome: false });
	});

	it('Create fails with Healthie’s words when Healthie refuses it in messages', async () => {
		const parameters = { resource: 'patient', operation: 'create', firstName: 'Ada', lastName: 'Again', email: 'ada@example.org' };
		await expect(healthie.run({ parameters })).rejects.toMatchObject({
			message: 'Healthie did not accept the request: Email has already been taken',
			description: expect.stringMatching(/Correct the fields/),
		});
		const output = await healthie.run({ parameters, items: [{}, {}], continueOnFail: true });
		expect(json(output)).toEqual([
			expect.objectContaining({ error: 'Healthie did not accept the request: Email has already been taken' }),
			expect.objectContaining({ error: 'Healthie did not accept the request: Email has already been taken' }),
		]);
	});

	it('Create names every bad field and sends nothing', async () => {
		await expect(
			healthie.run({
				parameters: {
					resource: 'patient',
					operation: 'create',
					firstName: ' ',
					lastName: 'Doe',
					email: 'not-an-email',
					additionalFields: { dob: '1990-02-30' },
				},
			}),
		).rejects.toMatchObject({
			message: 'First name is required; Email must be an email address; Date of birth must be a real date written YYYY-MM-DD',
		});
		expect(graphqlRequests()).toHaveLength(0);
	});

	it('Get takes a From List value (and a plain ID, as older workflows and expressions give)', async () => {
		const [patient] = json(
			await healthie.run({ parameters: { resource: 'patient', operation: 'get', patientId: { __rl: true, mode: 'list', value: '1001', cachedResultName: 'Ada Lovelace' } } }),
		);
		expect(patient).toMatchObject({ id: '1001', first_name: 'Ada' });
	});

	it('Create and Update take the provider from the list', async () => {
		const [created] = json(
			await healthie.run({
				parameters: {
					resource: 'patient',
					operation: 'create',
					firstName: 'Lin',
					lastName: 'Wu',
					additionalFields: { dietitian_id: { __rl: true, mode: 'list', value: '100', cachedResultName: 'Jordan Reyes' } },
				},
			}),
		);
		expect(lastBody().variables.input).toMatchObject({ dietitian_id: '100' });
		await healthie.run({
			parameters: { resource: 'patient', operation: 'update', patientId: { __rl: true, mode: 'id', value: String(created.id) }, updateFields: { dietitian_id: { __rl: true, mode: 'id', value: '100' } } },
		});
		expect(lastBody().variables).toEqual({ input: { id: String(created.id), dietitian_id: '100' } });
	});

	it('Get returns the patient without marking their notifications as seen', async () => {
		const [patient] = json(await healthie.run({ parameters: { resource: 'patient', operation: 'get', patientId: '1002' } }));
		expect(patient).toMatchObject({ id: '1002', first_name: 'Zoë', last_name: 'Ångström', user_group: { name: 'New patients' } });
		expect(lastBody().query).toMatch(/user\(id: \$id, clear_notifs: false\)/);
		expect(sandbox.healthie.clearedNotifications).toEqual([]);
	});

	it('Get says plainly when there is no such patient', async () => {
		await expect(healthie.run({ parameters: { resource: 'patient', operation: 'get', patientId: '999' } })).rejects.toThrow(
			'Healthie has no patient with ID 999',
		);
	});

	it('Update sends only the fields given (false included) and returns the patient', async () => {
		const [patient] = json(
			await healthie.run({
				parameters: { resource: 'patient', operation: 'update', patientId: 1001, updateFields: { quick_notes: 'Prefers mornings', active: false } },
			}),
		);
		expect(lastBody().variables).toEqual({ input: { id: '1001', quick_notes: 'Prefers mornings', active: false } });
		expect(patient).toMatchObject({ id: '1001', active: false });
	});

	it('Update with nothing to change sends nothing', async () => {
		await expect(healthie.run({ parameters: { resource: 'patient', operation: 'update', patientId: '1001', updateFields: {} } })).rejects.toThrow(
			'Choose at least one field to update',
		);
		expect(graphqlRequests()).toHaveLength(0);
	});
});

describe('Appointment', () => {
	const booking = {
		resource: 'appointment',
		operation: 'create',
		patientId: '1001',
		appointmentTypeId: '12',
		contactType: 'Healthie Video Call',
		start: '2026-03-01T09:30:00-05:00',
	};

	it('Create suppresses Healthie’s appointment.created webhook by default, so a workflow cannot start itself', async () => {
		sandbox.healthie.addWebhook('http://127.0.0.1:9/unreachable', ['appointment.created']);
		const [appointment] = json(await healthie.run({ parameters: booking }));

		expect(appointment).toMatchObject({ id: expect.any(String), contact_type: 'Healthie Video Call', user: { id: '1001' } });
		expect(lastBody().variables).toEqual({
			input: {
				user_id: '1001',
				appointment_type_id: '12',
				contact_type: 'Healthie Video Call',
				datetime: '2026-03-01T09:30:00-05:00',
				suppress_webhook_notifications: true,
			},
		});
		expect(sandbox.healthie.suppressedAppointments).toEqual([appointment.id]);
		await sandbox.server.deliveries.idle();
		expect(sandbox.server.deliveries.log.filter((record) => record.label === 'appointment.created')).toHaveLength(0);
	});

	it('Create takes From List values for the patient, the type and the provider', async () => {
		const rl = (value: string, cachedResultName: string) => ({ __rl: true, mode: 'list', value, cachedResultName });
		const [appointment] = json(
			await healthie.run({
				parameters: {
					...booking,
					patientId: rl('1002', 'Zoë Ångström (born 1985-12-10)'),
					appointmentTypeId: rl('13', 'Follow-up visit (15 min)'),
					providerId: rl('100', 'Jordan Reyes'),
				},
			}),
		);
		expect(lastBody().variables.input).toMatchObject({ user_id: '1002', appointment_type_id: '13', other_party_id: '100' });
		expect(appointment).toMatchObject({ user: { id: '1002' }, appointment_type: { name: 'Follow-up visit', length: 15 }, provider: { id: '100' } });
	});

	it.each([
		// n8n's date picker gives wall-clock time without a zone: read in the workflow's zone (n8n's default America/New_York).
		['a picked winter time, in the workflow’s zone (EST)', { start: '2026-01-15T09:30:00' }, '2026-01-15T09:30:00-05:00', '2026-01-15 09:30:00 -0500'],
		['a picked summer time, in the workflow’s zone (EDT)', { start: '2026-07-15T09:30:00' }, '2026-07-15T09:30:00-04:00', '2026-07-15 09:30:00 -0400'],
		['a picked time in the Time Zone given (GMT)', { start: '2026-01-15T09:30', additionalFields: { timeZone: 'Europe/London' } }, '2026-01-15T09:30:00+00:00', '2026-01-15 04:30:00 -0500'],
		['a picked time in the Time Zone given (BST)', { start: '2026-07-15 09:30', additionalFields: { timeZone: 'Europe/London' } }, '2026-07-15T09:30:00+01:00', '2026-07-15 04:30:00 -0400'],
		['an ISO string with its own offset: that instant, in the zone’s offset', { start: '2026-07-15T13:30:00Z', additionalFields: { timeZone: 'America/Chicago' } }, '2026-07-15T08:30:00-05:00', '2026-07-15 09:30:00 -0400'],
		['a Luxon DateTime from an expression', { start: "={{ DateTime.fromISO('2026-01-15T09:30:00', { zone: 'America/Denver' }) }}" }, '2026-01-15T11:30:00-05:00', '2026-01-15 11:30:00 -0500'],
	])('Create sends Start as ISO 8601 with an offset: %s', async (_name, change, sent, healthieHas) => {
		const [appointment] = json(await healthie.run({ parameters: { ...booking, ...change } }));
		expect((lastBody().variables.input as IDataObject).datetime).toBe(sent);
		expect(appointment.date).toBe(healthieHas);
	});

	it('Create lets Healthie notify webhooks when asked to', async () => {
		sandbox.healthie.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 1000 };
		sandbox.healthie.addWebhook('http://127.0.0.1:9/unreachable', ['appointment.created']);
		const before = sandbox.server.deliveries.log.length;
		await healthie.run({ parameters: { ...booking, suppressWebhookNotifications: false, additionalFields: { metadata: '{"source":"n8n"}' } } });
		await sandbox.server.deliveries.idle();
		expect(sandbox.server.deliveries.log.slice(before).map((record) => record.label)).toEqual(['appointment.created']);
		expect((lastBody().variables.input as IDataObject).metadata).toBe('{"source":"n8n"}');
	});

	it.each([
		['a start that is not a date', { start: 'tomorrow morning' }, /Start must be a date and time/],
		['no start', { start: '' }, /Start is required/],
		['a time zone that is not one', { additionalFields: { timeZone: 'Mars/Olympus' } }, /Time Zone "Mars\/Olympus" is not a time zone name/],
		['no patient', { patientId: '' }, /Patient ID is required/],
		['no patient chosen from the list', { patientId: { __rl: true, mode: 'list', value: '' } }, /Patient ID is required/],
		['metadata that is not JSON', { additionalFields: { metadata: '{source' } }, /Metadata must be JSON/],
	])('Create refuses %s before any request', async (_name, change, message) => {
		await expect(healthie.run({ parameters: { ...booking, ...change } })).rejects.toThrow(message);
		expect(graphqlRequests()).toHaveLength(0);
	});

	it('Create reports Healthie’s refusal of the appointment type', async () => {
		await expect(healthie.run({ parameters: { ...booking, appointmentTypeId: '99' } })).rejects.toThrow(
			'Healthie did not accept the request: appointment_type_id: Appointment type not found',
		);
	});

	it('Create: an in-person appointment without a location is refused in Healthie’s words (2025-04-01 and later)', async () => {
		await expect(healthie.run({ parameters: { ...booking, contactType: 'In Person' } })).rejects.toThrow(
			/Healthie did not accept the request: .*location is required for in-person appointments/,
		);
	});

	it('Get finds deleted appointments too', async () => {
		const [appointment] = json(await healthie.run({ parameters: { resource: 'appointment', operation: 'get', appointmentId: '3002' } }));
		expect(appointment).toMatchObject({ id: '3002', pm_status: 'Cancelled', deleted_at: expect.any(String) });
		expect(lastBody().variables).toEqual({ id: '3002', include_deleted: true });
	});

	it('Get takes a From List value', async () => {
		const [appointment] = json(
			await healthie.run({ parameters: { resource: 'appointment', operation: 'get', appointmentId: { __rl: true, mode: 'list', value: '3001', cachedResultName: 'x' } } }),
		);
		expect(appointment).toMatchObject({ id: '3001' });
	});

	const update = (updateFields: IDataObject, more: IDataObject = {}) => ({
		resource: 'appointment',
		operation: 'update',
		appointmentId: '3001',
		updateFields,
		...more,
	});

	it('Update reschedules (Start read in the Time Zone, sent with its offset) and sends only what changed', async () => {
		sandbox.healthie.addWebhook('http://127.0.0.1:9/unreachable', ['appointment.updated']);
		const [appointment] = json(
			await healthie.run({ parameters: update({ start: '2026-11-02T14:00:00', timeZone: 'America/Los_Angeles', notes: 'Moved by phone' }) }),
		);
		expect(lastBody().query).toMatch(/mutation n8nUpdateAppointment\(\$input: updateAppointmentInput!\)/);
		expect(lastBody().variables).toEqual({
			input: { id: '3001', datetime: '2026-11-02T14:00:00-08:00', notes: 'Moved by phone', suppress_webhook_notifications: true },
		});
		expect(appointment).toMatchObject({ id: '3001', date: '2026-11-02 17:00:00 -0500', notes: 'Moved by phone' });
		expect(sandbox.healthie.suppressedAppointments).toEqual(['3001']);
		await sandbox.server.deliveries.idle();
		expect(sandbox.server.deliveries.log.filter((record) => record.label === 'appointment.updated')).toHaveLength(0);
	});

	it('Update sets a status from the list, a new type and provider from From List values', async () => {
		const [appointment] = json(
			await healthie.run({
				parameters: update({
					pm_status: 'Occurred',
					appointment_type_id: { __rl: true, mode: 'list', value: '13' },
					other_party_id: { __rl: true, mode: 'id', value: '100' },
					contact_type: 'Phone Call',
				}),
			}),
		);
		expect(lastBody().variables.input).toEqual({
			id: '3001',
			pm_status: 'Occurred',
			appointment_type_id: '13',
			other_party_id: '100',
			contact_type: 'Phone Call',
			suppress_webhook_notifications: true,
		});
		expect(appointment).toMatchObject({ pm_status: 'Occurred', contact_type: 'Phone Call', appointment_type: { id: '13' } });
	});

	it.each([
		['nothing to change', {}, /Choose at least one field to update/],
		['a status Healthie does not have (by expression)', { pm_status: '={{ "Done" }}' }, /Status must be one of Occurred, No-Show/],
		['a new start that is not a date', { start: 'soon' }, /Start must be a date and time/],
	])('Update refuses %s before any request', async (_name, fields, message) => {
		await expect(healthie.run({ parameters: update(fields) })).rejects.toThrow(message);
		expect(graphqlRequests()).toHaveLength(0);
	});

	it('Update of an appointment Healthie does not have fails in Healthie’s words', async () => {
		await expect(healthie.run({ parameters: update({ notes: 'x' }, { appointmentId: '9999' }) })).rejects.toThrow(
			'Healthie did not accept the request: id: Appointment not found',
		);
	});

	it('Cancel marks it Cancelled with updateAppointment; it stays visible', async () => {
		const [cancelled] = json(await healthie.run({ parameters: { resource: 'appointment', operation: 'cancel', appointmentId: '3001' } }));
		expect(lastBody().query).toMatch(/updateAppointment\(input: \$input\)/);
		expect(lastBody().variables).toEqual({ input: { id: '3001', pm_status: 'Cancelled', suppress_webhook_notifications: true } });
		expect(cancelled).toMatchObject({ id: '3001', pm_status: 'Cancelled', deleted_at: null });
		const [read] = json(await healthie.run({ parameters: { resource: 'appointment', operation: 'get', appointmentId: '3001' } }));
		expect(read).toMatchObject({ pm_status: 'Cancelled', deleted_at: null });
	});

	it('Delete deletes it with deleteAppointment and answers { deleted: true, id }', async () => {
		sandbox.healthie.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 1000 };
		sandbox.healthie.addWebhook('http://127.0.0.1:9/unreachable', ['appointment.deleted']);
		const output = await healthie.run({ parameters: { resource: 'appointment', operation: 'delete', appointmentId: '3001' } });
		expect(json(output)).toEqual([{ deleted: true, id: '3001' }]);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(lastBody().query).toMatch(/mutation n8nDeleteAppointment\(\$input: deleteAppointmentInput!\)/);
		expect(lastBody().variables).toEqual({ input: { id: '3001', suppress_webhook_notifications: true } });
		expect(sandbox.healthie.records.Appointment.get('3001')).toMatchObject({ deleted_at: expect.any(String) });
		await sandbox.server.deliveries.idle();
		expect(sandbox.server.deliveries.log.filter((record) => record.label === 'appointment.deleted')).toHaveLength(0);

		// Deleting again: Healthie no longer has it, in its words.
		await expect(healthie.run({ parameters: { resource: 'appointment', operation: 'delete', appointmentId: '3001' } })).rejects.toThrow(
			'Healthie did not accept the request: id: Appointment not found',
		);
	});

	it('Delete with later recurring appointments, and with the webhook', async () => {
		sandbox.healthie.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 1000 };
		sandbox.healthie.addWebhook('http://127.0.0.1:9/unreachable', ['appointment.deleted']);
		const before = sandbox.server.deliveries.log.length;
		await healthie.run({
			parameters: { resource: 'appointment', operation: 'delete', appointmentId: '3001', suppressWebhookNotifications: false, options: { deleteRecurring: true } },
		});
		expect(lastBody().variables).toEqual({ input: { id: '3001', suppress_webhook_notifications: false, deleteRecurring: true } });
		await sandbox.server.deliveries.idle();
		expect(sandbox.server.deliveries.log.slice(before).map((record) => record.label)).toEqual(['appointment.deleted']);
	});
});

describe('Form Answer Group', () => {
	it('Get returns the filled-out form with its answers', async () => {
		const [form] = json(await healthie.run({ parameters: { resource: 'formAnswerGroup', operation: 'get', formAnswerGroupId: '4001' } }));
		expect(form).toMatchObject({
			id: '4001',
			custom_module_form: { name: 'New patient intake' },
			form_answers: [expect.objectContaining({ label: 'Reason for visit', answer: 'Knee pain' }), expect.objectContaining({ label: 'Allergies' })],
		});
	});
});

describe('Custom Query and how Healthie’s failures reach the user', () => {
	const custom = (query: string, variables = '{}') => ({ resource: 'customQuery', operation: 'run', query, variables });

	it('runs the document with its variables and returns data', async () => {
		const [data] = json(
			await healthie.run({
				parameters: custom('query q($id: ID) { user(id: $id, clear_notifs: false) { id email } }', '={{ JSON.stringify({ id: $json.patient }) }}'),
				items: [{ patient: '1001' }],
			}),
		);
		expect(data).toEqual({ user: { id: '1001', email: 'ada@example.org' } });
		expect(lastBody().variables).toEqual({ id: '1001' });
	});

	it('refuses variables that are not a JSON object before any request', async () => {
		await expect(healthie.run({ parameters: custom('{ currentUser { id } }', '[1, 2]') })).rejects.toThrow(/Variables must be a JSON object/);
		await expect(healthie.run({ parameters: custom('{ currentUser { id } }', '{nope') })).rejects.toThrow(/Variables must be JSON/);
		expect(graphqlRequests()).toHaveLength(0);
	});

	it('turns top-level GraphQL errors into an error with Healthie’s message', async () => {
		await expect(healthie.run({ parameters: custom('{ currentUser { favourite_colour } }') })).rejects.toMatchObject({
			message: expect.stringMatching(/^Healthie rejected the request: Cannot query field "favourite_colour" on type "User"/),
		});
	});

	it('turns a mutation’s messages into an error', async () => {
		await expect(
			healthie.run({ parameters: custom('mutation { createTask(input: {content: ""}) { task { id } messages { field message } } }') }),
		).rejects.toThrow("Healthie did not accept the request: Content can't be blank");
	});

	it('retries TOO_MANY_REQUESTS (a GraphQL error) and succeeds', async () => {
		sandbox.healthie.rateLimit(2);
		const [data] = json(await healthie.run({ parameters: custom('{ currentUser { id } }') }));
		expect(data).toEqual({ currentUser: { id: '100' } });
		expect(graphqlRequests()).toHaveLength(3);
	});

	it('gives up after the bounded retries with a message a person can act on', async () => {
		sandbox.healthie.rateLimit(10);
		await expect(healthie.run({ parameters: custom('{ currentUser { id } }') })).rejects.toMatchObject({
			message: 'Healthie rejected the request: Too many requests. Please try again later.',
			description: expect.stringMatching(/Wait a few minutes/),
		});
		expect(graphqlRequests()).toHaveLength(retryPolicy.maxAttempts);
	});

	it('retries an HTTP 429 even for a mutation, but never resends a mutation after a 500', async () => {
		sandbox.server.faults.inject({ vendor: 'healthie', kind: 'rateLimit', retryAfterSeconds: 0 });
		const mutation = 'mutation { createTask(input: {content: "Call back", client_id: "1001"}) { task { id } messages { field message } } }';
		await healthie.run({ parameters: custom(mutation) });
		expect(graphqlRequests()).toHaveLength(2);

		sandbox.server.reset();
		sandbox.server.faults.inject({ vendor: 'healthie', kind: 'status', status: 500, times: 5 });
		await expect(healthie.run({ parameters: custom(mutation) })).rejects.toMatchObject({ httpCode: '500' });
		expect(graphqlRequests()).toHaveLength(1);
		expect(sandbox.healthie.records.Task.size).toBe(1);
	});

	it('logs Healthie’s version warnings instead of failing', async () => {
		// n8n-core's contexts share one \`logger\` getter; replace it for this test.
		let owner: object = ExecuteContext.prototype;
		while (!Object.prototype.hasOwnProperty.call(owner, 'logger')) owner = Object.getPrototypeOf(owner) as object;
		const warn = jest.fn();
		const logger = jest
			.spyOn(owner as { logger: unknown }, 'logger', 'get')
			.mockReturnValue({ warn, debug: jest.fn(), info: jest.fn(), error: jest.fn() });
		try {
			healthie.credentialsHelper.data.healthieApi = { ...sandbox.healthie.credentials(), apiVersion: 'none' };
			const [data] = json(await healthie.run({ parameters: custom('{ currentUser { id } }') }));
			expect(data).toEqual({ currentUser: { id: '100' } });
			expect(graphqlRequests()[0].headers['healthie-graphql-api-version']).toBeUndefined();
			expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Healthie API warning MISSING_API_VERSION_HEADER: .*\(sunset 2027-01-31\)/));
		} finally {
			logger.mockRestore();
		}
	});

	it('sends the shard header when the credential has one', async () => {
		sandbox.healthie.shardId = 'shard-7';
		try {
			healthie.credentialsHelper.data.healthieApi = { ...sandbox.healthie.credentials() };
			await healthie.run({ parameters: custom('{ currentUser { id } }') });
			expect(graphqlRequests()[0].headers.authorizationshard).toBe('shard-7');
		} finally {
			sandbox.healthie.shardId = undefined;
		}
	});
});

describe('the credential', () => {
	it('Test button: currentUser answers with an id for a good key, and the rules catch a refused one', async () => {
		const credential = new HealthieApi();
		const { request: testRequest, rules = [] } = credential.test;
		expect(testRequest).toMatchObject({ method: 'POST', url: '' });
		const send = async (apiKey: string) => {
			const options = await credential.authenticate(
				{ ...sandbox.healthie.credentials(), apiKey },
				{ url: sandbox.healthie.baseUrl, method: 'POST', headers: testRequest.headers as IDataObject, body: testRequest.body },
			);
			const response = await fetch(options.url, {
				method: 'POST',
				headers: options.headers as Record<string, string>,
				body: JSON.stringify(options.body),
			});
			return { status: response.status, body: (await response.json()) as IDataObject };
		};
		const lookup = (body: IDataObject, key: string) =>
			key.split(/[.[\]]+/).filter(Boolean).reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as IDataObject)[part] : undefined), body);
		const failedRule = (body: IDataObject) =>
			rules.find((rule) => rule.type === 'responseSuccessBody' && lookup(body, rule.properties.key) === rule.properties.value);

		const good = await send(sandbox.healthie.apiKey);
		expect(good.status).toBe(200);
		expect(failedRule(good.body)).toBeUndefined();
		expect(failedRule({ data: { currentUser: null } })?.properties.message).toMatch(/did not return the user/);
		expect(failedRule({ errors: [{ message: 'x', extensions: { code: 'UNSUPPORTED_API_VERSION' } }] })?.properties.message).toMatch(/API version/);
		expect((await send('wrong')).status).toBe(401);
	});

	it('Test button as n8n runs it: OK for the sandbox key, and what to do (not just "Unauthorized") for a refused key', async () => {
		const credential = new HealthieApi();
		expect(await testCredentialAsN8nDoes(credential, sandbox.healthie.credentials())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const refused = await testCredentialAsN8nDoes(credential, { ...sandbox.healthie.credentials(), apiKey: 'wrong' });
		expect(refused).toEqual({ status: 'Error', message: expect.stringMatching(/^Healthie refused the API key\. Check the key/) });
	});
});

describe('the example workflow', () => {
	it('imports as n8n workflow JSON with this package’s nodes and creates the task from a form delivery', async () => {
		const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples/healthie-intake-form-to-task.json'), 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: IDataObject; credentials?: Record<string, { name: string }> }>;
			connections: Record<string, unknown>;
		};
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-health-practice.healthieTrigger');
		const action = workflow.nodes.find((node) => node.type === 'n8n-nodes-health-practice.healthie');
		expect(trigger?.credentials?.healthieApi.name).toBe('Healthie (sandbox)');
		expect(action?.credentials?.healthieApi.name).toBe('Healthie (sandbox)');
		const eventValues = new HealthieTrigger().description.properties.find((property) => property.name === 'events')?.options?.map(
			(option) => (option as { value: string }).value,
		);
		for (const event of trigger!.parameters.events as string[]) expect(eventValues).toContain(event);
		expect(Object.keys(workflow.connections)).toContain(trigger!.name);

		// The action runs on what the trigger emits for form 4001.
		const delivered = { event_type: 'form_answer_group.created', resource_id: '4001', record: sandbox.healthie.records.FormAnswerGroup.get('4001') };
		const [result] = json(await healthie.run({ parameters: action!.parameters, items: [JSON.parse(JSON.stringify(delivered))] }));
		const taskId = (result.createTask as { task: { id: string } }).task.id;
		expect(sandbox.healthie.records.Task.get(taskId)).toMatchObject({
			client_id: '1001',
			content: expect.stringContaining('New patient intake'),
		});
	});
});
