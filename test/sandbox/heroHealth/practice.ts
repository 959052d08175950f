/**
 * A tiny in-memory practice for the Hero Health simulation: the records the API returns by id.
 * Shapes follow docs/vendors/hero-health.md#booking; docs/vendors/hero-health.md#patients.
 */

export interface HeroAppointment {
	id: string;
	patient_id: string | null;
	practitioner_id: string;
	location_id: string;
	appointment_type_id: string;
	duration: number;
	start_time: string | null;
	video: boolean;
	in_person: boolean;
	telephone: boolean;
	link_id: string | null;
	reserved_until: string | null;
	booking_confirmed_at: string | null;
	can_be_cancelled: boolean;
	can_be_rescheduled: boolean;
	cancellation_policy_hours: number;
	suppress_mail: boolean;
}

export interface HeroPatient {
	id: string;
	title: string;
	first_name: string;
	last_name: string;
	dob: string;
	nhs_number: string;
	email: string;
	mobile: string;
	postcode: string;
}

export function seedPatients(): Map<string, HeroPatient> {
	return new Map(
		[
			{
				id: '501',
				title: 'Ms',
				first_name: 'Ada',
				last_name: 'Lovelace',
				dob: '1985-12-10T00:00:00.000Z',
				nhs_number: '9434765919',
				email: 'ada@example.org',
				mobile: '+447700900501',
				postcode: 'LS1 4AP',
			},
			{
				id: '502',
				title: 'Mr',
				first_name: 'Alan',
				last_name: 'Turing',
				dob: '1972-06-23T00:00:00.000Z',
				nhs_number: '9434765870',
				email: 'alan@example.org',
				mobile: '+447700900502',
				postcode: 'M1 1AE',
			},
		].map((patient) => [patient.id, patient]),
	);
}

export function seedAppointments(): Map<string, HeroAppointment> {
	const appointment = (id: string, patientId: string, start: string): HeroAppointment => ({
		id,
		patient_id: patientId,
		practitioner_id: '31',
		location_id: '5',
		appointment_type_id: '1',
		duration: 15,
		start_time: start,
		video: false,
		in_person: true,
		telephone: false,
		link_id: null,
		reserved_until: null,
		booking_confirmed_at: '2026-11-20T10:00:00.000Z',
		can_be_cancelled: true,
		can_be_rescheduled: true,
		cancellation_policy_hours: 24,
		suppress_mail: false,
	});
	return new Map(
		[
			appointment('1001', '501', '2026-12-01T09:00:00.000Z'),
			appointment('1002', '502', '2026-12-01T09:15:00.000Z'),
		].map((a) => [a.id, a]),
	);
}

/** Appointment types (docs/vendors/hero-health.md#booking); `slot_count`/`next_available_at` are computed on read. */
export interface HeroAppointmentType {
	id: string;
	name: string;
	partner_slot_name: string | null;
	price: number;
	sector: 'nhs' | 'paid';
	duration: number;
	video: boolean;
	in_person: boolean;
	telephone: boolean;
	use_partner_bookable_slots: boolean;
	admin_booking_invoice_required: boolean;
	form_id: string | null;
	practitioner_type: string;
}

export interface HeroLocation {
	id: string;
	name: string;
	postcode: string;
}

export interface HeroPractitioner {
	id: string;
	name: string;
	practitioner_type: string;
}

/** A slot (docs/vendors/hero-health.md#booking). */
export interface HeroSlot {
	id: string;
	practitioner_id: string;
	appointment_type_id: string;
	location_id: string;
	start_time: string;
	finish_time: string;
}

/** Someone the NHS Spine knows; `heroPatientId` when Hero already has them. */
export interface PdsPerson {
	nhs_number: string;
	forename: string;
	surname: string;
	dob: string;
	postcode: string;
	heroPatientId?: string;
	/** PDS registration answers "Patient must verify their identity" with a login URL. */
	mustVerifyIdentity?: boolean;
}

export const APPOINTMENT_TYPES: HeroAppointmentType[] = [
	appointmentType('1', 'GP appointment', 10, 'GP', { in_person: true }),
	appointmentType('2', 'Nurse appointment', 15, 'Nurse', { in_person: true }),
	appointmentType('3', 'Telephone consultation', 10, 'GP', { telephone: true }),
	appointmentType('4', 'Minor surgery', 30, 'GP', { in_person: true }),
];

