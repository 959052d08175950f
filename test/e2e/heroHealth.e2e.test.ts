import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import type { ActionStep, CredentialRef, Execution, Stack } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, nodeOutput, nodeType, operationsOf, operationsRunBy, startStack, triggerPublisher, triggerWorkflow } from '../harness';
import { VENDOR_KITS } from '../vendors';

/**
 * Hero Health in a real n8n, where only Hero is concerned (test/e2e/contract.e2e.test.ts runs what
 * every trigger shares): every operation of the action node run inside a workflow against the
 * sandbox's practice, a refused input that reaches nobody, the booking chain of the booking chain: reserve → confirm in one workflow starts the Hero Health Trigger's workflow exactly once (docs/TESTING.md#what-a-real-n8n-is-shown-to-do) — a
 * workflow reserves and confirms a slot, and the published Hero Health Trigger's workflow runs once
 * with `appointment.confirmed` — a delivery naming a JavaScript property with Include Full Record
 * on, and the credential's Test button.
 */

/** A Monday far ahead, so that no reservation or cancellation rule depends on today's date. */
const CALENDAR_START = '2030-03-04';
const ACTION = nodeType('heroHealth');
const TRIGGER = 'Hero Health Trigger';

let stack: Stack;
let credential: CredentialRef;
const triggers = triggerPublisher({ stack: () => stack, subscriptionsLeft: () => stack.sandbox.heroHealth.webhooks.size });

beforeAll(async () => {
	stack = await startStack({ sandbox: { heroHealth: { calendarStart: CALENDAR_START } } });
	credential = await stack.n8n.api.createCredential('Hero Health (sandbox)', 'heroHealthApi', stack.sandbox.heroHealth.credentials());
});

afterAll(async () => {
	await stack?.stop();
});

beforeEach(() => stack.sandbox.server.reset());

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Free nurse slots (type 2) at Leeds Road (location 5), earliest first. */
function nurseSlots() {
	return stack.sandbox.heroHealth.slots.filter((slot) => slot.appointment_type_id === '2' && slot.location_id === '5');
}

/** Runs the steps once; a step that names no node to follow branches off the Manual Trigger. */
async function run(name: string, steps: ActionStep[]): Promise<Execution> {
	const { api } = stack.n8n;
	const branches = steps.map((step) => ({ after: MANUAL_TRIGGER, ...step }));
	const workflow = await api.createWorkflow(actionsWorkflow({ name, credential, steps: branches }));
	return await api.executeManually(workflow.id, MANUAL_TRIGGER);
}

function succeeded(execution: Execution) {
	return { status: execution.status, error: execution.data?.resultData?.error?.message };
}

/** Reserve the free slot a previous step output, for patient 501, as the example workflow does. */
function reserveFromSlot(after: string): ActionStep {
	return {
		name: 'Reserve',
		after,
		type: ACTION,
		parameters: {
			resource: 'appointment',
			operation: 'reserve',
			appointmentTypeId: '={{ $json.appointment_type_id }}',
			locationId: '={{ $json.location_id }}',
			timeFrom: 'slot',
			slotId: '={{ $json.id }}',
			patientId: '501',
			additionalFields: { reason: 'Booked by n8n' },
		},
	};
}

const nextNurseSlot: ActionStep = {
	name: 'Next nurse slot',
	type: ACTION,
	parameters: { resource: 'slot', operation: 'getAll', limit: 1, filters: { appointmentTypeId: '2', locationId: '5' } },
};

