/**
 * A small in-memory audiology organisation for the HearLink simulation: the lookups HearLink
 * resolves names and IDs against (clinics, lead types, workflow statuses, appointment types,
 * users) and a few records to read. Shapes follow docs/vendors/hearlink.md#events.
 */

export interface Named {
	uid: string;
	name: string;
}

export interface WorkflowStatus extends Named {
	subStatuses: Named[];
}

export interface Organisation {
	/** HearLink reads appointment dates and times in the organisation's configured time zone. */
	timeZone: string;
	clinics: Named[];
	referrals: Named[];
	statuses: WorkflowStatus[];
	appointmentTypes: Named[];
	users: Array<{ uid: string; fullName: string }>;
}

export type HearLinkRecord = Record<string, unknown> & { uid: string };

export const SEED = {
	clinicManchester: 'a5f1b2c3-1111-4a7e-8c00-000000000001',
	clinicLeeds: 'a5f1b2c3-1111-4a7e-8c00-000000000002',
	referralFacebook: 'c0ffee00-2222-4b1c-9d00-000000000001',
	referralGp: 'c0ffee00-2222-4b1c-9d00-000000000002',
	statusPatientCreated: 'status-patient-created',
	subStatusAwaitingCall: 'awaiting-call',
	appointmentTypeHearingTest: '2a5f9a91-3333-4c2d-8e00-000000000001',
	userAudiologist: 'c79f61b0-4444-4d3e-9f00-000000000001',
	patient: '8d1e3d17-0b5c-4f5e-9a4e-2f7c1b2a9c10',
	appointment: '5e6f7a8b-5555-4e4f-8a00-000000000001',
	invoice: '9a8b7c6d-6666-4f50-9b00-000000000001',
} as const;

export function seedOrganisation(): Organisation {
	return {
		timeZone: 'Europe/London',
		clinics: [
			{ uid: SEED.clinicManchester, name: 'Manchester' },
			{ uid: SEED.clinicLeeds, name: 'Leeds' },
		],
		referrals: [
			{ uid: SEED.referralFacebook, name: 'Facebook' },
			{ uid: SEED.referralGp, name: 'GP Referral' },
			{ uid: 'c0ffee00-2222-4b1c-9d00-000000000003', name: 'Google Ads' },
			{ uid: 'c0ffee00-2222-4b1c-9d00-000000000004', name: 'Website' },
		],
		statuses: [
			{
				uid: SEED.statusPatientCreated,
				name: 'Patient Created',
				subStatuses: [
					{ uid: SEED.subStatusAwaitingCall, name: 'Awaiting Call' },
					{ uid: 'called', name: 'Called' },
				],
			},
			{ uid: 'status-appointment-booked', name: 'Appointment Booked', subStatuses: [] },
		],
		appointmentTypes: [
			{ uid: SEED.appointmentTypeHearingTest, name: 'Hearing Test' },
			{ uid: '2a5f9a91-3333-4c2d-8e00-000000000002', name: 'Hearing Aid Fitting' },
		],
		users: [{ uid: SEED.userAudiologist, fullName: 'Priya Shah' }],
	};
}

const BY_API = { uid: 'api', fullName: 'API' };

export function actionTimestamp(at = new Date().toISOString()) {
	return { at, by: BY_API };
}

export function seedPatients(): Map<string, HearLinkRecord> {
	const stamp = actionTimestamp('2026-01-05T10:00:00.000Z');
	return new Map([
		[
			SEED.patient,
			{
				uid: SEED.patient,
				fullName: 'Margaret Hughes',
				title: 'Mrs',
				phoneNumber: '07700900123',
				emailAddress: 'margaret.hughes@example.org',
				dob: '1948-03-14T00:00:00.000Z',
				referral: SEED.referralGp,
				primaryClinic: SEED.clinicManchester,
				address: { line1: '12 Oak Street', city: 'Manchester', postcode: 'M1 2AB', country: 'United Kingdom' },
				status: { status: SEED.statusPatientCreated, subStatus: SEED.subStatusAwaitingCall, updated: stamp },
				state: 'Active',
				tracking: { provider: 'gp' },
				created: stamp,
				updated: stamp,
			},
		],
	]);
}

export function seedAppointments(): Map<string, HearLinkRecord> {
	const stamp = actionTimestamp('2026-01-06T09:00:00.000Z');
	return new Map([
		[
			SEED.appointment,
			{
				uid: SEED.appointment,
				type: SEED.appointmentTypeHearingTest,
				clinic: SEED.clinicManchester,
				location: 'clinic',
				assignee: { uid: SEED.userAudiologist, fullName: 'Priya Shah' },
				startDateTime: '2026-02-02T09:00:00.000Z',
				endDateTime: '2026-02-02T09:45:00.000Z',
				patient: { uid: SEED.patient, fullName: 'Margaret Hughes' },
				confirmed: true,
				cancelled: false,
				arrived: false,
				noShow: false,
				sendConfirmation: true,
				created: stamp,
				updated: stamp,
			},
		],
	]);
}

export function seedInvoices(): Map<string, HearLinkRecord> {
	const stamp = actionTimestamp('2026-02-02T10:00:00.000Z');
	return new Map([
		[
			SEED.invoice,
			{
				uid: SEED.invoice,
				type: 'invoice',
				orderDate: '2026-02-02T10:00:00.000Z',
				orderNumber: 'INV-0001',
				audiologist: 'Priya Shah',
				patient: { uid: SEED.patient, fullName: 'Margaret Hughes' },
				status: 'paid',
				subtotal: 1250,
				vat: 0,
				discount: 0,
				total: 1250,
				clinic: SEED.clinicManchester,
				linkedAppointment: { uid: SEED.appointment, typeUid: SEED.appointmentTypeHearingTest, clinic: SEED.clinicManchester },
				created: stamp,
				updated: stamp,
			},
		],
	]);
}

/**
 * The instant of a wall-clock `date` (`YYYY-MM-DD`) and `time` (`HH:mm`) in `timeZone`, as an ISO
 * string in UTC (how HearLink's records carry `startDateTime`). Written for the sandbox on its
 * own, from the platform's time-zone data, so that it checks the node's conversion rather than
 * repeating it.
 */
export function instantOf(date: string, time: string, timeZone: string): string {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const offsetAt = (instant: number) => {
		const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })
			.formatToParts(new Date(instant))
			.find((part) => part.type === 'timeZoneName')?.value;
		const found = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
		return found ? (found[1] === '-' ? -1 : 1) * (Number(found[2]) * 60 + Number(found[3])) * 60_000 : 0;
	};
	const guess = wall - offsetAt(wall);
	return new Date(wall - offsetAt(guess)).toISOString();
}
