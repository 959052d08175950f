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

/** The smallest valid Patient → Create: every required field, names for the three groups. */
const minimalPatient: IDataObject = {
	resource: 'patient',
	operation: 'create',
	fullName: 'John Smith',
	primaryPhoneNumber: '07123456789',
	referralBy: 'name',
	referralName: 'Facebook',
	primaryClinicBy: 'name',
	primaryClinicName: 'Manchester',
	statusBy: 'name',
	statusName: 'Patient Created',
	trackingProvider: 'facebook',
};

describe('Patient → Create', () => {
	it('sends HearLink’s documented request for a full web-form lead and returns the new patient’s ID', async () => {
		const [result] = await run({
			...minimalPatient,
			secondaryStatusBy: 'name',
			secondaryStatusName: 'Awaiting Call',
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

	it('sends IDs instead of names when the groups are set "By ID", and only those', async () => {
		await run({
			...minimalPatient,
			referralBy: 'id',
			referralId: SEED.referralGp,
			referralName: '',
			primaryClinicBy: 'id',
			primaryClinicId: SEED.clinicLeeds,
			statusBy: 'id',
			statusId: SEED.statusPatientCreated,
			secondaryStatusBy: 'id',
			secondaryStatusId: SEED.subStatusAwaitingCall,
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
		['neither Referral ID nor Referral Name', { referralBy: 'name', referralName: '' }, /Referral Name is required/],
		['Referral "By ID" with no ID', { referralBy: 'id', referralName: '', referralId: ' ' }, /Referral ID is required/],
		['no Status', { statusName: '' }, /Status Name is required/],
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

	it('sends exactly one member of each pair even when a workflow carries both (n8n drops the field the choice hides)', async () => {
		// An imported or hand-written workflow: names chosen, IDs also present.
		await run({
			...minimalPatient,
			referralId: SEED.referralGp,
			primaryClinicId: SEED.clinicLeeds,
			statusId: SEED.statusPatientCreated,
			secondaryStatusBy: 'name',
			secondaryStatusName: 'Called',
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

	it('sends no secondary status while it is "None", whatever else the workflow carries', async () => {
		await run({ ...minimalPatient, secondaryStatusBy: 'none', secondaryStatusName: 'Called' });
		expect(apiCalls()[0].body).not.toHaveProperty('secondaryStatusName');
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
		await expect(run({ ...minimalPatient, referralName: 'Instagram' })).rejects.toMatchObject({
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
		const [record] = await run({ resource, operation: 'get', [`${resource}Id`]: id });
		expect(apiCalls()[0]).toMatchObject({ method: 'GET', path: `${path}${id}`, status: 200 });
		expect(record.uid).toBe(id);
		expect(JSON.stringify(record)).toContain(expected);
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
		await expect(run({ resource: 'appointment', operation: 'get', appointmentId: ' ' })).rejects.toThrow(/Appointment ID is required/);
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
		patientId: SEED.patient,
		appointmentTypeId: SEED.appointmentTypeHearingTest,
		clinicId: SEED.clinicManchester,
		assigneeId: SEED.userAudiologist,
		date: '2026-05-12',
		start: '09:00',
		end: '09:45',
		location: 'clinic',
	};

	it('sends HearLink’s documented request and returns the new appointment’s ID', async () => {
		const [result] = await run({
			...appointment,
			location: 'home',
			sendConfirmation: true,
			additionalFields: { additionalNote: 'Bring current hearing aids', referralId: SEED.referralGp },
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

	it('says whether to send a confirmation even when left at its default (false)', async () => {
		await run(appointment);
		expect(apiCalls()[0].body).toMatchObject({ sendConfirmation: false });
		expect(apiCalls()[0].body).not.toHaveProperty('additionalNote');
	});

	it.each<[string, IDataObject, RegExp]>([
		['an end before the start', { start: '10:00', end: '09:30' }, /End Time \(09:30\) must be after Start Time \(10:00\)/],
		['an end equal to the start', { start: '10:00', end: '10:00' }, /End Time \(10:00\) must be after Start Time/],
		['a time not written HH:mm', { start: '9:00' }, /Start Time must be a 24-hour time written HH:mm/],
		['a time past 23:59', { end: '24:00' }, /End Time must be a 24-hour time written HH:mm/],
		['a date that does not exist', { date: '2026-02-29' }, /Date must be a real date written YYYY-MM-DD/],
		['a location other than clinic or home', { location: 'office' }, /Location must be "clinic" or "home"/],
		['no assignee', { assigneeId: '' }, /Assignee ID is required/],
		['no patient', { patientId: '' }, /Patient ID is required/],
	])('refuses %s with a clear message, before any request', async (_case, change, message) => {
		await expect(run({ ...appointment, ...change })).rejects.toThrow(message);
		expect(apiCalls()).toHaveLength(0);
	});

	it('passes on HearLink’s answer when a referenced record does not exist', async () => {
		await expect(run({ ...appointment, clinicId: 'no-such-clinic' })).rejects.toMatchObject({
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
