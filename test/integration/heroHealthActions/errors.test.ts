import { heroActions } from './setup';

/**
 * How Hero's answers become errors a receptionist can act on, per status; retries (429 always,
 * 5xx only where repeating is harmless); and "Continue On Fail" per item.
 */

const hero = heroActions();

const getAppointment = { resource: 'appointment', operation: 'get', appointmentId: '1001' };
const sendSms = { resource: 'message', operation: 'send', patientId: '501', messageType: 'sms', message: 'Hello' };
const createBookingLink = { resource: 'link', operation: 'createBookingLink', appointmentTypeId: '2', locationId: '5' };
const registerPatient = { resource: 'patient', operation: 'registerPds', traceBy: 'nhsNumber', nhsNumber: '9434765919', dob: '1985-12-10' };

describe('Hero’s answers as errors', () => {
	it('400: one readable message from Hero’s validation body ("dob: expected ISO date")', async () => {
		hero.sandbox.server.faults.inject({
			vendor: 'heroHealth',
			path: '^/v1/patients/register_pds$',
			kind: 'status',
			status: 400,
			body: {
				error: true,
				statusCode: 400,
				message: [
					{ code: 'invalid_string', expected: 'ISO date', path: ['dob'] },
					{ code: 'invalid_type', expected: 'string', path: ['nhs_number'] },
				],
			},
		});
		const failure = await hero.failure(registerPatient);
		expect(failure.message).toBe('Hero Health rejected the request: dob: expected ISO date; nhs_number: expected string');
		expect(failure.httpCode).toBe('400');
		expect(failure.context?.itemIndex).toBe(0);
	});

	it.each([
		['Booking', getAppointment],
		['Messaging', sendSms],
		['Booking links', createBookingLink],
	])('401 and 403 name the scope the key probably lacks (%s)', async (scope, parameters) => {
		hero.useCredentials({ apiKey: 'not-the-key' });
		const refused = await hero.failure(parameters);
		expect(refused.message).toMatch(/Hero Health refused the API key \(401\)/);
		expect(refused.description).toContain(`This needs the "${scope}" scope on the API key`);

		hero.useCredentials({ practiceGroupId: '9999' });
		const forbidden = await hero.failure(parameters);
		expect(forbidden.message).toMatch(/Hero Health refused this request \(403\)/);
		expect(forbidden.description).toContain(`"${scope}" scope`);
	});

	it('401 on an operation without a published scope says to ask Hero support', async () => {
		hero.useCredentials({ apiKey: 'not-the-key' });
		const refused = await hero.failure(registerPatient);
		expect(refused.description).toMatch(/Hero does not publish which key scope covers patient registration \(PDS\): ask Hero support/);
	});

	it('never shows the API key in an error', async () => {
		hero.useCredentials({ apiKey: 'hero-secret-key-that-is-wrong' });
		const refused = await hero.failure(getAppointment);
		const everything = JSON.stringify({ ...refused, message: refused.message, description: refused.description });
		expect(everything).toContain('refused the API key');
		expect(everything).not.toContain('hero-secret-key-that-is-wrong');
	});

	it('404 on a get says "not found" and what', async () => {
		const failure = await hero.failure({ ...getAppointment, appointmentId: '31337' });
		expect(failure.message).toBe('Hero Health could not find it (404): Not found');
		expect(failure.description).toBe('Hero has no appointment with ID 31337 in this practice group.');
		expect(failure.httpCode).toBe('404');
	});

	it('405 says the inferred method or path may be wrong', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'PATCH', kind: 'status', status: 405, body: { message: 'Method Not Allowed' } });
		const failure = await hero.failure({ resource: 'appointment', operation: 'confirm', appointmentId: '1001' });
		expect(failure.description).toMatch(/this node infers them \(listed on https:\/\/\S+\/docs\/nodes\/hero-health.md#inferred-endpoints\)/);
	});

	it('429 is retried after Retry-After, then succeeds', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/appointments/1001$', kind: 'rateLimit', retryAfterSeconds: 0 });
		const [appointment] = await hero.json(getAppointment);
		expect(appointment.id).toBe('1001');
		expect(hero.requests({ path: '/v1/appointments/1001' }).map((request) => request.status)).toEqual([429, 200]);
	});

	it('429 is retried a bounded number of times (also for a creating POST), then fails clearly', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/messages/send$', kind: 'rateLimit', retryAfterSeconds: 0, times: 10 });
		const failure = await hero.failure(sendSms);
		expect(failure.message).toMatch(/Hero Health is receiving too many requests \(429\)/);
		expect(failure.description).toMatch(/Hero Health is limiting how many requests it accepts/);
		expect(hero.requests({ path: '/v1/messages/send' })).toHaveLength(3);
		expect(hero.sandbox.heroHealth.messages.size).toBe(0);
	});

	it('429 with a long Retry-After fails at once and says when to try again', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/appointments/1001$', kind: 'rateLimit', retryAfterSeconds: 120 });
		const failure = await hero.failure(getAppointment);
		expect(failure.description).toMatch(/Try again in 120 seconds/);
		expect(hero.requests({ path: '/v1/appointments/1001' })).toHaveLength(1);
	});

	it('a 5xx is retried for a read, never for a POST that creates something', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/appointments/1001$', kind: 'status', status: 503 });
		await hero.json(getAppointment);
		expect(hero.requests({ path: '/v1/appointments/1001' }).map((request) => request.status)).toEqual([503, 200]);

		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/messages/send$', kind: 'status', status: 503 });
		const failure = await hero.failure(sendSms);
		expect(failure.message).toMatch(/Hero Health had an internal problem \(503\)/);
		expect(hero.requests({ path: '/v1/messages/send' })).toHaveLength(1);
	});
});

