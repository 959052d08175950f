import { randomBytes } from 'node:crypto';

import type { SandboxResponse } from '../http';
import { json } from '../http';
import type { HeroHealthSimulation, RouteAdder } from './index';
import type { Body } from './issues';
import { Checker, isNhsNumber, notFound, withBody } from './issues';
import type { PdsPerson } from './practice';

/**
 * `POST /v1/patients/register_pds` (docs/vendors/hero-health.md#patients): trace on the NHS Spine by NHS number +
 * date of birth, or by forename + surname + date of birth + postcode; answer the Hero patient id
 * (creating the Hero record for someone only PDS knows), or — for a patient who must verify their
 * identity first — `{ message, login_url }` with 200 (Hero calls both answers "success").
 */

export function registerPatients(sim: HeroHealthSimulation, add: RouteAdder): void {
	add('POST', '/v1/patients/register_pds', (request) => withBody(request, (body) => registerPds(sim, body)));
}

function registerPds(sim: HeroHealthSimulation, body: Body): SandboxResponse {
	const check = new Checker(body);
	check.date('dob');
	if (body.nhs_number !== undefined) {
		check.string('nhs_number', { test: isNhsNumber, expected: 'NHS number' });
	} else {
		check.string('forename', { nonEmpty: true });
		check.string('surname', { nonEmpty: true });
		check.string('postcode', { nonEmpty: true });
	}
	const invalid = check.answer();
	if (invalid) return invalid;

	const person = sim.pds.find((candidate) => matches(candidate, body));
	if (!person) return notFound('Patient not found on PDS');
	if (person.mustVerifyIdentity) {
		return json(200, {
			message: 'Patient must verify their identity before proceeding',
			login_url: `https://patient.herohealth.net/verify/${randomBytes(6).toString('hex')}`,
		});
	}
	if (!person.heroPatientId) {
		person.heroPatientId = sim.newId('patient');
		sim.patients.set(person.heroPatientId, {
			id: person.heroPatientId,
			title: '',
			first_name: person.forename,
			last_name: person.surname,
			dob: `${person.dob}T00:00:00.000Z`,
			nhs_number: person.nhs_number,
			email: '',
			mobile: '',
			postcode: person.postcode,
		});
	}
	return json(200, { patient_id: person.heroPatientId });
}

function matches(person: PdsPerson, body: Body): boolean {
	if (person.dob !== body.dob) return false;
	if (typeof body.nhs_number === 'string') return person.nhs_number === body.nhs_number.replace(/ /g, '');
	const same = (a: string, b: unknown) => typeof b === 'string' && a.replace(/\s/g, '').toLowerCase() === b.replace(/\s/g, '').toLowerCase();
	return same(person.forename, body.forename) && same(person.surname, body.surname) && same(person.postcode, body.postcode);
}
