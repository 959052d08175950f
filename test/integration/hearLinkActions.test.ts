import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import { HearLink } from '../../nodes/HearLink/HearLink.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { HEARLINK_SANDBOX_READ_ONLY_KEY } from '../sandbox/hearLink';
import { SEED } from '../sandbox/hearLink/practice';
import { ActionHarness } from '../support/n8nCore';

/**
 * The HearLink action node's real code in n8n-core's ExecuteContext, against the sandbox over
 * real HTTP: the exact requests it sends, the errors users see, and every input rule refused
 * before a single request is made.
 */

let sandbox: Sandbox;
let hearLink: ActionHarness;

beforeAll(async () => {
	sandbox = await startSandbox();
	hearLink = harnessWith(sandbox.hearLink.credentials());
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => sandbox.server.reset());

function harnessWith(credentials: ICredentialDataDecryptedObject): ActionHarness {
	return new ActionHarness({
		node: new HearLink(),
		credentialTypes: [new HearLinkApi()],
		credentials: { hearLinkApi: credentials },
	});
}

const apiCalls = () => sandbox.server.requestsTo('hearLink');

async function run(parameters: IDataObject, items?: IDataObject[]) {
	const [output] = await hearLink.run({ parameters, items });
	return output.map((item) => item.json);
}

/** A resource locator's value as the editor stores it. */
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The smallest valid Patient → Create: every required field, names for the three groups. */
const minimalPatient: IDataObject = {
	resource: 'patient',
	operation: 'create',
	fullName: 'John Smith',
	primaryPhoneNumber: '07123456789',
	referral: byName('Facebook'),
	primaryClinic: byName('Manchester'),
	status: byName('Patient Created'),
	trackingProvider: 'facebook',
};

describe('Patient → Create', () => {
	it('sends HearLink’s documented request for a full web-form lead and returns the new patient’s ID', async () => {
		const [result] = await run({
			...minimalPatient,
			secondaryStatus: byName('Awaiting Call'),
			trackingDetails: {
				ids: { id: [{ key: 'gclid', value: '123abc' }, { key: 'campaignId', value: '456def' }] },
				utmSource: 'facebook',
				utmMedium: 'cpc',
				utmCampaign: 'spring_sale',
				utmTerm: 'hearing aids',
				utmContent: 'video-1',
			},
			address: { line1: '1 High Street', line2: 'Flat 2', city: 'Manchester', postcode: 'M1 1AA', country: 'United Kingdom' },
			additionalFields: {
				title: 'Mr',
				secondaryPhoneNumber: '0161 496 0000',
				emailAddress: 'john.smith@example.com',
				dob: '1985-07-12',
				age: 40,
				gender: 'male',
				notes: 'Prefers mornings',
			},
		});

		const [call] = apiCalls();
		expect(call).toMatchObject({ method: 'POST', path: '/patients/create', status: 200 });
		expect(call.headers['x-api-key']).toBe(sandbox.hearLink.apiKey);
		expect(call.body).toEqual({
			title: 'Mr',
			fullName: 'John Smith',
			address: { line1: '1 High Street', line2: 'Flat 2', city: 'Manchester', postcode: 'M1 1AA', country: 'United Kingdom' },
			referralName: 'Facebook',
			primaryClinicName: 'Manchester',
			statusName: 'Patient Created',
			secondaryStatusName: 'Awaiting Call',
			primaryPhoneNumber: '07123456789',
			secondaryPhoneNumber: '0161 496 0000',
			emailAddress: 'john.smith@example.com',
			dob: '1985-07-12',
			age: 40,
			gender: 'male',
			notes: 'Prefers mornings',
			tracking: {
				provider: 'facebook',
				ids: { gclid: '123abc', campaignId: '456def' },
				utm_source: 'facebook',
				utm_medium: 'cpc',
				utm_campaign: 'spring_sale',
				utm_term: 'hearing aids',
				utm_content: 'video-1',
			},
		});
		expect(result).toEqual({ patientUid: expect.any(String) });
		expect(sandbox.hearLink.patients.get(result.patientUid as string)).toMatchObject({
			fullName: 'John Smith',
			referral: SEED.referralFacebook,
			primaryClinic: SEED.clinicManchester,
		});
	});

	it('sends IDs instead of names when the locators are set "By ID", and only those', async () => {
		await run({
			...minimalPatient,
			referral: byId(SEED.referralGp),
			primaryClinic: byId(SEED.clinicLeeds),
			status: byId(SEED.statusPatientCreated),
			secondaryStatus: byId(SEED.subStatusAwaitingCall),
		});
		const body = apiCalls()[0].body as IDataObject;
		expect(body).toMatchObject({
			referralId: SEED.referralGp,
			primaryClinicId: SEED.clinicLeeds,
			statusId: SEED.statusPatientCreated,
			secondaryStatusId: SEED.subStatusAwaitingCall,
		});
		for (const name of ['referralName', 'primaryClinicName', 'statusName', 'secondaryStatusName']) {
			expect(body).not.toHaveProperty(name);
		}
	});

	it('leaves out every optional field left empty (no "", no empty address or tracking IDs)', async () => {
		await run({
			...minimalPatient,
			address: { line1: '', city: '  ' },
			trackingDetails: { ids: { id: [{ key: '', value: '' }, { key: 'gclid', value: '={{ $json.gclid }}' }] }, utmSource: '' },
			additionalFields: { title: '', emailAddress: ' ', dob: '' },
		});
		expect(apiCalls()[0].body).toEqual({
			fullName: 'John Smith',
			primaryPhoneNumber: '07123456789',
			referralName: 'Facebook',
			primaryClinicName: 'Manchester',
			statusName: 'Patient Created',
			tracking: { provider: 'facebook' },
		});
	});

	it('takes values from the incoming item, one request per item, numbers sent as their digits', async () => {
		const output = await run(
			{
				...minimalPatient,
				fullName: '={{ $json.name }}',
				primaryPhoneNumber: '={{ $json.phone }}',
				additionalFields: { emailAddress: '={{ $json.email }}' },
			},
			[
				{ name: 'Ann Lee', phone: 7700900001, email: 'ann@example.org' },
				{ name: 'Bob Kay', phone: '07700 900002', email: 'bob@example.org' },
			],
		);
		expect(output).toHaveLength(2);
		expect(apiCalls().map((call) => call.body)).toEqual([
			expect.objectContaining({ fullName: 'Ann Lee', primaryPhoneNumber: '7700900001', emailAddress: 'ann@example.org' }),
			expect.objectContaining({ fullName: 'Bob Kay', primaryPhoneNumber: '07700 900002', emailAddress: 'bob@example.org' }),
		]);
	});

	it('returns HearLink’s whole answer when Simplify is off', async () => {
		const [result] = await run({ ...minimalPatient, simplify: false });
		expect(result).toEqual({ success: true, data: { patientUid: expect.any(String) } });
	});

	it.each<[string, IDataObject, RegExp]>([
		['no Referral (an empty "By Name")', { referral: byName('') }, /Referral is required: give its name \(By Name\) or its ID \(By ID\)/],
		['Referral "By ID" with no ID', { referral: byId(' ') }, /Referral is required/],
		['no Status at all (the parameter missing)', { status: undefined }, /Status is required/],
		['a Primary Clinic "From List" (HearLink has no list)', { primaryClinic: { __rl: true, mode: 'list', value: SEED.clinicLeeds } }, /Primary Clinic: choose By Name or By ID/],
		['a blank Full Name', { fullName: '   ' }, /Full Name is required/],
		['no Primary Phone Number', { primaryPhoneNumber: '' }, /Primary Phone Number is required/],
		['no Tracking Provider (tracking.provider)', { trackingProvider: '' }, /Tracking Provider is required/],
		['a date of birth not written YYYY-MM-DD', { additionalFields: { dob: '12/07/1985' } }, /Date of Birth must be a real date written YYYY-MM-DD/],
		['a date of birth that does not exist', { additionalFields: { dob: '1985-02-30' } }, /Date of Birth must be a real date written YYYY-MM-DD/],
		['an email address without @', { additionalFields: { emailAddress: 'john.example.com' } }, /Email Address must be an email address/],
		['a negative age', { additionalFields: { age: -1 } }, /Age must be 0 or more/],
		['an age that is not whole', { additionalFields: { age: 2.5 } }, /Age must be a whole number/],
		['an age that is not a number', { additionalFields: { age: 'forty' } }, /Age must be a whole number/],
		['a tracking ID without a name', { trackingDetails: { ids: { id: [{ key: '', value: 'abc' }] } } }, /Tracking IDs: every value needs a name/],
	])('refuses %s with a clear message, before any request', async (_case, change, message) => {
		const failure = run({ ...minimalPatient, ...change });
		await expect(failure).rejects.toThrow(message);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failure).rejects.toMatchObject({
			context: { itemIndex: 0 },
			description: expect.stringMatching(/Nothing was sent/),
		});
		expect(apiCalls()).toHaveLength(0);
	});

	it('sends exactly one member of each pair even when a workflow also carries the separate ID and name fields of earlier versions (n8n drops parameters the node does not have)', async () => {
		await run({
			...minimalPatient,
			referralId: SEED.referralGp,
			primaryClinicId: SEED.clinicLeeds,
			statusId: SEED.statusPatientCreated,
			secondaryStatus: byName('Called'),
			secondaryStatusId: SEED.subStatusAwaitingCall,
		});
		expect(apiCalls()).toHaveLength(1);
		const body = apiCalls()[0].body as IDataObject;
		expect(body).toMatchObject({
			referralName: 'Facebook',
			primaryClinicName: 'Manchester',
			statusName: 'Patient Created',
			secondaryStatusName: 'Called',
		});
		for (const id of ['referralId', 'primaryClinicId', 'statusId', 'secondaryStatusId']) expect(body).not.toHaveProperty(id);
	});

	it('sends no secondary status while its locator is empty (in either mode) or absent', async () => {
		await run({ ...minimalPatient, secondaryStatus: byName('') });
		await run({ ...minimalPatient, secondaryStatus: byId('  ') });
		await run(minimalPatient);
		for (const call of apiCalls()) {
			expect(call.body).not.toHaveProperty('secondaryStatusName');
			expect(call.body).not.toHaveProperty('secondaryStatusId');
		}
	});

	it('reads a plain value (an expression written before the locators, an AI agent) as By ID', async () => {
		await run({ ...minimalPatient, primaryClinic: '={{ $json.clinic }}' }, [{ clinic: SEED.clinicLeeds }]);
		expect(apiCalls()[0].body).toMatchObject({ primaryClinicId: SEED.clinicLeeds });
	});

	it('takes a name from the incoming item through an expression in By Name', async () => {
		await run({ ...minimalPatient, referral: byName('={{ $json.source }}') }, [{ source: 'Google Ads' }]);
		expect(apiCalls()[0].body).toMatchObject({ referralName: 'Google Ads' });
	});

	it('names every problem at once', async () => {
		const failure = run({ ...minimalPatient, fullName: '', additionalFields: { dob: '1985-13-01', emailAddress: 'x@' } });
		await expect(failure).rejects.toThrow(/Full Name is required.*Email Address must be an email address.*Date of Birth must be a real date/);
		expect(apiCalls()).toHaveLength(0);
	});

	it('shows HearLink’s own code, message and field details when HearLink refuses the patient', async () => {
		sandbox.server.faults.inject({
			vendor: 'hearLink',
			kind: 'status',
			status: 400,
			body: {
				success: false,
				error: {
					code: 'VALIDATION_ERROR',
					message: 'Exactly one of [statusId, statusName] must be provided for status.',
					details: { statusId: 'Both statusId and statusName provided' },
				},
			},
		});
		const failure = run(minimalPatient);
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		await expect(failure).rejects.toMatchObject({
			message:
				'HearLink rejected the request (400 VALIDATION_ERROR): Exactly one of [statusId, statusName] must be provided for status.',
			description: expect.stringMatching(/^statusId: Both statusId and statusName provided — Correct the fields/),
			httpCode: '400',
		});
	});

	it('passes on HearLink’s answer for a referral name it does not know', async () => {
		await expect(run({ ...minimalPatient, referral: byName('Instagram') })).rejects.toMatchObject({
			message: expect.stringMatching(/^HearLink rejected the request \(400 VALIDATION_ERROR\)/),
			description: expect.stringMatching(/referralName: No referral matches "Instagram"/),
		});
	});

	it('says in plain words that the API key was refused (401), without the key', async () => {
		const wrongKey = harnessWith({ ...sandbox.hearLink.credentials(), apiKey: 'not-a-hearlink-key' });
		const failure = wrongKey.run({ parameters: minimalPatient });
		await expect(failure).rejects.toMatchObject({
			message: 'HearLink refused the API key (401 UNAUTHORIZED): Missing or invalid API key',
			description: expect.stringMatching(/Open the HearLink credential and paste a current API key/),
		});
		const error = await failure.catch((caught: unknown) => caught);
		expect(JSON.stringify(error)).not.toContain('not-a-hearlink-key');
	});

	it('says in plain words that the key lacks the permission (403)', async () => {
		const readOnly = harnessWith({ ...sandbox.hearLink.credentials(), apiKey: HEARLINK_SANDBOX_READ_ONLY_KEY });
		await expect(readOnly.run({ parameters: minimalPatient })).rejects.toMatchObject({
			message: 'HearLink refused this request: the API key lacks the permission (403 FORBIDDEN): API key lacks the required permissions',
			description: expect.stringMatching(/Ask a HearLink organisation owner/),
		});
	});

	it('never sends a create twice: a 500 is reported, not retried', async () => {
		sandbox.server.faults.inject({ vendor: 'hearLink', method: 'POST', kind: 'status', status: 500 });
		await expect(run(minimalPatient)).rejects.toThrow(/HearLink had an internal problem \(500\)/);
		expect(apiCalls()).toHaveLength(1);
	});

	it('with Continue On Fail, reports the bad item and still creates the good one', async () => {
		const [output] = await hearLink.run({
			parameters: { ...minimalPatient, additionalFields: { dob: '={{ $json.dob }}' } },
			items: [{ dob: '30/02/1990' }, { dob: '1990-02-28' }],
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatch(/Date of Birth must be a real date/);
		expect(output[1].json).toEqual({ patientUid: expect.any(String) });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(apiCalls()).toHaveLength(1);
	});
});

describe('Get operations', () => {
	it.each([
		['patient', SEED.patient, '/patients/', 'Margaret Hughes'],
		['appointment', SEED.appointment, '/appointments/', SEED.appointmentTypeHearingTest],
		['invoice', SEED.invoice, '/invoices/', 'INV-0001'],
	])('%s → Get returns HearLink’s record ("data")', async (resource, id, path, expected) => {
		const [record] = await run({ resource, operation: 'get', [`${resource}Id`]: byId(id) });
		expect(apiCalls()[0]).toMatchObject({ method: 'GET', path: `${path}${id}`, status: 200 });
		expect(record.uid).toBe(id);
		expect(JSON.stringify(record)).toContain(expected);
	});

	it('takes the ID from an expression, in the locator or as a plain value', async () => {
		await run({ resource: 'patient', operation: 'get', patientId: byId('={{ $json.uid }}') }, [{ uid: SEED.patient }]);
		await run({ resource: 'patient', operation: 'get', patientId: '={{ $json.uid }}' }, [{ uid: SEED.patient }]);
		expect(apiCalls().map((call) => call.path)).toEqual([`/patients/${SEED.patient}`, `/patients/${SEED.patient}`]);
	});

	it('returns the whole answer when Simplify is off', async () => {
		const [answer] = await run({ resource: 'invoice', operation: 'get', invoiceId: SEED.invoice, simplify: false });
		expect(answer).toMatchObject({ success: true, data: { uid: SEED.invoice } });
	});

	it('says HearLink could not find an unknown ID (404), with HearLink’s words', async () => {
		await expect(run({ resource: 'patient', operation: 'get', patientId: 'pat_missing' })).rejects.toMatchObject({
			message: 'HearLink could not find it (404 NOT_FOUND): Patient not found',
			httpCode: '404',
		});
	});

	it('keeps an ID with a slash inside one path segment', async () => {
		await expect(run({ resource: 'patient', operation: 'get', patientId: 'a/b' })).rejects.toThrow(/404/);
		expect(apiCalls()[0].path).toBe('/patients/a%2Fb');
	});

	it('refuses an empty ID before any request', async () => {
		await expect(run({ resource: 'appointment', operation: 'get', appointmentId: byId(' ') })).rejects.toThrow(/Appointment ID is required/);
		expect(apiCalls()).toHaveLength(0);
	});

	it('retries a read after a 503 and then succeeds', async () => {
		sandbox.server.faults.inject({ vendor: 'hearLink', method: 'GET', kind: 'status', status: 503 });
		const [record] = await run({ resource: 'patient', operation: 'get', patientId: SEED.patient });
		expect(record.uid).toBe(SEED.patient);
		expect(apiCalls()).toHaveLength(2);
	});
});

describe('Appointment → Create', () => {
	const appointment: IDataObject = {
		resource: 'appointment',
		operation: 'create',
		patientId: byId(SEED.patient),
		appointmentTypeId: byId(SEED.appointmentTypeHearingTest),
		clinicId: byId(SEED.clinicManchester),
		assigneeId: byId(SEED.userAudiologist),
		// As n8n's date picker writes it: no time zone.
		start: '2026-05-12T09:00:00',
		end: '2026-05-12T09:45:00',
		location: 'clinic',
	};

	it('sends HearLink’s documented request (one date, two HH:mm times) and returns the new appointment’s ID', async () => {
		const [result] = await run({
			...appointment,
			location: 'home',
			sendConfirmation: true,
			additionalFields: { additionalNote: 'Bring current hearing aids', referralId: byId(SEED.referralGp) },
		});
		expect(apiCalls()[0]).toMatchObject({ method: 'POST', path: '/appointments/create', status: 200 });
		expect(apiCalls()[0].body).toEqual({
			patientId: SEED.patient,
			appointmentTypeId: SEED.appointmentTypeHearingTest,
			clinicId: SEED.clinicManchester,
			assigneeId: SEED.userAudiologist,
			date: '2026-05-12',
			start: '09:00',
			end: '09:45',
			location: 'home',
			sendConfirmation: true,
			additionalNote: 'Bring current hearing aids',
			referralId: SEED.referralGp,
		});
		expect(result).toEqual({ appointmentUid: expect.any(String) });
	});

	it.each([
		['a winter morning from the date picker (GMT)', '2026-01-20T09:30:00', '2026-01-20T10:15:00', ['2026-01-20', '09:30', '10:15'], '2026-01-20T09:30:00.000Z'],
		['a summer morning from the date picker (BST)', '2026-07-20T09:30:00', '2026-07-20T10:15:00', ['2026-07-20', '09:30', '10:15'], '2026-07-20T08:30:00.000Z'],
		['a summer instant from an expression, in UTC', '2026-07-20T08:30:00.000Z', '2026-07-20T09:15:00.000Z', ['2026-07-20', '09:30', '10:15'], '2026-07-20T08:30:00.000Z'],
		['a winter instant from an expression, with an offset', '2026-01-20T10:30:00+01:00', '2026-01-20T11:15:00+01:00', ['2026-01-20', '09:30', '10:15'], '2026-01-20T09:30:00.000Z'],
		['the day the clocks go forward (29 March 2026)', '2026-03-29T09:00:00', '2026-03-29T09:30:00', ['2026-03-29', '09:00', '09:30'], '2026-03-29T08:00:00.000Z'],
	])('reads %s as UK practice time', async (_case, start, end, [date, startTime, endTime], instant) => {
		const [result] = await run({ ...appointment, start, end });
		expect(apiCalls()[0].body).toMatchObject({ date, start: startTime, end: endTime });
		// HearLink reads the times in the organisation's time zone: the booked instant is the one meant.
		expect(sandbox.hearLink.appointments.get(result.appointmentUid as string)?.startDateTime).toBe(instant);
	});

	it('takes the times from the incoming item', async () => {
		await run({ ...appointment, start: '={{ $json.from }}', end: '={{ $json.to }}' }, [{ from: '2026-10-26T14:00:00', to: '2026-10-26T14:40:00' }]);
		expect(apiCalls()[0].body).toMatchObject({ date: '2026-10-26', start: '14:00', end: '14:40' });
	});

	it('says whether to send a confirmation even when left at its default (false)', async () => {
		await run(appointment);
		expect(apiCalls()[0].body).toMatchObject({ sendConfirmation: false });
		expect(apiCalls()[0].body).not.toHaveProperty('additionalNote');
		expect(apiCalls()[0].body).not.toHaveProperty('referralId');
	});

	it.each<[string, IDataObject, RegExp]>([
		['an end before the start', { start: '2026-05-12T10:00:00', end: '2026-05-12T09:30:00' }, /End \(09:30\) must be after Start \(10:00\)/],
		['an end equal to the start', { start: '2026-05-12T10:00:00', end: '2026-05-12T10:00:00' }, /End \(10:00\) must be after Start/],
		['an end on another day', { start: '2026-05-12T23:00:00', end: '2026-05-13T00:30:00' }, /End \(2026-05-13 00:30\) must be on the same day as Start \(2026-05-12 23:00\)/],
		['an end that is another day in UK time only (BST)', { start: '2026-07-15T22:00:00Z', end: '2026-07-15T23:30:00Z' }, /End \(2026-07-16 00:30\) must be on the same day as Start \(2026-07-15 23:00\)/],
		['a start that is only a time', { start: '09:00' }, /Start must be a date and time, e\.g\. 2026-05-12T09:30 \(UK time\)/],
		['a date that does not exist', { start: '2026-02-29T09:00:00' }, /Start must be a date and time/],
		['no end', { end: '' }, /End is required/],
		['a location other than clinic or home', { location: 'office' }, /Location must be "clinic" or "home"/],
		['no assignee', { assigneeId: byId('') }, /Assignee ID is required/],
		['no patient', { patientId: byId('') }, /Patient ID is required/],
	])('refuses %s with a clear message, before any request', async (_case, change, message) => {
		await expect(run({ ...appointment, ...change })).rejects.toThrow(message);
		expect(apiCalls()).toHaveLength(0);
	});

	it('passes on HearLink’s answer when a referenced record does not exist', async () => {
		await expect(run({ ...appointment, clinicId: byId('no-such-clinic') })).rejects.toMatchObject({
			message: 'HearLink rejected the request (400 NOT_FOUND): Referenced clinicId not found',
			description: expect.stringMatching(/^clinicId: Clinic not found/),
		});
	});
});

describe('examples/hearlink-web-form-lead-to-patient.json', () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/hearlink-web-form-lead-to-patient.json'), 'utf8'),
	) as { nodes: INode[] };
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-health-practice.hearLink')!;

	it('uses the HearLink node with the credential named "HearLink (sandbox)"', () => {
		expect(node.credentials?.hearLinkApi?.name).toBe('HearLink (sandbox)');
	});

	it('turns a web-form lead (as the Webhook node outputs it) into a HearLink patient', async () => {
		const [output] = await hearLink.run({
			parameters: node.parameters as IDataObject,
			items: [
				{
					body: {
						fullName: 'John Smith',
						phone: '07123456789',
						email: 'john@example.com',
						dob: '1985-07-12',
						referral: 'Facebook',
						clinic: 'Leeds',
						utm_source: 'facebook',
						utm_medium: 'cpc',
						utm_campaign: 'spring_sale',
						gclid: '123abc',
					},
				},
				{ body: { fullName: 'Ann Lee', phone: '07700900001' } },
			],
		});
		expect(output.map((item) => item.json)).toEqual([{ patientUid: expect.any(String) }, { patientUid: expect.any(String) }]);
		expect(apiCalls().map((call) => call.body)).toEqual([
			{
				fullName: 'John Smith',
				primaryPhoneNumber: '07123456789',
				referralName: 'Facebook',
				primaryClinicName: 'Leeds',
				statusName: 'Patient Created',
				emailAddress: 'john@example.com',
				dob: '1985-07-12',
				tracking: { provider: 'facebook', ids: { gclid: '123abc' }, utm_source: 'facebook', utm_medium: 'cpc', utm_campaign: 'spring_sale' },
			},
			{
				fullName: 'Ann Lee',
				primaryPhoneNumber: '07700900001',
				referralName: 'Website',
				primaryClinicName: 'Manchester',
				statusName: 'Patient Created',
				tracking: { provider: 'website' },
			},
		]);
	});
});
