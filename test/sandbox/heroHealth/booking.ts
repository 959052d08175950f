import type { SandboxRequest, SandboxResponse } from '../http';
import { json } from '../http';
import type { HeroHealthSimulation, RouteAdder } from './index';
import type { Body } from './issues';
import { badRequest, Checker, isIsoDate, isIsoDateTime, notFound, objectBody, withBody } from './issues';
import { paginate } from './paging';
import type { HeroAppointment, HeroSlot } from './practice';

/**
 * Hero's booking API (docs/vendors/hero-health.md#booking): appointment types, locations, slots, reservations that
 * expire at `reserved_until`, and confirm / update / cancel / reschedule. Confirm, cancel and
 * reschedule send `appointment.confirmed` / `.cancelled` / `.rescheduled` to subscribed URLs.
 *
 * Two paths are not published by Hero, and the sandbox shares the node's assumption about them
 * (nodes/HeroHealth/inferredEndpoints.ts): confirm = `PATCH /v1/appointments/{id}/book`,
 * reschedule = `PATCH /v1/appointments/{id}/reschedule` with the body of `PUT /v1/appointments/{id}`.
 * So do the slot filters' names (`appointment_type_id`, `location_id`, `practitioner_id`,
 * `start_date`, `end_date`) and the count's answer (`{ count }`).
 */

const SLOT_PAGE_SIZE = 25;

export function registerBooking(sim: HeroHealthSimulation, add: RouteAdder): void {
	const booking = new Booking(sim);
	add('GET', '/v1/appointment_types', (request) => booking.listAppointmentTypes(request));
	add('GET', '/v1/locations', (request) => paginate(request, sim.locations, { base: sim.pageBase }));
	add('GET', '/v1/slots/count', (request) => booking.countSlots(request));
	add('GET', '/v1/slots', (request) => booking.listSlots(request));
	add('GET', '/v1/slots/:id', (request) => booking.getSlot(request.params.id));
	add('POST', '/v1/appointments', (request) => withBody(request, (body) => booking.reserve(body)));
	add('PUT', '/v1/appointments/:id', (request) => withBody(request, (body) => booking.update(request.params.id, body)));
	add('PATCH', '/v1/appointments/:id/book', (request) => booking.confirm(request.params.id));
	add('PATCH', '/v1/appointments/:id/cancel', (request) => booking.cancel(request.params.id, objectBody(request) ?? {}));
	add('PATCH', '/v1/appointments/:id/reschedule', (request) =>
		withBody(request, (body) => booking.reschedule(request.params.id, body)),
	);
}

class Booking {
	constructor(private readonly sim: HeroHealthSimulation) {}

	listAppointmentTypes(request: SandboxRequest): SandboxResponse {
		const locationIds = request.query.getAll('location_ids');
		const availability = request.query.get('has_availability');
		if (availability !== null && availability !== 'true' && availability !== 'false') {
			return badRequest([{ code: 'invalid_type', expected: 'boolean', path: ['has_availability'] }]);
		}
		const onlyAvailable = availability === 'true';
		const free = this.freeSlots().filter((slot) => locationIds.length === 0 || locationIds.includes(slot.location_id));
		const types = this.sim.appointmentTypes.map((type) => {
			const own = free.filter((slot) => slot.appointment_type_id === type.id);
			return { ...type, slot_count: own.length, next_available_at: own[0]?.start_time ?? null };
		}).filter((type) => !onlyAvailable || type.slot_count > 0);
		return paginate(request, types, { base: this.sim.pageBase });
	}

	listSlots(request: SandboxRequest): SandboxResponse {
		const found = this.filteredSlots(request);
		return Array.isArray(found) ? paginate(request, found, { base: this.sim.pageBase, defaultSize: SLOT_PAGE_SIZE }) : found;
	}

	countSlots(request: SandboxRequest): SandboxResponse {
		const found = this.filteredSlots(request);
		return Array.isArray(found) ? json(200, { count: found.length }) : found;
	}

	getSlot(id: string): SandboxResponse {
		const slot = this.sim.slots.find((candidate) => candidate.id === id);
		return slot ? json(200, slot) : notFound('Slot not found');
	}

