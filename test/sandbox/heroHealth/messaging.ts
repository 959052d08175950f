import type { SandboxRequest, SandboxResponse } from '../http';
import { json } from '../http';
import type { HeroHealthSimulation, RouteAdder } from './index';
import type { Body, HeroIssue } from './issues';
import { badRequest, Checker, isIsoDateTime, isNhsNumber, notFound, withBody } from './issues';
import { paginate } from './paging';

/**
 * Hero's messaging API (docs/vendors/hero-health.md#messages): `POST /v1/messages/send` with its documented fields,
 * and batch messages (create, list, get, send, and a batch's recipients and messages). There is no
 * "get a message" endpoint in Hero's reference, so there is none here.
 *
 * The three batch lists page with `page_index` / `page_size` and take a `status` filter whose values
 * Hero documents as CREATED, ENRICHMENT_ERROR, ENRICHED, INVALID_PAYLOAD, QUEUED (another value is
 * a 400). Inferred, not documented: the batch list answers `{ data, count }` like Hero's other
 * lists; a recipient is `{ id, nhs_number, dob, status }` and is ENRICHED when the NHS Spine knows
 * the NHS number and date of birth, ENRICHMENT_ERROR otherwise; sending queues the enriched ones
 * and makes one message `{ id, nhs_number, status, content, created_at }` for each; the batch
 * list's filter compares the batch's own status.
 */

export const BATCH_LIST_STATUSES = ['CREATED', 'ENRICHMENT_ERROR', 'ENRICHED', 'INVALID_PAYLOAD', 'QUEUED'];

export interface BatchRecipient {
	id: string;
	nhs_number: string;
	dob: string | null;
	status: 'CREATED' | 'ENRICHED' | 'ENRICHMENT_ERROR' | 'QUEUED';
}

export interface BatchSentMessage {
	id: string;
	nhs_number: string;
	status: 'QUEUED';
	content: string;
	created_at: string;
}

export interface SentMessage {
	message_id: string;
	patient_id: string;
	message_type: string;
	content: string;
	created_at: string;
	send_at: string | null;
	request: Body;
}

export interface BatchMessage {
	id: string;
	name: string;
	status: 'CREATED' | 'PENDING' | 'SENDING' | 'COMPLETED';
	channel: string;
	subject?: string;
	content: string;
	recipients: BatchRecipient[];
	messages: BatchSentMessage[];
}

export function registerMessaging(sim: HeroHealthSimulation, add: RouteAdder): void {
	add('POST', '/v1/messages/send', (request) => withBody(request, (body) => sendMessage(sim, body)));
	add('POST', '/v1/batch_message', (request) => withBody(request, (body) => createBatch(sim, body)));
	add('GET', '/v1/batch_message', (request) =>
		listFiltered(sim, request, [...sim.batches.values()].map(batchView)),
	);
	add('GET', '/v1/batch_message/:id', (request) => {
		const batch = sim.batches.get(request.params.id);
		return batch ? json(200, batchView(batch)) : notFound('Batch message not found');
	});
	add('GET', '/v1/batch_message/:id/recipients', (request) => {
		const batch = sim.batches.get(request.params.id);
		return batch ? listFiltered(sim, request, batch.recipients) : notFound('Batch message not found');
	});
	add('GET', '/v1/batch_message/:id/messages', (request) => {
		const batch = sim.batches.get(request.params.id);
		return batch ? listFiltered(sim, request, batch.messages) : notFound('Batch message not found');
	});
	add('PATCH', '/v1/batch_message/:id/send', (request) => sendBatch(sim, request.params.id));
}

function sendMessage(sim: HeroHealthSimulation, body: Body): SandboxResponse {
	const check = new Checker(body);
	check.string('patient_id', { test: (id) => /^\d+$/.test(id), expected: 'numeric string' });
	check.oneOf('message_type', ['hero', 'sms', 'email', 'nhs_app']);
	check.string('message_string', { nonEmpty: true });
	check.string('recipient_contact_detail', { optional: true });
	check.oneOf('fallback_message_type', ['sms', 'email'], { optional: true });
	check.string('fallback_contact_detail', { optional: true });
	check.boolean('write_to_record');
	check.boolean('auto_write_to_record');
	check.string('snomed_code', { optional: true });
	check.string('snomed_term', { optional: true });
	if (body.encrypted !== undefined && typeof body.encrypted !== 'boolean' && typeof body.encrypted !== 'string') {
		check.rule(['encrypted'], 'invalid_type', 'boolean | string');
	}
	check.string('task_id', { optional: true });
	check.string('attachment_uuid', { optional: true, nonEmpty: true });
	check.string('short_link_id', { optional: true, nonEmpty: true });
	check.number('assignee_id', { optional: true, integer: true });
	check.oneOf('assignee_type', ['Admin', 'AdminTeam'], { optional: true });
	check.string('send_at', { optional: true, test: isIsoDateTime, expected: 'ISO date-time' });
	if (typeof body.attachment_uuid === 'string' && !sim.attachmentLinks.has(body.attachment_uuid)) {
		check.rule(['attachment_uuid'], 'invalid_reference', 'the attachment_uuid of an attachment link');
	}
	if (typeof body.short_link_id === 'string' && !sim.bookingLinks.has(body.short_link_id)) {
		check.rule(['short_link_id'], 'invalid_reference', 'the id of a short link');
	}
	const invalid = check.answer();
	if (invalid) return invalid;
	if (!sim.patients.has(body.patient_id as string)) return notFound('Patient not found');

	const message: SentMessage = {
		message_id: sim.newId('message'),
		patient_id: body.patient_id as string,
		message_type: body.message_type as string,
		content: body.message_string as string,
		created_at: new Date().toISOString(),
		send_at: (body.send_at as string | undefined) ?? null,
		request: body,
	};
	sim.messages.set(message.message_id, message);
	return json(200, {
		message_id: message.message_id,
		content: message.content,
		created_at: message.created_at,
		snomed_code: (body.snomed_code as string | undefined) ?? null,
		write_to_record: body.write_to_record === true,
		submitted_by: 'api',
		send_at: message.send_at,
	});
}

