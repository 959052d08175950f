import type { IDataObject } from 'n8n-workflow';

import { heroActions } from './setup';

/**
 * Appointment types, locations, slots and appointments against the Hero sandbox, whose calendar
 * has 130 free slots on the five weekdays from 2030-03-04 (see test/sandbox/heroHealth/practice.ts).
 */

const hero = heroActions();

const slots = (fields: IDataObject = {}) => ({ resource: 'slot', operation: 'getAll', ...fields });

/** The first free nurse slot at location 5, as List Slots outputs it. */
async function firstNurseSlot(): Promise<IDataObject> {
	const [slot] = await hero.json(slots({ limit: 1, filters: { appointmentTypeId: '2', locationId: '5' } }));
	return slot;
}

/** Reserve `slot` as the editor sets it up: type, location and the slot picked from the lists. */
function reserveFrom(slot: IDataObject, extra: IDataObject = {}) {
	return {
		resource: 'appointment',
		operation: 'reserve',
		appointmentTypeId: { __rl: true, mode: 'list', value: slot.appointment_type_id },
		locationId: { __rl: true, mode: 'list', value: slot.location_id },
		slotId: { __rl: true, mode: 'list', value: slot.id },
		patientId: { __rl: true, mode: 'id', value: '501' },
		...extra,
	};
}

/** Reserve at the slot's practitioner and start time, given by hand ("Practitioner and Start Time"). */
function reserveAt(slot: IDataObject, extra: IDataObject = {}) {
	return {
		resource: 'appointment',
		operation: 'reserve',
		appointmentTypeId: slot.appointment_type_id,
		locationId: slot.location_id,
		timeFrom: 'manual',
		practitionerId: slot.practitioner_id,
		startTime: slot.start_time,
		duration: 15,
		patientId: '501',
		...extra,
	};
}

async function reserved(extra: IDataObject = {}): Promise<string> {
	const [reservation] = await hero.json(reserveFrom(await firstNurseSlot(), extra));
	return String(reservation.id);
}

async function confirmed(): Promise<string> {
	const id = await reserved();
	await hero.json({ resource: 'appointment', operation: 'confirm', appointmentId: id });
	return id;
}

describe('Appointment Type → Get Many', () => {
	it('lists every type with its free slots', async () => {
		const types = await hero.json({ resource: 'appointmentType', operation: 'getAll', returnAll: true });
		expect(types.map((type) => [type.id, type.slot_count])).toEqual([
			['1', 60],
			['2', 40],
			['3', 30],
			['4', 0],
		]);
	});

	it('filters by locations (sent as repeated location_ids keys) and by availability', async () => {
		const types = await hero.json({
			resource: 'appointmentType',
			operation: 'getAll',
			returnAll: true,
			filters: { locationIds: '6, 7', hasAvailability: true },
		});
		expect(types.map((type) => [type.id, type.slot_count])).toEqual([['2', 20]]);
		const [request] = hero.requests({ method: 'GET', path: '/v1/appointment_types' });
		expect(request.search).toContain('location_ids=6&location_ids=7');
		expect(request.query.has_availability).toBe('true');
	});
});

describe('Location → Get Many', () => {
	it('lists the locations', async () => {
		const locations = await hero.json({ resource: 'location', operation: 'getAll', returnAll: true });
		expect(locations.map((location) => location.id)).toEqual(['5', '6']);
	});
});