describe('a lost answer (Hero acted, the reply never came)', () => {
	it('is not retried for Send: the patient gets one message, and the error says Hero could not be reached', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/messages/send$', kind: 'dropAfterHandling' });
		const failure = await hero.failure(sendSms);
		expect(failure.message).toMatch(/Hero Health could not be reached/);
		expect(hero.requests({ path: '/v1/messages/send' })).toHaveLength(1);
		expect(hero.sandbox.heroHealth.messages.size).toBe(1);
	});

	it('is retried for Trace and Register, which Hero answers with the same patient again', async () => {
		hero.sandbox.server.faults.inject({ vendor: 'heroHealth', path: '^/v1/patients/register_pds$', kind: 'dropAfterHandling' });
		const [output] = await hero.json({ ...registerPatient, nhsNumber: '999 000 0018', dob: '1990-12-09' });
		expect(hero.requests({ path: '/v1/patients/register_pds' })).toHaveLength(2);
		const graces = [...hero.sandbox.heroHealth.patients.values()].filter((patient) => patient.nhs_number === '9990000018');
		expect(graces).toHaveLength(1);
		expect(output).toEqual({ patient_id: graces[0].id, verificationRequired: false });
	});
});

describe('Continue On Fail', () => {
	it('turns each failed item into an error item and carries on with the others, in order', async () => {
		const items = [
			{ patientId: '501', text: 'First' },
			{ patientId: '501', text: '' },
			{ patientId: '424242', text: 'Unknown patient' },
			{ patientId: '502', text: 'Last' },
		];
		const output = await hero.json(
			{ resource: 'message', operation: 'send', patientId: '={{ $json.patientId }}', messageType: 'sms', message: '={{ $json.text }}' },
			{ items, continueOnFail: true },
		);

		expect(output).toHaveLength(4);
		expect(output[0]).toMatchObject({ content: 'First' });
		expect(output[1]).toEqual({ error: 'Message is required', description: expect.stringMatching(/Nothing was sent/) });
		expect(output[2]).toMatchObject({ error: expect.stringMatching(/could not find it \(404\): Patient not found/) });
		expect(output[3]).toMatchObject({ content: 'Last' });
		expect(hero.requests({ path: '/v1/messages/send' })).toHaveLength(3);
	});

	it('without it, stops at the first failed item and names it', async () => {
		const failure = await hero.failure(
			{ resource: 'message', operation: 'send', patientId: '501', messageType: 'sms', message: '={{ $json.text }}' },
			{ items: [{ text: 'First' }, { text: '' }, { text: 'Third' }] },
		);
		expect(failure.message).toBe('Message is required');
		expect(failure.context?.itemIndex).toBe(1);
		expect(hero.requests({ path: '/v1/messages/send' })).toHaveLength(1);
	});

	it('pairs every output item with its input item, also for lists', async () => {
		const output = await hero.items(
			{ resource: 'slot', operation: 'getAll', limit: 2, filters: { locationId: '={{ $json.location }}' } },
			{ items: [{ location: '5' }, { location: '6' }] },
		);
		expect(output.map((item) => [item.json.location_id, item.pairedItem])).toEqual([
			['5', { item: 0 }],
			['5', { item: 0 }],
			['6', { item: 1 }],
			['6', { item: 1 }],
		]);
	});
});