function createBatch(sim: HeroHealthSimulation, body: Body): SandboxResponse {
	const check = new Checker(body);
	check.string('name', { nonEmpty: true });
	check.oneOf('channel', ['SMS', 'EMAIL', 'NHS_APP']);
	check.string('content', { nonEmpty: true });
	if (body.channel === 'EMAIL') check.string('subject', { nonEmpty: true });
	else check.string('subject', { optional: true });
	const issues: HeroIssue[] = [];
	if (!Array.isArray(body.recipients) || body.recipients.length === 0) {
		issues.push({ code: 'invalid_type', expected: 'non-empty array', path: ['recipients'] });
	} else {
		body.recipients.forEach((recipient: unknown, index: number) => {
			const { nhs_number, dob } = (recipient ?? {}) as { nhs_number?: unknown; dob?: unknown };
			if (!isNhsNumber(nhs_number)) issues.push({ code: 'invalid_string', expected: 'NHS number', path: ['recipients', index, 'nhs_number'] });
			if (dob !== null && !isIsoDateTime(dob)) issues.push({ code: 'invalid_string', expected: 'ISO date-time', path: ['recipients', index, 'dob'] });
		});
	}
	if (check.issues.length + issues.length > 0) return badRequest([...check.issues, ...issues]);

	const id = sim.newId('batch');
	const batch: BatchMessage = {
		id,
		name: body.name as string,
		status: 'CREATED',
		channel: body.channel as string,
		...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
		content: body.content as string,
		recipients: (body.recipients as Array<{ nhs_number: string; dob: string | null }>).map((recipient, index) => ({
			id: `${id}-${index + 1}`,
			nhs_number: recipient.nhs_number.replace(/ /g, ''),
			dob: recipient.dob,
			status: onSpine(sim, recipient) ? 'ENRICHED' : 'ENRICHMENT_ERROR',
		})),
		messages: [],
	};
	sim.batches.set(batch.id, batch);
	return json(200, batchView(batch));
}

function sendBatch(sim: HeroHealthSimulation, id: string): SandboxResponse {
	const batch = sim.batches.get(id);
	if (!batch) return notFound('Batch message not found');
	if (batch.status !== 'CREATED') {
		return badRequest([{ code: 'invalid_state', expected: "a batch with status 'CREATED'", path: ['status'] }]);
	}
	batch.status = 'COMPLETED';
	for (const recipient of batch.recipients.filter((candidate) => candidate.status === 'ENRICHED')) {
		recipient.status = 'QUEUED';
		batch.messages.push({
			id: `${batch.id}-m${batch.messages.length + 1}`,
			nhs_number: recipient.nhs_number,
			status: 'QUEUED',
			content: batch.content,
			created_at: new Date().toISOString(),
		});
	}
	return json(200, batchView(batch));
}

/** Whether the NHS Spine knows this NHS number with this date of birth. */
function onSpine(sim: HeroHealthSimulation, recipient: { nhs_number: string; dob: string | null }): boolean {
	const nhsNumber = recipient.nhs_number.replace(/ /g, '');
	return sim.pds.some((person) => person.nhs_number === nhsNumber && recipient.dob !== null && recipient.dob.startsWith(person.dob));
}

/** One of the batch lists: the documented `status` filter (checked), then Hero's paging. */
function listFiltered<T extends { status: string }>(sim: HeroHealthSimulation, request: SandboxRequest, items: T[]): SandboxResponse {
	const status = request.query.get('status');
	if (status !== null && !BATCH_LIST_STATUSES.includes(status)) {
		return badRequest([{ code: 'invalid_enum_value', expected: BATCH_LIST_STATUSES.map((value) => `'${value}'`).join(' | '), path: ['status'] }]);
	}
	return paginate(request, status === null ? items : items.filter((item) => item.status === status), { base: sim.pageBase });
}

/** The batch object Hero returns: `{ id, name, status, channel, subject?, content }`. */
function batchView({ recipients: _recipients, messages: _messages, ...batch }: BatchMessage) {
	return batch;
}