	reserve(body: Body): SandboxResponse {
		const check = new Checker(body);
		check.string('appointment_type_id');
		check.string('location_id');
		check.string('practitioner_id');
		check.number('duration', { min: 1 });
		check.dateTime('start_time');
		check.string('patient_id', { optional: true, test: (id) => /^\d+$/.test(id), expected: 'numeric string' });
		check.string('billpayer_id', { optional: true });
		check.string('reason', { optional: true });
		check.boolean('suppress_mail');
		check.boolean('suppress_availability_check');
		const invalid = check.answer();
		if (invalid) return invalid;

		const type = this.sim.appointmentTypes.find((candidate) => candidate.id === body.appointment_type_id);
		if (!type) return notFound('Appointment type not found');
		if (!this.sim.locations.some((location) => location.id === body.location_id)) return notFound('Location not found');
		if (!this.sim.practitioners.some((practitioner) => practitioner.id === body.practitioner_id)) return notFound('Practitioner not found');
		if (body.patient_id !== undefined && !this.sim.patients.has(body.patient_id as string)) return notFound('Patient not found');

		const wanted = { ...(body as { practitioner_id: string; start_time: string; duration: number }) };
		if (!body.suppress_availability_check && !this.slotFree(wanted, body.location_id as string, type.id)) {
			return badRequest([{ code: 'slot_unavailable', expected: 'an available slot', path: ['start_time'] }]);
		}

		const appointment: HeroAppointment = {
			id: this.sim.newId('appointment'),
			patient_id: (body.patient_id as string | undefined) ?? null,
			practitioner_id: wanted.practitioner_id,
			location_id: body.location_id as string,
			appointment_type_id: type.id,
			duration: wanted.duration,
			start_time: new Date(wanted.start_time).toISOString(),
			video: type.video,
			in_person: type.in_person,
			telephone: type.telephone,
			link_id: null,
			reserved_until: new Date(Date.now() + this.sim.reservationHoldMs).toISOString(),
			booking_confirmed_at: null,
			can_be_cancelled: true,
			can_be_rescheduled: true,
			cancellation_policy_hours: 24,
			suppress_mail: body.suppress_mail === true,
		};
		this.sim.appointments.set(appointment.id, appointment);
		return json(200, { id: appointment.id, reserved_until: appointment.reserved_until });
	}

	confirm(id: string): SandboxResponse {
		const appointment = this.sim.appointments.get(id);
		if (!appointment) return notFound('Appointment not found');
		const refused = this.refuseUnless(appointment, 'reserved');
		if (refused) return refused;
		if (!appointment.patient_id) return badRequest([{ code: 'invalid_type', expected: 'string', path: ['patient_id'] }]);

		appointment.booking_confirmed_at = new Date().toISOString();
		appointment.reserved_until = null;
		void this.sim.emit('appointment.confirmed', appointment.id);
		return json(200, appointment);
	}

	/** `PUT /v1/appointments/{id}`: only a reservation that has not run out may be changed. */
	update(id: string, body: Body): SandboxResponse {
		return this.moveAppointment(id, body, 'reserved');
	}

	/** Reschedule: only a confirmed appointment Hero allows to move; sends `appointment.rescheduled`. */
	reschedule(id: string, body: Body): SandboxResponse {
		return this.moveAppointment(id, body, 'confirmed');
	}

	cancel(id: string, body: Body): SandboxResponse {
		const appointment = this.sim.appointments.get(id);
		if (!appointment) return notFound('Appointment not found');
		const check = new Checker(body);
		check.boolean('suppress_mail');
		check.boolean('suppress_cancellation_policy');
		const invalid = check.answer();
		if (invalid) return invalid;
		if (this.sim.cancelled.has(id) || !appointment.can_be_cancelled) {
			return badRequest([{ code: 'invalid_state', expected: 'an appointment that can be cancelled', path: ['can_be_cancelled'] }]);
		}
		const hoursToStart = (Date.parse(appointment.start_time ?? '') - Date.now()) / 3_600_000;
		if (appointment.booking_confirmed_at && hoursToStart < appointment.cancellation_policy_hours && !body.suppress_cancellation_policy) {
			return badRequest([
				{
					code: 'cancellation_policy',
					expected: `cancellation at least ${appointment.cancellation_policy_hours} hours before start_time`,
					path: ['start_time'],
				},
			]);
		}
		this.sim.cancelled.add(id);
		appointment.reserved_until = null;
		appointment.can_be_cancelled = false;
		appointment.can_be_rescheduled = false;
		void this.sim.emit('appointment.cancelled', appointment.id);
		return json(200, appointment);
	}

	/** Hero's answer when an appointment is not in the state an operation needs. */
	private refuseUnless(appointment: HeroAppointment, state: 'reserved' | 'confirmed'): SandboxResponse | undefined {
		if (this.sim.cancelled.has(appointment.id)) {
			return badRequest([{ code: 'invalid_state', expected: 'an appointment that is not cancelled', path: [] }]);
		}
		if (state === 'confirmed') {
			return appointment.booking_confirmed_at
				? undefined
				: badRequest([{ code: 'invalid_state', expected: 'a confirmed appointment', path: ['booking_confirmed_at'] }]);
		}
		if (appointment.booking_confirmed_at) {
			return badRequest([{ code: 'invalid_state', expected: 'a non-confirmed appointment', path: ['booking_confirmed_at'] }]);
		}
		if (!appointment.reserved_until || Date.parse(appointment.reserved_until) <= Date.now()) {
			return badRequest([{ code: 'reservation_expired', expected: 'a reservation that has not expired', path: ['reserved_until'] }]);
		}
		return undefined;
	}

