/**
 * A tiny in-memory practice for the Hero Health simulation: the records the API returns by id.
 * Shapes follow hero-health.md §5 (appointment §5.3.6, patient §5.2.2).
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
