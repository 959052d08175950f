import { heroActions } from './setup';

/** Patient → Trace and Register (PDS) and Patient → Get against the Hero sandbox. */

const hero = heroActions();

const register = (fields: Record<string, unknown>) => ({ resource: 'patient', operation: 'registerPds', ...fields });

describe('Patient → Trace and Register', () => {
	it('traces by NHS number (spaces removed) and date of birth, and outputs the existing Hero patient ID', async () => {
		const [output] = await hero.json(register({ traceBy: 'nhsNumber', nhsNumber: '943 476 5919', dob: '1985-12-10' }));

		const [request] = hero.requests({ method: 'POST', path: '/v1/patients/register_pds' });
		expect(request.body).toEqual({ nhs_number: '9434765919', dob: '1985-12-10' });
		expect(output).toEqual({ patient_id: '501', verificationRequired: false });
	});

	it('registers from demographics (name, date of birth, postcode) someone only the Spine knows', async () => {
		const [output] = await hero.json(
			register({ traceBy: 'demographics', forename: 'Grace', surname: 'Hopper', dob: '1990-12-09', postcode: 'ls6  2qb' }),
		);

		const [request] = hero.requests({ method: 'POST', path: '/v1/patients/register_pds' });
		expect(request.body).toEqual({ forename: 'Grace', surname: 'Hopper', dob: '1990-12-09', postcode: 'LS6 2QB' });
		expect(output.verificationRequired).toBe(false);
		const patientId = String(output.patient_id);
		expect(hero.sandbox.heroHealth.patients.get(patientId)).toMatchObject({ first_name: 'Grace', nhs_number: '9990000018' });

		const [patient] = await hero.json({ resource: 'patient', operation: 'get', patientId });
		expect(hero.requests({ method: 'GET', path: `/v1/patients/${patientId}` })).toHaveLength(1);
		expect(patient).toMatchObject({ id: patientId, first_name: 'Grace', last_name: 'Hopper' });
	});

	it('takes the date part of a date-time date of birth (as Hero returns dob)', async () => {
		await hero.json(register({ traceBy: 'nhsNumber', nhsNumber: '9434765870', dob: '1972-06-23T00:00:00.000Z' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/patients/register_pds' });
		expect(request.body).toEqual({ nhs_number: '9434765870', dob: '1972-06-23' });
	});

	it('outputs "must verify identity" as a success flagged verificationRequired, with the login URL', async () => {
		const [output] = await hero.json(register({ traceBy: 'nhsNumber', nhsNumber: '999 000 0026', dob: '1965-12-04' }));
		expect(output).toEqual({
			message: 'Patient must verify their identity before proceeding',
			login_url: expect.stringMatching(/^https:\/\/patient\.herohealth\.net\/verify\//),
			verificationRequired: true,
		});
	});

	it('says the Spine has no such patient when Hero answers 404', async () => {
		const failure = await hero.failure(register({ traceBy: 'nhsNumber', nhsNumber: '9990000034', dob: '1980-01-01' }));
		expect(failure.message).toBe('Hero Health could not find it (404): Patient not found on PDS');
		expect(failure.description).toMatch(/The NHS Spine has no patient matching these details/);
	});

	it.each([
		['an NHS number whose check digit is wrong', { nhsNumber: '943 476 5918' }, /NHS number is not a valid NHS number \(its check digit does not match\)/],
		['an NHS number of 9 digits', { nhsNumber: '943476591' }, /NHS number must be 10 digits/],
		// 999 000 014x: the modulus-11 check digit would be 10, so no last digit makes it valid.
		['an NHS number that can have no valid check digit', { nhsNumber: '999 000 0140' }, /NHS number is not a valid NHS number/],
		['an NHS number with letters', { nhsNumber: '943 476 591A' }, /NHS number must be 10 digits/],
		['a date of birth that does not exist', { dob: '1985-02-29' }, /Date of birth must be a real date written YYYY-MM-DD/],
		['a date of birth written the British way', { dob: '10/12/1985' }, /Date of birth must be a real date written YYYY-MM-DD/],
		['a date of birth in the future', { dob: '2999-01-01' }, /Date of birth cannot be in the future/],
	])('refuses %s before any request', async (_case, fields, message) => {
		const failure = await hero.failure(register({ traceBy: 'nhsNumber', nhsNumber: '9434765919', dob: '1985-12-10', ...fields }));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it.each([
		['a postcode that is not a UK postcode', { postcode: '90210' }, /Postcode must be a UK postcode/],
		['no last name', { surname: '' }, /Last name is required/],
		['no first name', { forename: '  ' }, /First name is required/],
	])('refuses demographics with %s before any request', async (_case, fields, message) => {
		const failure = await hero.failure(
			register({ traceBy: 'demographics', forename: 'Grace', surname: 'Hopper', dob: '1990-12-09', postcode: 'LS6 2QB', ...fields }),
		);
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it('names every problem at once', async () => {
		const failure = await hero.failure(register({ traceBy: 'nhsNumber', nhsNumber: '123', dob: '1985-13-01' }));
		expect(failure.message).toMatch(/NHS number must be 10 digits/);
		expect(failure.message).toMatch(/Date of birth must be a real date/);
	});
});

describe('Patient → Get', () => {
	it('gets a patient by ID', async () => {
		const [patient] = await hero.json({ resource: 'patient', operation: 'get', patientId: '502' });
		expect(patient).toEqual(hero.sandbox.heroHealth.patients.get('502'));
	});

	it('refuses an ID that is not numeric before any request, and says "not found" for an unknown one', async () => {
		const invalid = await hero.failure({ resource: 'patient', operation: 'get', patientId: 'ada' });
		expect(invalid.message).toMatch(/Patient ID must be Hero's numeric patient ID/);
		expect(hero.requests()).toHaveLength(0);

		const missing = await hero.failure({ resource: 'patient', operation: 'get', patientId: '4040' });
		expect(missing.message).toMatch(/Hero Health could not find it \(404\)/);
		expect(missing.description).toMatch(/Hero has no patient with ID 4040/);
	});
});