export const LOCATIONS: HeroLocation[] = [
	{ id: '5', name: 'Leeds Road Surgery', postcode: 'LS1 4AP' },
	{ id: '6', name: 'Park Lane Branch', postcode: 'LS6 2QB' },
];

export const PRACTITIONERS: HeroPractitioner[] = [
	{ id: '31', name: 'Dr Rosalind Franklin', practitioner_type: 'GP' },
	{ id: '32', name: 'Nurse Mary Seacole', practitioner_type: 'Nurse' },
];

/**
 * The Spine: Ada and Alan are Hero patients 501 and 502 already; Grace is on PDS only (registering
 * creates her Hero record); Edith must verify her identity first. NHS numbers are valid (mod 11).
 */
export function seedPds(): PdsPerson[] {
	return [
		{ nhs_number: '9434765919', forename: 'Ada', surname: 'Lovelace', dob: '1985-12-10', postcode: 'LS1 4AP', heroPatientId: '501' },
		{ nhs_number: '9434765870', forename: 'Alan', surname: 'Turing', dob: '1972-06-23', postcode: 'M1 1AE', heroPatientId: '502' },
		{ nhs_number: '9990000018', forename: 'Grace', surname: 'Hopper', dob: '1990-12-09', postcode: 'LS6 2QB' },
		{ nhs_number: '9990000026', forename: 'Edith', surname: 'Cavell', dob: '1965-12-04', postcode: 'LS2 9JT', mustVerifyIdentity: true },
	];
}

/**
 * Slots on five weekdays from `firstDay` (a `YYYY-MM-DD`, UTC): per day 12 GP slots (type 1,
 * practitioner 31, location 5, 09:00–11:00), 4 + 4 nurse slots (type 2, practitioner 32, location 5
 * 09:00–10:00 and location 6 14:00–15:00) and 6 telephone slots (type 3, practitioner 31, location
 * 5, 14:00–15:00): 130 slots, ids from 7001. Type 4 has none.
 */
export function seedSlots(firstDay: string): HeroSlot[] {
	const sessions = [
		{ type: '1', practitioner: '31', location: '5', from: '09:00', count: 12, minutes: 10 },
		{ type: '2', practitioner: '32', location: '5', from: '09:00', count: 4, minutes: 15 },
		{ type: '2', practitioner: '32', location: '6', from: '14:00', count: 4, minutes: 15 },
		{ type: '3', practitioner: '31', location: '5', from: '14:00', count: 6, minutes: 10 },
	];
	const slots: HeroSlot[] = [];
	let nextId = 7001;
	for (let day = 0; day < 5; day++) {
		const date = new Date(Date.parse(`${firstDay}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
		for (const session of sessions) {
			for (let n = 0; n < session.count; n++) {
				const start = Date.parse(`${date}T${session.from}:00Z`) + n * session.minutes * 60_000;
				slots.push({
					id: String(nextId++),
					practitioner_id: session.practitioner,
					appointment_type_id: session.type,
					location_id: session.location,
					start_time: new Date(start).toISOString(),
					finish_time: new Date(start + session.minutes * 60_000).toISOString(),
				});
			}
		}
	}
	return slots.sort((a, b) => a.start_time.localeCompare(b.start_time) || Number(a.id) - Number(b.id));
}

/** The Monday after `now` (UTC), as `YYYY-MM-DD`: the default first day of the slot calendar. */
export function nextMonday(now = new Date()): string {
	const daysAhead = ((8 - now.getUTCDay()) % 7) || 7;
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysAhead))
		.toISOString()
		.slice(0, 10);
}

function appointmentType(
	id: string,
	name: string,
	duration: number,
	practitionerType: string,
	mode: { in_person?: boolean; telephone?: boolean },
): HeroAppointmentType {
	return {
		id,
		name,
		partner_slot_name: null,
		price: 0,
		sector: 'nhs',
		duration,
		video: false,
		in_person: mode.in_person ?? false,
		telephone: mode.telephone ?? false,
		use_partner_bookable_slots: false,
		admin_booking_invoice_required: false,
		form_id: null,
		practitioner_type: practitionerType,
	};
}