	/** Moves an appointment in `state` to the body's time and practitioner, if free (or the check is suppressed). */
	private moveAppointment(id: string, body: Body, state: 'reserved' | 'confirmed'): SandboxResponse {
		const appointment = this.sim.appointments.get(id);
		if (!appointment) return notFound('Appointment not found');
		const invalid = checkTiming(body);
		if (invalid) return invalid;
		const refused = this.refuseUnless(appointment, state);
		if (refused) return refused;
		if (state === 'confirmed' && !appointment.can_be_rescheduled) {
			return badRequest([{ code: 'invalid_state', expected: 'an appointment that can be rescheduled', path: ['can_be_rescheduled'] }]);
		}
		const wanted = body as { practitioner_id: string; start_time: string; duration: number };
		if (!body.suppress_availability_check && !this.slotFree(wanted, appointment.location_id, appointment.appointment_type_id, appointment.id)) {
			return badRequest([{ code: 'slot_unavailable', expected: 'an available slot', path: ['start_time'] }]);
		}
		appointment.start_time = new Date(wanted.start_time).toISOString();
		appointment.duration = wanted.duration;
		appointment.practitioner_id = wanted.practitioner_id;
		if (typeof body.suppress_mail === 'boolean') appointment.suppress_mail = body.suppress_mail;
		if (state === 'confirmed') void this.sim.emit('appointment.rescheduled', appointment.id);
		return json(200, appointment);
	}

	/** The slots no live appointment (confirmed, or reserved and not expired) takes. */
	freeSlots(exceptAppointmentId?: string): HeroSlot[] {
		const now = Date.now();
		const live = [...this.sim.appointments.values()].filter(
			(appointment) =>
				appointment.id !== exceptAppointmentId &&
				!this.sim.cancelled.has(appointment.id) &&
				appointment.start_time !== null &&
				(appointment.booking_confirmed_at !== null ||
					(appointment.reserved_until !== null && Date.parse(appointment.reserved_until) > now)),
		);
		return this.sim.slots.filter(
			(slot) =>
				!live.some((appointment) => {
					const start = Date.parse(appointment.start_time!);
					const end = start + appointment.duration * 60_000;
					return (
						appointment.practitioner_id === slot.practitioner_id &&
						start < Date.parse(slot.finish_time) &&
						end > Date.parse(slot.start_time)
					);
				}),
		);
	}

	private slotFree(
		wanted: { practitioner_id: string; start_time: string },
		locationId: string,
		typeId: string,
		exceptAppointmentId?: string,
	): boolean {
		const start = Date.parse(wanted.start_time);
		return this.freeSlots(exceptAppointmentId).some(
			(slot) =>
				slot.practitioner_id === wanted.practitioner_id &&
				slot.location_id === locationId &&
				slot.appointment_type_id === typeId &&
				Date.parse(slot.start_time) === start,
		);
	}

	/** Free slots matching the query's filters, or Hero's 400 for bad filters. */
	private filteredSlots(request: SandboxRequest): HeroSlot[] | SandboxResponse {
		const query = (name: string) => request.query.get(name) ?? undefined;
		const startDate = query('start_date');
		const endDate = query('end_date');
		const issues = [];
		for (const [name, value] of [['start_date', startDate], ['end_date', endDate]] as const) {
			if (value !== undefined && !isIsoDate(value) && !isIsoDateTime(value)) {
				issues.push({ code: 'invalid_string', expected: 'ISO date', path: [name] });
			}
		}
		if (issues.length > 0) return badRequest(issues);
		const from = startDate === undefined ? -Infinity : Date.parse(isIsoDate(startDate) ? `${startDate}T00:00:00Z` : startDate);
		const to =
			endDate === undefined ? Infinity : isIsoDate(endDate) ? Date.parse(`${endDate}T00:00:00Z`) + 86_400_000 - 1 : Date.parse(endDate);
		if (from > to) return badRequest([{ code: 'custom', expected: 'end_date on or after start_date', path: ['end_date'] }]);

		const filters = { appointment_type_id: query('appointment_type_id'), location_id: query('location_id'), practitioner_id: query('practitioner_id') };
		return this.freeSlots().filter((slot) => {
			const start = Date.parse(slot.start_time);
			return (
				start >= from &&
				start <= to &&
				Object.entries(filters).every(([key, value]) => value === undefined || slot[key as keyof HeroSlot] === value)
			);
		});
	}
}

function checkTiming(body: Body): SandboxResponse | undefined {
	const check = new Checker(body);
	check.dateTime('start_time');
	check.number('duration', { min: 1 });
	check.string('practitioner_id');
	check.boolean('suppress_mail');
	check.boolean('suppress_availability_check');
	return check.answer();
}