describe('Slot → Get Many', () => {
	it('returns all 130 slots over two pages of 100 with Return All', async () => {
		const all = await hero.json(slots({ returnAll: true }));
		expect(all).toHaveLength(130);
		expect(new Set(all.map((slot) => slot.id)).size).toBe(130);
		expect(hero.requests({ method: 'GET', path: '/v1/slots' }).map((request) => request.query)).toEqual([
			{ page_index: '0', page_size: '100' },
			{ page_index: '1', page_size: '100' },
		]);
	});

	it('asks for no more than the limit', async () => {
		const some = await hero.json(slots({ limit: 5 }));
		expect(some.map((slot) => slot.id)).toEqual(hero.sandbox.heroHealth.slots.slice(0, 5).map((slot) => slot.id));
		expect(hero.requests({ method: 'GET', path: '/v1/slots' }).map((request) => request.query)).toEqual([
			{ page_index: '0', page_size: '5' },
		]);
	});

	it('sends the filters as Hero’s query parameters', async () => {
		const found = await hero.json(
			slots({
				returnAll: true,
				filters: {
					appointmentTypeId: '2',
					locationId: '6',
					practitionerId: '32',
					startDate: '2030-03-05',
					endDate: '2030-03-06',
				},
			}),
		);
		expect(found).toHaveLength(8);
		expect(found.every((slot) => slot.location_id === '6' && String(slot.start_time) >= '2030-03-05')).toBe(true);
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots' });
		expect(request.query).toEqual({
			appointment_type_id: '2',
			location_id: '6',
			practitioner_id: '32',
			start_date: '2030-03-05',
			end_date: '2030-03-06',
			page_index: '0',
			page_size: '100',
		});
	});

	it('finds every slot once when the API counts pages from 1', async () => {
		hero.sandbox.heroHealth.pageBase = 1;
		const all = await hero.json(slots({ returnAll: true }));
		expect(all).toHaveLength(130);
		expect(new Set(all.map((slot) => slot.id)).size).toBe(130);
		expect(hero.requests({ method: 'GET', path: '/v1/slots' }).map((request) => request.query.page_index)).toEqual(['0', '1', '2']);
	});

	it('no longer lists a slot once it is reserved', async () => {
		const slot = await firstNurseSlot();
		await hero.json(reserveFrom(slot));
		const next = await firstNurseSlot();
		expect(next.id).not.toBe(slot.id);
	});

	it.each([
		['a start date after the end date', { startDate: '2030-03-06', endDate: '2030-03-05' }, /Start Date must not be after End Date/],
		['a start date that does not exist', { startDate: '2030-02-30' }, /Start Date must be a real date/],
		['an end date written the British way', { endDate: '06/03/2030' }, /End Date must be a real date/],
		['a start date in the evening after the end date', { startDate: '2030-03-06T18:00:00', endDate: '2030-03-05T09:00:00' }, /Start Date must not be after End Date/],
	])('refuses %s before any request', async (_case, filters, message) => {
		const failure = await hero.failure(slots({ returnAll: true, filters }));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it.each([
		['the same start and end date', { startDate: '2030-03-05', endDate: '2030-03-05' }, 26],
		['a start time inside the end date (the whole UK day is meant)', { startDate: '2030-03-05T12:00:00Z', endDate: '2030-03-05' }, 26],
	])('accepts %s', async (_case, filters, expected) => {
		expect(await hero.json(slots({ returnAll: true, filters }))).toHaveLength(expected);
	});

	it.each([
		['a picked day (a zone-less date-time)', '2030-03-05T00:00:00', '2030-03-05'],
		['a late evening in winter (GMT), given in UTC', '2030-01-15T23:30:00Z', '2030-01-15'],
		['a late evening in summer (BST), given in UTC: already the next day in the UK', '2030-07-01T23:30:00Z', '2030-07-02'],
		['a date-time with an offset', '2030-07-02T00:30:00+01:00', '2030-07-02'],
	])('sends %s as the UK date', async (_case, value, date) => {
		await hero.json(slots({ returnAll: true, filters: { startDate: value, endDate: value } }));
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots' });
		expect(request.query).toMatchObject({ start_date: date, end_date: date });
	});

	it('takes the filters’ type, location and practitioner from the lists as from plain IDs', async () => {
		const picked = (value: string) => ({ __rl: true, mode: 'list', value });
		const found = await hero.json(
			slots({ returnAll: true, filters: { appointmentTypeId: picked('2'), locationId: picked('6'), practitionerId: picked('32') } }),
		);
		expect(found).toHaveLength(20);
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots' });
		expect(request.query).toMatchObject({ appointment_type_id: '2', location_id: '6', practitioner_id: '32' });
	});

	it('refuses a limit below 1 before any request', async () => {
		const failure = await hero.failure(slots({ limit: 0 }));
		expect(failure.message).toMatch(/Limit must be at least 1/);
		expect(hero.requests()).toHaveLength(0);
	});
});

describe('Slot → Count and Get', () => {
	it('counts the slots matching the filters', async () => {
		const [count] = await hero.json({ resource: 'slot', operation: 'count', filters: { appointmentTypeId: '1' } });
		expect(count).toEqual({ count: 60 });
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots/count' });
		expect(request.query).toEqual({ appointment_type_id: '1' });
	});

	it('gets one slot, and says "not found" for an unknown one', async () => {
		const [slot] = await hero.json({ resource: 'slot', operation: 'get', slotId: '7013' });
		expect(slot).toEqual(hero.sandbox.heroHealth.slots.find((candidate) => candidate.id === '7013'));

		const failure = await hero.failure({ resource: 'slot', operation: 'get', slotId: '1' });
		expect(failure.message).toBe('Hero Health could not find it (404): Slot not found');
	});
});

describe('Appointment → Reserve', () => {
	it('reserves a free slot with Hero’s field names, its practitioner, start and length read from Hero, and outputs the id and reserved_until', async () => {
		const slot = await firstNurseSlot();
		const before = Date.now();
		const [reservation] = await hero.json(reserveFrom(slot, { additionalFields: { reason: 'Blood test', suppress_mail: true } }));

		expect(hero.requests({ method: 'GET', path: `/v1/slots/${String(slot.id)}` })).toHaveLength(1);
		const [request] = hero.requests({ method: 'POST', path: '/v1/appointments' });
		expect(request.body).toEqual({
			appointment_type_id: '2',
			location_id: '5',
			practitioner_id: '32',
			start_time: slot.start_time,
			duration: 15,
			patient_id: '501',
			reason: 'Blood test',
			suppress_mail: true,
		});
		expect(reservation).toEqual({ id: expect.any(String), reserved_until: expect.any(String) });
		const holdsUntil = Date.parse(String(reservation.reserved_until));
		expect(holdsUntil).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1000);
		expect(hero.sandbox.heroHealth.appointments.get(String(reservation.id))).toMatchObject({ patient_id: '501', booking_confirmed_at: null });
	});

	it('refuses a slot of another appointment type or location, before reserving anything', async () => {
		const slot = await firstNurseSlot();
		const failure = await hero.failure(reserveFrom(slot, { locationId: '6' }));
		expect(failure.message).toBe(`Slot ${String(slot.id)} is for appointment type 2 at location 5, not the chosen appointment type 2 at location 6`);
		expect(hero.requests({ method: 'POST', path: '/v1/appointments' })).toHaveLength(0);
	});

	it('says a slot that is gone is not found, and reserves nothing', async () => {
		const failure = await hero.failure(reserveFrom({ appointment_type_id: '2', location_id: '5', id: '424242' }));
		expect(failure.message).toMatch(/could not find it \(404\)/);
		expect(failure.description).toMatch(/Hero has no slot with ID 424242/);
		expect(hero.requests({ method: 'POST', path: '/v1/appointments' })).toHaveLength(0);
	});

	it.each([
		['in winter (GMT): UK time is UTC', '2030-03-04T09:15:00', '2030-03-04T09:15:00.000Z'],
		['in summer (BST): UK time is an hour ahead of UTC', '2030-07-01T09:00:00', '2030-07-01T08:00:00.000Z'],
		['given with its own zone', '2030-07-01T10:00:00+02:00', '2030-07-01T08:00:00.000Z'],
	])('reserves at a practitioner and a picked start time %s, sent in UTC', async (_case, startTime, sent) => {
		hero.sandbox.heroHealth.slots.push({
			id: '9901',
			practitioner_id: '32',
			appointment_type_id: '2',
			location_id: '5',
			start_time: '2030-07-01T08:00:00.000Z',
			finish_time: '2030-07-01T08:15:00.000Z',
		});
		const [reservation] = await hero.json(reserveAt({ appointment_type_id: '2', location_id: '5', practitioner_id: '32', start_time: startTime }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/appointments' });
		expect(request.body).toMatchObject({ practitioner_id: '32', start_time: sent, duration: 15 });
		expect(hero.sandbox.heroHealth.appointments.get(String(reservation.id))).toMatchObject({ start_time: sent });
		expect(hero.requests({ method: 'GET' })).toHaveLength(0);
	});

	it('passes on Hero’s refusal of a slot that is taken, and books it anyway with Skip Availability Check', async () => {
		const slot = await firstNurseSlot();
		await hero.json(reserveFrom(slot));

		const failure = await hero.failure(reserveFrom(slot, { patientId: '502' }));
		expect(failure.message).toBe('Hero Health rejected the request: start_time: expected an available slot');
		expect(failure.description).toMatch(/Correct the fields named above/);

		const [forced] = await hero.json(reserveFrom(slot, { patientId: '502', additionalFields: { suppress_availability_check: true } }));
		expect(forced.id).toEqual(expect.any(String));
	});

	it('reads a duration an expression gives as text', async () => {
		const slot = await firstNurseSlot();
		await hero.json(reserveAt(slot, { duration: '={{ "15" }}' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/appointments' });
		expect((request.body as { duration: unknown }).duration).toBe(15);
	});

	it.each([
		['no appointment type', { appointmentTypeId: '' }, /Appointment Type ID is required/],
		['no location', { locationId: { __rl: true, mode: 'list', value: '' } }, /Location ID is required/],
		['a duration of 0', { duration: 0 }, /Duration \(minutes\) must be at least 1/],
		['a duration in fractions', { duration: 7.5 }, /Duration \(minutes\) must be a whole number/],
		['a duration in words', { duration: '={{ "fifteen" }}' }, /Duration \(minutes\) must be a number/],
		['a start time that is not a date and time', { startTime: 'tomorrow at nine' }, /Start Time must be a date and time/],
		['a start time on a day that does not exist', { startTime: '2030-02-30T09:00:00' }, /Start Time must be a date and time/],
		['no practitioner', { practitionerId: { __rl: true, mode: 'list', value: '' } }, /Practitioner ID is required/],
		['a patient ID that is not numeric', { patientId: 'ada' }, /Patient ID must be Hero's numeric patient ID/],
	])('with a practitioner and start time, refuses %s before any request', async (_case, fields, message) => {
		const slot = hero.sandbox.heroHealth.slots[0];
		const failure = await hero.failure(reserveAt({ ...slot }, fields));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it.each([
		['no slot', { slotId: { __rl: true, mode: 'list', value: '' } }, /Slot ID is required/],
		['no appointment type', { appointmentTypeId: { __rl: true, mode: 'list', value: '' } }, /Appointment Type ID is required/],
		['a patient ID that is not numeric', { patientId: { __rl: true, mode: 'id', value: 'ada' } }, /Patient ID must be Hero's numeric patient ID/],
		['a slot ID that climbs out of the path', { slotId: '..' }, /Slot ID cannot be "\.\."/],
	])('from a free slot, refuses %s before any request', async (_case, fields, message) => {
		const slot = hero.sandbox.heroHealth.slots[0];
		const failure = await hero.failure(reserveFrom({ ...slot }, fields));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});
});

describe('Appointment → Confirm, Get, Update, Reschedule, Cancel', () => {
	it('confirms a reservation with the inferred PATCH …/book and outputs the booked appointment', async () => {
		const id = await reserved();
		const [booked] = await hero.json({ resource: 'appointment', operation: 'confirm', appointmentId: id });

		expect(hero.requests({ method: 'PATCH', path: `/v1/appointments/${id}/book` })).toHaveLength(1);
		expect(booked).toMatchObject({ id, booking_confirmed_at: expect.any(String), reserved_until: null });
		const [fetched] = await hero.json({ resource: 'appointment', operation: 'get', appointmentId: id });
		expect(fetched).toEqual(booked);
	});

	it('says why a reservation that ran out cannot be confirmed', async () => {
		const id = await reserved();
		hero.sandbox.heroHealth.appointments.get(id)!.reserved_until = new Date(Date.now() - 1000).toISOString();

		const failure = await hero.failure({ resource: 'appointment', operation: 'confirm', appointmentId: id });
		expect(failure.message).toBe('Hero Health rejected the request: reserved_until: expected a reservation that has not expired');
	});

	it('says a reservation without a patient cannot be confirmed', async () => {
		const id = await reserved({ patientId: '' });
		const failure = await hero.failure({ resource: 'appointment', operation: 'confirm', appointmentId: id });
		expect(failure.message).toBe('Hero Health rejected the request: patient_id: expected string');
	});

	it('says "not found" for an unknown appointment, naming the inferred path for Confirm', async () => {
		const get = await hero.failure({ resource: 'appointment', operation: 'get', appointmentId: '424242' });
		expect(get.message).toMatch(/could not find it \(404\)/);
		expect(get.description).toMatch(/Hero has no appointment with ID 424242/);
		expect(get.description).not.toMatch(/inferred-endpoints/);

		const confirm = await hero.failure({ resource: 'appointment', operation: 'confirm', appointmentId: '424242' });
		expect(confirm.description).toMatch(/Or the path this node assumes for this step \(PATCH \/v1\/appointments\/\{id\}\/book\) is wrong: Hero does not publish it/);
	});

	it('moves a reservation to a picked UK time (BST in summer), sent in UTC', async () => {
		const sim = hero.sandbox.heroHealth;
		for (const [id, start] of [['9901', '2030-07-01T08:00:00.000Z'], ['9902', '2030-07-01T08:15:00.000Z']]) {
			sim.slots.push({ id, practitioner_id: '32', appointment_type_id: '2', location_id: '5', start_time: start, finish_time: new Date(Date.parse(start) + 15 * 60_000).toISOString() });
		}
		const [reservation] = await hero.json(reserveFrom({ id: '9901', appointment_type_id: '2', location_id: '5' }));
		const [moved] = await hero.json({
			resource: 'appointment',
			operation: 'update',
			appointmentId: { __rl: true, mode: 'id', value: reservation.id },
			startTime: '2030-07-01T09:15:00',
			duration: 15,
			practitionerId: { __rl: true, mode: 'list', value: '32' },
		});
		const [request] = hero.requests({ method: 'PUT', path: `/v1/appointments/${String(reservation.id)}` });
		expect(request.body).toEqual({ start_time: '2030-07-01T08:15:00.000Z', duration: 15, practitioner_id: '32' });
		expect(moved).toMatchObject({ start_time: '2030-07-01T08:15:00.000Z' });
	});

	it('updates a reservation with PUT, and refuses to update a confirmed appointment', async () => {
		const id = await reserved();
		const slot = hero.sandbox.heroHealth.slots.find((candidate) => candidate.id === '7014')!;
		const [updated] = await hero.json({
			resource: 'appointment',
			operation: 'update',
			appointmentId: id,
			startTime: slot.start_time,
			duration: 15,
			practitionerId: '32',
			options: { suppress_mail: true },
		});
		const [request] = hero.requests({ method: 'PUT', path: `/v1/appointments/${id}` });
		expect(request.body).toEqual({ start_time: slot.start_time, duration: 15, practitioner_id: '32', suppress_mail: true });
		expect(updated).toMatchObject({ id, start_time: slot.start_time });

		await hero.json({ resource: 'appointment', operation: 'confirm', appointmentId: id });
		const failure = await hero.failure({
			resource: 'appointment',
			operation: 'update',
			appointmentId: id,
			startTime: slot.start_time,
			duration: 15,
			practitionerId: '32',
		});
		expect(failure.message).toBe('Hero Health rejected the request: booking_confirmed_at: expected a non-confirmed appointment');
	});

	it('reschedules a confirmed appointment with the inferred PATCH …/reschedule, and refuses a mere reservation', async () => {
		const id = await confirmed();
		const later = hero.sandbox.heroHealth.slots.find((candidate) => candidate.id === '7040')!; // a nurse slot on the 5th
		expect(later).toMatchObject({ appointment_type_id: '2', location_id: '5' });
		const move = { resource: 'appointment', operation: 'reschedule', startTime: later.start_time, duration: 15, practitionerId: '32' };

		const [moved] = await hero.json({ ...move, appointmentId: id });
		const [request] = hero.requests({ method: 'PATCH', path: `/v1/appointments/${id}/reschedule` });
		expect(request.body).toEqual({ start_time: later.start_time, duration: 15, practitioner_id: '32' });
		expect(moved).toMatchObject({ id, start_time: later.start_time });

		const reservation = await reserved();
		const failure = await hero.failure({ ...move, appointmentId: reservation, options: { suppress_availability_check: true } });
		expect(failure.message).toBe('Hero Health rejected the request: booking_confirmed_at: expected a confirmed appointment');
	});

	it('cancels an appointment, and passes on Hero’s refusal to cancel it twice', async () => {
		const id = await confirmed();
		const [cancelled] = await hero.json({ resource: 'appointment', operation: 'cancel', appointmentId: id, options: { suppress_mail: true } });
		const [request] = hero.requests({ method: 'PATCH', path: `/v1/appointments/${id}/cancel` });
		expect(request.body).toEqual({ suppress_mail: true });
		expect(cancelled).toMatchObject({ id, can_be_cancelled: false });
		expect(hero.sandbox.heroHealth.cancelled.has(id)).toBe(true);

		const again = await hero.failure({ resource: 'appointment', operation: 'cancel', appointmentId: id });
		expect(again.message).toBe('Hero Health rejected the request: can_be_cancelled: expected an appointment that can be cancelled');
	});

	it('passes on the cancellation policy, and cancels inside it with Ignore Cancellation Policy', async () => {
		const soon = new Date(Date.now() + 60 * 60_000).toISOString();
		const [reservation] = await hero.json({
			resource: 'appointment',
			operation: 'reserve',
			timeFrom: 'manual',
			appointmentTypeId: '2',
			locationId: '5',
			practitionerId: '32',
			startTime: soon,
			duration: 15,
			patientId: '501',
			additionalFields: { suppress_availability_check: true },
		});
		const id = String(reservation.id);
		await hero.json({ resource: 'appointment', operation: 'confirm', appointmentId: id });

		const refused = await hero.failure({ resource: 'appointment', operation: 'cancel', appointmentId: id });
		expect(refused.message).toBe('Hero Health rejected the request: start_time: expected cancellation at least 24 hours before start_time');

		await hero.json({ resource: 'appointment', operation: 'cancel', appointmentId: id, options: { suppress_cancellation_policy: true } });
		expect(hero.sandbox.heroHealth.cancelled.has(id)).toBe(true);
	});

	it.each([
		['update', { startTime: 'tomorrow', duration: 15, practitionerId: '32' }, /Start Time must be a date and time/],
		['reschedule', { startTime: '2030-03-05T09:00:00Z', duration: 15, practitionerId: '' }, /Practitioner ID is required/],
		['confirm', { appointmentId: '' }, /Appointment ID is required/],
		['cancel', { appointmentId: ' ' }, /Appointment ID is required/],
	])('%s refuses bad input before any request', async (operation, fields, message) => {
		const failure = await hero.failure({ resource: 'appointment', operation, appointmentId: '1001', ...fields });
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});
});