describe('every operation, run inside a workflow', () => {
	it('all twenty-three operations of the Hero Health node run in one workflow against the sandbox practice', async () => {
		const [, moveTo] = nurseSlots();
		const nextDay = nurseSlots().find((slot) => slot.start_time.startsWith('2030-03-05'))!;
		const appointment = "={{ $('Reserve').item.json.id }}";
		const steps: ActionStep[] = [
			// Lists first: they run before the booking below takes a slot.
			{ name: 'Appointment types', type: ACTION, parameters: { resource: 'appointmentType', operation: 'getAll', returnAll: true } },
			{ name: 'Locations', type: ACTION, parameters: { resource: 'location', operation: 'getAll', returnAll: true } },
			{
				name: 'Count nurse slots',
				type: ACTION,
				parameters: { resource: 'slot', operation: 'count', filters: { appointmentTypeId: '2', locationId: '5' } },
			},
			{
				name: 'Trace and register',
				type: ACTION,
				parameters: {
					resource: 'patient',
					operation: 'registerPds',
					traceBy: 'demographics',
					forename: 'Grace',
					surname: 'Hopper',
					dob: '1990-12-09',
					postcode: 'ls6 2qb',
				},
			},
			{
				name: 'Get patient',
				after: 'Trace and register',
				type: ACTION,
				parameters: { resource: 'patient', operation: 'get', patientId: '={{ $json.patient_id }}' },
			},
			nextNurseSlot,
			{
				name: 'Get slot',
				after: nextNurseSlot.name,
				type: ACTION,
				parameters: { resource: 'slot', operation: 'get', slotId: '={{ $json.id }}' },
			},
			reserveFromSlot('Get slot'),
			{
				name: 'Move the reservation',
				after: 'Reserve',
				type: ACTION,
				parameters: {
					resource: 'appointment',
					operation: 'update',
					appointmentId: '={{ $json.id }}',
					startTime: moveTo.start_time,
					duration: 15,
					practitionerId: moveTo.practitioner_id,
				},
			},
			{
				name: 'Confirm',
				after: 'Move the reservation',
				type: ACTION,
				parameters: { resource: 'appointment', operation: 'confirm', appointmentId: appointment },
			},
			{
				name: 'Get appointment',
				after: 'Confirm',
				type: ACTION,
				parameters: { resource: 'appointment', operation: 'get', appointmentId: appointment },
			},
			{
				name: 'Reschedule',
				after: 'Get appointment',
				type: ACTION,
				parameters: {
					resource: 'appointment',
					operation: 'reschedule',
					appointmentId: appointment,
					startTime: nextDay.start_time,
					duration: 15,
					practitionerId: nextDay.practitioner_id,
				},
			},
			{
				name: 'Cancel',
				after: 'Reschedule',
				type: ACTION,
				parameters: { resource: 'appointment', operation: 'cancel', appointmentId: appointment, options: { suppress_mail: true } },
			},
			{
				name: 'Send SMS',
				type: ACTION,
				parameters: {
					resource: 'message',
					operation: 'send',
					patientId: '501',
					messageType: 'sms',
					message: 'Your nurse appointment is booked',
					recipient: '07700 900123',
				},
			},
			{
				name: 'Create batch',
				type: ACTION,
				parameters: {
					resource: 'batchMessage',
					operation: 'create',
					name: 'Flu clinic',
					channel: 'SMS',
					content: 'Flu clinic on Saturday: reply YES to book',
					recipientsInput: 'fields',
					recipients: { recipient: [{ nhs_number: '943 476 5919', dob: '1985-12-10' }] },
				},
			},
			{
				name: 'Get batch',
				after: 'Create batch',
				type: ACTION,
				parameters: { resource: 'batchMessage', operation: 'get', batchId: '={{ $json.id }}' },
			},
			{
				name: 'Send batch',
				after: 'Get batch',
				type: ACTION,
				parameters: { resource: 'batchMessage', operation: 'send', batchId: '={{ $json.id }}' },
			},
			{
				name: 'Batch recipients',
				after: 'Send batch',
				type: ACTION,
				parameters: { resource: 'batchMessage', operation: 'getRecipients', batchId: '={{ $json.id }}', returnAll: true },
			},
			{
				name: 'Batch messages',
				after: 'Send batch',
				type: ACTION,
				parameters: { resource: 'batchMessage', operation: 'getMessages', batchId: "={{ $('Send batch').item.json.id }}", returnAll: true },
			},
			{
				name: 'Batches',
				after: 'Send batch',
				type: ACTION,
				parameters: { resource: 'batchMessage', operation: 'getAll', limit: 10 },
			},
			{
				name: 'Booking link',
				type: ACTION,
				parameters: {
					resource: 'link',
					operation: 'createBookingLink',
					appointmentTypeId: '2',
					locationId: '5',
					additionalFields: { patient_id: '501', expiry_date: inDays(14) },
				},
			},
			{
				name: 'Attachment link',
				type: ACTION,
				parameters: {
					resource: 'link',
					operation: 'createAttachmentLink',
					patientId: '501',
					fileSource: 'ehrFile',
					ehrFileId: 'F-889',
					expiryDate: inDays(7),
					maximumUseCount: 3,
				},
			},
			{ name: 'Elements token', type: ACTION, parameters: { resource: 'elements', operation: 'createAccessToken' } },
		];
		expect(operationsRunBy(steps).sort()).toEqual(operationsOf(new HeroHealth()).sort());

		const execution = await run('Hero Health: every operation', steps);

		expect(succeeded(execution)).toEqual({ status: 'success', error: undefined });
		const hero = stack.sandbox.heroHealth;
		const one = (name: string) => {
			const items = nodeOutput(execution, name);
			expect({ name, items: items.length }).toEqual({ name, items: 1 });
			return items[0];
		};

		expect(nodeOutput(execution, 'Appointment types').map((type) => type.id)).toEqual(['1', '2', '3', '4']);
		expect(nodeOutput(execution, 'Locations').map((location) => location.name)).toEqual(['Leeds Road Surgery', 'Park Lane Branch']);
		expect(one('Count nurse slots')).toEqual({ count: nurseSlots().length });

		const { patient_id: patientId } = one('Trace and register');
		expect(one('Trace and register')).toEqual({ patient_id: patientId, verificationRequired: false });
		expect(one('Get patient')).toMatchObject({ id: patientId, first_name: 'Grace', last_name: 'Hopper', nhs_number: '9990000018' });

		const [first] = nurseSlots();
		expect(one('Next nurse slot')).toEqual(first);
		expect(one('Get slot')).toEqual(first);
		const { id, reserved_until: reservedUntil } = one('Reserve');
		expect(Date.parse(String(reservedUntil))).toBeGreaterThan(Date.now());
		expect(one('Move the reservation')).toMatchObject({ id, start_time: moveTo.start_time });
		const confirmed = one('Confirm');
		expect(confirmed).toMatchObject({ id, booking_confirmed_at: expect.any(String) });
		expect(one('Get appointment')).toMatchObject({
			id,
			start_time: moveTo.start_time,
			booking_confirmed_at: confirmed.booking_confirmed_at,
		});
		expect(one('Reschedule')).toMatchObject({ id, start_time: nextDay.start_time });
		expect(one('Cancel')).toMatchObject({ id });
		expect(hero.cancelled.has(String(id))).toBe(true);
		expect(hero.appointments.get(String(id))).toMatchObject({ patient_id: '501', start_time: nextDay.start_time });
		const [reservation] = stack.sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/appointments' });
		expect(reservation.body).toEqual({
			appointment_type_id: '2',
			location_id: '5',
			practitioner_id: first.practitioner_id,
			start_time: first.start_time,
			duration: 15,
			patient_id: '501',
			reason: 'Booked by n8n',
		});

		expect(one('Send SMS')).toMatchObject({ message_id: expect.any(String), content: 'Your nurse appointment is booked' });
		expect([...hero.messages.values()]).toEqual([expect.objectContaining({ content: 'Your nurse appointment is booked' })]);
		const batch = one('Create batch');
		expect(batch).toMatchObject({ id: expect.any(String), status: 'CREATED', channel: 'SMS' });
		expect(one('Get batch')).toEqual(batch);
		expect(one('Send batch')).toMatchObject({ id: batch.id, status: 'COMPLETED' });
		expect(one('Batch recipients')).toMatchObject({ nhs_number: '9434765919', status: 'QUEUED' });
		expect(one('Batch messages')).toMatchObject({ nhs_number: '9434765919', status: 'QUEUED', content: 'Flu clinic on Saturday: reply YES to book' });
		expect(one('Batches')).toMatchObject({ id: batch.id, status: 'COMPLETED' });

		expect(one('Booking link')).toMatchObject({ id: expect.any(String), url: expect.stringMatching(/^https:\/\//), patient_id: '501' });
		expect(one('Attachment link')).toEqual({ attachment_link: expect.stringMatching(/^https:\/\//), attachment_uuid: expect.any(String) });
		expect(hero.attachmentLinks.size).toBe(1);
		const token = one('Elements token');
		expect(token).toEqual({ access_token: hero.accessTokens.at(-1), expires_at: expect.any(String) });
	});

	it('an invalid NHS number stops the workflow with a message naming it, and nothing reaches Hero', async () => {
		const execution = await run('Hero Health: a mistyped NHS number', [
			{
				name: 'Trace and register',
				type: ACTION,
				parameters: { resource: 'patient', operation: 'registerPds', traceBy: 'nhsNumber', nhsNumber: '943 476 5918', dob: '1985-12-10' },
			},
		]);

		expect(execution.status).toBe('error');
		expect(execution.data?.resultData?.error?.message).toBe(
			'NHS number is not a valid NHS number (its check digit does not match): check it for typing errors',
		);
		expect(stack.sandbox.server.requestsTo('heroHealth')).toEqual([]);
	});
});

describe('every resource locator of the Hero Health node, in the editor of a real n8n', () => {
	type Found = { results: Array<{ name: string; value: string | number }>; paginationToken?: string };
	const picked = (value: string | number, cachedResultName: string) => ({ __rl: true, mode: 'list', value: String(value), cachedResultName });

	it('each From List answers a search and follows its page token to the end, and the values picked run in a workflow', async () => {
		const hero = stack.sandbox.heroHealth;
		// A practice big enough to page: 110 more types and locations, 120 more batches, 30 more practitioners' slots.
		for (let n = 1; n <= 110; n++) {
			hero.appointmentTypes.push({ ...hero.appointmentTypes[0], id: String(100 + n), name: `Clinic ${n}`, duration: 20 });
			hero.locations.push({ id: String(1000 + n), name: `Branch ${n}`, postcode: 'LS1 1AA' });
		}
		for (let n = 1; n <= 120; n++) {
			const id = String(5000 + n);
			hero.batches.set(id, { id, name: `Recall ${n}`, status: 'CREATED', channel: 'SMS', content: 'Recall', recipients: [], messages: [] });
		}
		hero.batches.set('4999', { id: '4999', name: 'Flu clinic', status: 'CREATED', channel: 'NHS_APP', content: 'Flu', recipients: [], messages: [] });
		for (let p = 0; p < 30; p++) {
			hero.practitioners.push({ id: String(40 + p), name: `Locum ${40 + p}`, practitioner_type: 'GP' });
			for (let n = 0; n < 4; n++) {
				const start = Date.parse('2030-03-11T09:00:00Z') + (p * 4 + n) * 10 * 60_000;
				hero.slots.push({
					id: String(20_000 + p * 4 + n),
					practitioner_id: String(40 + p),
					appointment_type_id: '1',
					location_id: '6',
					start_time: new Date(start).toISOString(),
					finish_time: new Date(start + 10 * 60_000).toISOString(),
				});
			}
		}

		const reserveParameters = { resource: 'appointment', operation: 'reserve', appointmentTypeId: picked('2', 'Nurse appointment (15 min)'), locationId: picked('5', 'Leeds Road Surgery (LS1 4AP)') };
		const lists = [
			{ parameter: 'appointmentTypeId', methodName: 'searchAppointmentTypes', parameters: reserveParameters, filter: 'nurse', total: hero.appointmentTypes.length },
			{ parameter: 'locationId', methodName: 'searchLocations', parameters: reserveParameters, filter: 'leeds', total: hero.locations.length },
			{ parameter: 'slotId', methodName: 'searchSlots', parameters: reserveParameters, filter: 'tue', total: undefined },
			{ parameter: 'practitionerId', methodName: 'searchPractitioners', parameters: { resource: 'appointment', operation: 'update' }, filter: 'nurse', total: 32 },
			{ parameter: 'batchId', methodName: 'searchBatchMessages', parameters: { resource: 'batchMessage', operation: 'get' }, filter: 'flu', total: hero.batches.size },
		];
		const search = async (list: (typeof lists)[number], more: { filter?: string; paginationToken?: string; parameters?: Record<string, unknown> } = {}) =>
			(await stack.n8n.api.searchResourceLocator({
				nodeType: ACTION,
				parameter: list.parameter,
				methodName: list.methodName,
				currentNodeParameters: more.parameters ?? list.parameters,
				credential,
				...(more.filter === undefined ? {} : { filter: more.filter }),
				...(more.paginationToken === undefined ? {} : { paginationToken: more.paginationToken }),
			})) as Found;

		const found: Record<string, Found['results']> = {};
		for (const list of lists) {
			found[list.parameter] = (await search(list, { filter: list.filter })).results;
			// Slots page only where no type and location narrow them (Slot → Get).
			const paging = list.parameter === 'slotId' ? { parameters: { resource: 'slot', operation: 'get' } } : {};
			const pages: Found[] = [await search(list, paging)];
			while (pages.at(-1)!.paginationToken !== undefined && pages.length < 10) {
				pages.push(await search(list, { ...paging, paginationToken: pages.at(-1)!.paginationToken }));
			}
			const values = pages.flatMap((page) => page.results.map((result) => String(result.value)));
			expect({ list: list.methodName, pages: pages.length > 1, ended: pages.at(-1)!.paginationToken === undefined }).toEqual({
				list: list.methodName,
				pages: true,
				ended: true,
			});
			expect({ list: list.methodName, duplicates: values.length - new Set(values).size }).toEqual({ list: list.methodName, duplicates: 0 });
			expect(values.length).toBe(list.total ?? hero.slots.length);
		}
		expect(found.appointmentTypeId).toEqual([{ name: 'Nurse appointment (15 min)', value: '2' }]);
		expect(found.locationId).toEqual([{ name: 'Leeds Road Surgery (LS1 4AP)', value: '5' }]);
		const tuesday = nurseSlots().filter((slot) => slot.start_time.startsWith('2030-03-05'));
		expect(found.slotId.map((result) => String(result.value))).toEqual(tuesday.map((slot) => slot.id));
		expect(found.slotId[0].name).toBe('Tue 5 Mar 2030, 09:00–09:15 · Practitioner 32');
		expect(found.practitionerId).toEqual([{ name: 'Practitioner 32 (Nurse appointment)', value: '32' }]);
		expect(found.batchId).toEqual([{ name: 'Flu clinic (NHS App, created)', value: '4999' }]);

		// The values picked, as the editor stores them, in one workflow.
		const [slot, later] = found.slotId;
		const laterSlot = tuesday.find((candidate) => candidate.id === String(later.value))!;
		const chosen = (name: string) => picked(found[name][0].value, found[name][0].name);
		const execution = await run('Hero Health: values picked from the lists', [
			{
				name: 'Reserve picked slot',
				type: ACTION,
				parameters: {
					resource: 'appointment',
					operation: 'reserve',
					appointmentTypeId: chosen('appointmentTypeId'),
					locationId: chosen('locationId'),
					timeFrom: 'slot',
					slotId: picked(slot.value, slot.name),
					patientId: { __rl: true, mode: 'id', value: '501' },
				},
			},
			{
				name: 'Move to picked practitioner and time',
				after: 'Reserve picked slot',
				type: ACTION,
				parameters: {
					resource: 'appointment',
					operation: 'update',
					appointmentId: '={{ $json.id }}',
					practitionerId: chosen('practitionerId'),
					// As the date picker stores it: no zone, UK wall-clock time (GMT in March).
					startTime: laterSlot.start_time.slice(0, 19),
					duration: 15,
				},
			},
			{ name: 'Picked slot', type: ACTION, parameters: { resource: 'slot', operation: 'get', slotId: picked(later.value, later.name) } },
			{ name: 'Picked batch', type: ACTION, parameters: { resource: 'batchMessage', operation: 'get', batchId: chosen('batchId') } },
			{
				name: 'Slots on a picked day',
				type: ACTION,
				parameters: {
					resource: 'slot',
					operation: 'getAll',
					returnAll: true,
					filters: { appointmentTypeId: chosen('appointmentTypeId'), locationId: chosen('locationId'), startDate: '2030-03-05T00:00:00', endDate: '2030-03-05T00:00:00' },
				},
			},
		]);

		expect(succeeded(execution)).toEqual({ status: 'success', error: undefined });
		const [reservation] = nodeOutput(execution, 'Reserve picked slot');
		expect(hero.appointments.get(String(reservation.id))).toMatchObject({ patient_id: '501', appointment_type_id: '2', location_id: '5', practitioner_id: '32' });
		expect(nodeOutput(execution, 'Move to picked practitioner and time')).toEqual([
			expect.objectContaining({ id: reservation.id, start_time: laterSlot.start_time, practitioner_id: '32' }),
		]);
		expect(nodeOutput(execution, 'Picked slot')).toEqual([laterSlot]);
		expect(nodeOutput(execution, 'Picked batch')).toEqual([expect.objectContaining({ id: '4999', name: 'Flu clinic' })]);
		// The reservation moved from the first slot to the later one: the first is free again.
		expect(nodeOutput(execution, 'Slots on a picked day').map((item) => item.id)).toEqual(
			tuesday.filter((candidate) => candidate.id !== laterSlot.id).map((candidate) => candidate.id),
		);
	});
});

describe('reserve → confirm → the trigger (the booking chain, in a real n8n)', () => {
	it("a workflow books a slot, and the published trigger's workflow runs once with appointment.confirmed for it", async () => {
		const listener = await triggers.publish((webhookId) =>
			triggerWorkflow({
				name: 'Hero: appointment confirmed',
				triggerName: TRIGGER,
				type: nodeType('heroHealthTrigger'),
				parameters: { events: ['appointment.confirmed'], options: { includeFullRecord: true } },
				credential,
				webhookId,
			}),
		);
		const { productionUrl } = listener;
		expect([...stack.sandbox.heroHealth.webhooks.values()].map((webhook) => [webhook.url, webhook.event_type])).toEqual([
			[productionUrl, 'appointment.confirmed'],
		]);

		const { deliveries } = stack.sandbox.server;
		const sentBefore = deliveries.log.length;
		const booking = await run('Hero: book the next nurse slot', [
			nextNurseSlot,
			reserveFromSlot(nextNurseSlot.name),
			{
				name: 'Confirm',
				after: 'Reserve',
				type: ACTION,
				parameters: { resource: 'appointment', operation: 'confirm', appointmentId: '={{ $json.id }}' },
			},
		]);

		expect(succeeded(booking)).toEqual({ status: 'success', error: undefined });
		const [{ id }] = nodeOutput(booking, 'Reserve');
		const [confirmed] = nodeOutput(booking, 'Confirm');
		await deliveries.idle();
		const sent = deliveries.log.slice(sentBefore);
		expect(sent.map((delivery) => [delivery.label, delivery.url, delivery.delivered])).toEqual([
			['appointment.confirmed', productionUrl, true],
		]);
		const executions = await stack.n8n.api.waitForExecutions(listener.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(nodeOutput(executions[0], TRIGGER)).toEqual([
			expect.objectContaining({
				event: 'appointment.confirmed',
				object: 'Appointment',
				id,
				record: expect.objectContaining({ id, patient_id: '501', booking_confirmed_at: confirmed.booking_confirmed_at }),
			}),
		]);
	});
});

describe('the trigger, where only Hero is concerned', () => {
	async function publishHeroTrigger(events: string[], options: Record<string, unknown> = {}) {
		return await triggers.publish((webhookId) =>
			triggerWorkflow({
				name: `Hero ${events.join(' ')} ${webhookId.slice(0, 8)}`,
				triggerName: TRIGGER,
				type: nodeType('heroHealthTrigger'),
				parameters: { events, options },
				credential,
				webhookId,
			}),
		);
	}

	/** The signing key "Hero" holds for the subscriptions at `url` (the one n8n's node sent). */
	function keyAt(url: string): string {
		const keys = [...new Set([...stack.sandbox.heroHealth.webhooks.values()].filter((webhook) => webhook.url === url).map((webhook) => webhook.signing_key))];
		expect(keys).toHaveLength(1);
		return keys[0]!;
	}

	/** Posts `body` signed as Hero signs a delivery (the kit's recipe). */
	async function deliver(url: string, key: string, body: string): Promise<number> {
		const { headers } = VENDOR_KITS.heroHealth.signing.sign(Buffer.from(body), key, Math.floor(Date.now() / 1000));
		return (await stack.post(url, { headers, body })).status;
	}

	it('a signed delivery naming a JavaScript property as its object, with Include Full Record on, sends the key to no other host', async () => {
		const foreignHits: string[] = [];
		const foreign = createServer((req, res) => {
			foreignHits.push(`${req.method} ${req.url} ${String(req.headers['x-api-key'])}`);
			res.end('{}');
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
		try {
			const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/steal`;
			const trigger = await publishHeroTrigger(['appointment.confirmed'], { includeFullRecord: true });
			const key = keyAt(trigger.productionUrl);
			const practice = stack.sandbox.heroHealth.practiceGroupId;
			const hostile = (object: string, id: string) => JSON.stringify({ object, id, practice_group_id: practice, event: 'appointment.confirmed' });

			const refused = [];
			for (const object of ['constructor', '__proto__', 'toString']) {
				refused.push(await deliver(trigger.productionUrl, key, hostile(object, foreignUrl)));
			}
			expect(refused).toEqual([400, 400, 400]);
			// A real object with the id a URL or a dot segment: it runs, the record fetch stays at Hero and fails.
			expect(await deliver(trigger.productionUrl, key, hostile('Appointment', foreignUrl))).toBe(200);
			expect(await deliver(trigger.productionUrl, key, hostile('Appointment', '..'))).toBe(200);

			const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 2);
			expect(executions).toHaveLength(2);
			for (const execution of executions) {
				const [item] = nodeOutput(execution, TRIGGER);
				expect(item.record).toBeUndefined();
				expect(item.recordError).toEqual(expect.any(String));
			}
			expect(foreignHits).toEqual([]);
			for (const call of stack.sandbox.server.requestsTo('heroHealth', { method: 'GET' })) {
				expect(call.path).toMatch(/^\/v1\/(webhooks|appointments\/[^/]+)$/);
			}
		} finally {
			await new Promise((resolve) => foreign.close(resolve));
		}
	});

	it("the credential's Test button: OK with the sandbox's key, Hero's own words for a refused key or practice group", async () => {
		const { api } = stack.n8n;

		expect(await api.testCredential(credential)).toMatchObject({ status: 'OK' });
		const wrongKey = await api.testCredential(credential, { apiKey: 'not-a-hero-key' });
		expect(wrongKey.status).toBe('Error');
		expect(wrongKey.message).toContain('Hero Health refused the API key');
		const wrongGroup = await api.testCredential(credential, { practiceGroupId: '9999' });
		expect(wrongGroup.status).toBe('Error');
		expect(wrongGroup.message).toContain('refused the key for this practice group');
		// The stored key was put back in place of the redacted one; the edited fields were used as typed.
		const asked = stack.sandbox.server
			.requestsTo('heroHealth', { method: 'GET', path: '/v1/me' })
			.map((call) => `${call.headers['x-api-key']} ${call.headers['x-practice-group-id']}`);
		expect(new Set(asked)).toEqual(
			new Set(['hero-sandbox-api-key 1234', 'not-a-hero-key 1234', 'hero-sandbox-api-key 9999']),
		);
	});
});
