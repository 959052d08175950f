import { createHmac, randomBytes, randomUUID } from 'node:crypto';

import type { SandboxResponse } from '../http';
import { json } from '../http';
import type { HeroHealthSimulation, RouteAdder } from './index';
import type { Body } from './issues';
import { Checker, isIsoDate, notFound, withBody } from './issues';

/**
 * Links and Elements tokens: `POST /v1/attachment_links` (docs/vendors/hero-health.md#links-and-elements-tokens), booking links
 * (docs/vendors/hero-health.md#booking-link-endpoint; the path `POST /v1/booking_links` and the answer are not published — the sandbox shares
 * the node's assumption, nodes/HeroHealth/inferredEndpoints.ts, and answers with an id and a URL),
 * and `POST /v1/access_token` (docs/vendors/hero-health.md#links-and-elements-tokens: a JWT valid for 30 minutes).
 */

export interface BookingLink {
	id: string;
	url: string;
	request: Body;
}

export interface AttachmentLink {
	attachment_uuid: string;
	attachment_link: string;
	request: Body;
}

const TOKEN_LIFETIME_SECONDS = 30 * 60;

export function registerLinks(sim: HeroHealthSimulation, add: RouteAdder): void {
	add('POST', '/v1/attachment_links', (request) => withBody(request, (body) => createAttachmentLink(sim, body)));
	add('POST', '/v1/booking_links', (request) => withBody(request, (body) => createBookingLink(sim, body)));
	add('POST', '/v1/access_token', () => json(200, { access_token: sim.issueAccessToken() }));
}

function createAttachmentLink(sim: HeroHealthSimulation, body: Body): SandboxResponse {
	const check = new Checker(body);
	check.string('patient_id', { test: (id) => /^\d+$/.test(id), expected: 'numeric string' });
	check.date('expiry_date');
	check.number('maximum_use_count', { min: 1, integer: true });
	if (body.ehr_file_id !== undefined) {
		check.string('ehr_file_id', { nonEmpty: true });
	} else {
		check.string('file_data', { nonEmpty: true, test: (data) => /^[A-Za-z0-9+/]*={0,2}$/.test(data), expected: 'base64' });
		check.string('file_name', { nonEmpty: true });
	}
	const invalid = check.answer();
	if (invalid) return invalid;
	if (!sim.patients.has(body.patient_id as string)) return notFound('Patient not found');

	const uuid = randomUUID();
	const link: AttachmentLink = {
		attachment_uuid: uuid,
		attachment_link: `https://patient.herohealth.net/attachments/${uuid}`,
		request: body,
	};
	sim.attachmentLinks.set(uuid, link);
	return json(200, { attachment_link: link.attachment_link, attachment_uuid: link.attachment_uuid });
}

function createBookingLink(sim: HeroHealthSimulation, body: Body): SandboxResponse {
	const check = new Checker(body);
	check.string('appointment_type_id');
	check.string('location_id');
	check.string('patient_id', { optional: true, test: (id) => /^\d+$/.test(id), expected: 'numeric string' });
	check.string('practitioner_id', { optional: true });
	check.date('from_date', { optional: true });
	check.date('to_date', { optional: true });
	check.date('expiry_date', { optional: true });
	check.number('maximum_use_count', { optional: true, min: 1, integer: true });
	if (isIsoDate(body.from_date) && isIsoDate(body.to_date) && body.from_date > body.to_date) {
		check.rule(['to_date'], 'custom', 'to_date on or after from_date');
	}
	const invalid = check.answer();
	if (invalid) return invalid;
	if (!sim.appointmentTypes.some((type) => type.id === body.appointment_type_id)) return notFound('Appointment type not found');
	if (!sim.locations.some((location) => location.id === body.location_id)) return notFound('Location not found');
	if (body.patient_id !== undefined && !sim.patients.has(body.patient_id as string)) return notFound('Patient not found');

	const id = sim.newId('bookingLink');
	const link: BookingLink = { id, url: `https://patient.herohealth.net/book/${randomBytes(5).toString('hex')}`, request: body };
	sim.bookingLinks.set(id, link);
	return json(200, { id, url: link.url, ...body });
}

/** An HS256 JWT for the practice group, expiring after 30 minutes. */
export function accessToken(practiceGroupId: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: practiceGroupId, iat: nowSeconds, exp: nowSeconds + TOKEN_LIFETIME_SECONDS })}`;
	return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
