/**
 * A small Healthie organisation for the simulation: one provider (the API key's user), two
 * patients, two appointment types and one record of every type the nodes read
 * (docs/vendors/healthie.md#reading-records fields). Records are kept denormalised (nested objects
 * copied in), as GraphQL returns them. Organisation members (providers, staff) are `User`s marked
 * `_member` (not a schema field): `users` lists patients, `organizationMembers` the members.
 * `populate()` adds a larger practice (many patients, providers, types, upcoming appointments and
 * filled-out forms) for paging through lists.
 */

export type HealthieRecord = Record<string, unknown> & { id: string };
export type RecordStore = Record<string, Map<string, HealthieRecord>>;

export const PROVIDER_ID = '100';

const provider = {
	id: PROVIDER_ID,
	first_name: 'Jordan',
	last_name: 'Reyes',
	full_name: 'Jordan Reyes',
	email: 'jordan.reyes@sandbox-clinic.example',
};
const ada = { id: '1001', full_name: 'Ada Lovelace', email: 'ada@example.org', dietitian_id: PROVIDER_ID };
const zoe = { id: '1002', full_name: 'Zoë Ångström', email: 'zoe@example.org', dietitian_id: PROVIDER_ID };

export function user(id: string, first: string, last: string, email: string, extra: Record<string, unknown> = {}): HealthieRecord {
	return {
		id,
		first_name: first,
		last_name: last,
		legal_name: null,
		full_name: `${first} ${last}`,
		email,
		phone_number: '+15555550100',
		dob: '1985-12-10',
		gender: 'Female',
		sex: 'Female',
		timezone: 'America/New_York',
		active: true,
		created_at: '2026-01-05 10:00:00 -0500',
		updated_at: '2026-02-01 09:00:00 -0500',
		dietitian_id: PROVIDER_ID,
		user_group_id: '7',
		record_identifier: `MRN-${id}`,
		additional_record_identifier: null,
		next_appt_date: '2026-03-01 09:30:00 -0500',
		quick_notes: null,
		metadata: null,
		user_group: { id: '7', name: 'New patients' },
		active_tags: [{ id: '55', name: 'Intake pending' }],
		locations: [{ id: '88', line1: '1 Main St', line2: null, city: 'Springfield', state: 'IL', zip: '62701', country: 'US' }],
		...extra,
	};
}

/** The practice as it starts: `now` places two upcoming appointments a week and two weeks ahead, 10:00 New York time. */
export function seedRecords(now = Date.now()): RecordStore {
	const store = (records: HealthieRecord[]) => new Map(records.map((record) => [record.id, record]));
	const appointment = (id: string, extra: Record<string, unknown> = {}): HealthieRecord => ({
		id,
		date: '2026-03-01 09:30:00 -0500',
		length: 30,
		contact_type: 'Healthie Video Call',
		pm_status: null,
		location: null,
		notes: null,
		metadata: null,
		external_videochat_url: null,
		zoom_join_url: null,
		is_group: false,
		confirmed: true,
		created_at: '2026-02-01 09:00:00 -0500',
		updated_at: '2026-02-01 09:00:00 -0500',
		deleted_at: null,
		timezone_abbr: 'EST',
		appointment_type: { id: '12', name: 'Initial consultation', length: 30 },
		provider,
		user: ada,
		attendees: [ada],
		...extra,
	});
	return {
		User: store([
			user(PROVIDER_ID, 'Jordan', 'Reyes', provider.email, { dietitian_id: null, _member: true }),
			user('1001', 'Ada', 'Lovelace', ada.email),
			user('1002', 'Zoë', 'Ångström', zoe.email),
		]),
		AppointmentType: store([
			{ id: '12', name: 'Initial consultation', length: 30, available_contact_types: ['Healthie Video Call', 'In Person', 'Phone Call'], is_group: false, clients_can_book: true, position: 1 },
			{ id: '13', name: 'Follow-up visit', length: 15, available_contact_types: ['Healthie Video Call', 'Phone Call'], is_group: false, clients_can_book: true, position: 2 },
		]),
		Appointment: store([
			appointment('3001'),
			appointment('3002', { deleted_at: '2026-02-02 08:00:00 -0500', pm_status: 'Cancelled' }),
			...[7, 14].map((days, index) => {
				const start = new Date(now + days * DAY);
				start.setUTCHours(15, 0, 0, 0);
				const date = healthieDate(start.getTime());
				const patient = index === 0 ? ada : zoe;
				return appointment(String(3003 + index), {
					date,
					timezone_abbr: date.endsWith('-0400') ? 'EDT' : 'EST',
					appointment_type: { id: '13', name: 'Follow-up visit', length: 15 },
					length: 15,
					user: patient,
					attendees: [patient],
				});
			}),
		]),
		FormAnswerGroup: store([
			{
				id: '4001',
				name: 'New patient intake',
				finished: true,
				created_at: '2026-02-03 11:00:00 -0500',
				updated_at: '2026-02-03 11:00:00 -0500',
				locked_at: null,
				deleted_at: null,
				metadata: null,
				external_id: null,
				user: ada,
				filler: ada,
				custom_module_form: { id: '21', name: 'New patient intake' },
				appointment: { id: '3001' },
				form_answers: [
					{ id: '90001', label: 'Reason for visit', answer: 'Knee pain', displayed_answer: 'Knee pain', custom_module_id: '301' },
					{ id: '90002', label: 'Allergies', answer: 'Penicillin', displayed_answer: 'Penicillin', custom_module_id: '302' },
				],
			},
		]),
		Note: store([
			{
				id: '5001',
				content: 'Can I move my appointment?',
				created_at: '2026-02-04 08:00:00 -0500',
				updated_at: '2026-02-04 08:00:00 -0500',
				user_id: '1001',
				conversation_id: '600',
				recipient_id: PROVIDER_ID,
				document_id: null,
				attached_image_url: null,
				is_autoresponse: false,
				creator: ada,
			},
		]),
		Task: store([
			{
				id: '6001',
				content: 'Call Ada about her intake form',
				complete: false,
				completed_at: null,
				completed_by_id: null,
				client_id: '1001',
				user_id: PROVIDER_ID,
				due_date: '2026-02-10',
				priority: 1,
				created_at: '2026-02-04 08:00:00 -0500',
				updated_at: '2026-02-04 08:00:00 -0500',
				created_by_id: PROVIDER_ID,
				client: ada,
			},
		]),
		Entry: store([
			{
				id: '7001',
				type: 'MetricEntry',
				category: 'Weight',
				description: null,
				metric_stat: 71.5,
				created_at: '2026-02-05 07:00:00 -0500',
				updated_at: '2026-02-05 07:00:00 -0500',
				name: null,
				poster: ada,
			},
		]),
		AppliedTag: store([
			{ id: '8001', tag_id: '55', user_id: '1001', created_at: '2026-02-01', updated_at: '2026-02-01', tag: { id: '55', name: 'Intake pending' } },
		]),
		RequestedFormCompletion: store([
			{
				id: '8101',
				status: 'incomplete',
				item_type: 'CustomModuleForm',
				recipient_id: '1001',
				custom_module_form_id: '21',
				form_answer_group_id: null,
				custom_module_form: { id: '21', name: 'New patient intake' },
				recipient: ada,
				sender: provider,
			},
		]),
		Document: store([
			{
				id: '8201',
				display_name: 'Referral letter.pdf',
				file_content_type: 'application/pdf',
				description: 'From Dr. Smith',
				extension: 'pdf',
				rel_user_id: '1001',
				expiring_url: 'https://files.sandbox.example/8201?expires=1',
				updated_at: '2026-02-06',
				owner: provider,
			},
		]),
		Goal: store([
			{ id: '8301', name: 'Walk 30 minutes a day', description: null, user_id: '1001', repeat: 'Daily', due_date: null, start_on: '2026-02-01', parent_id: null, created_at: '2026-02-01' },
		]),
		LabOrder: store([
			{ id: '8401', status: 'Sent', normalized_status: 'sent', test_date: '2026-02-08', created_at: '2026-02-07', updated_at: '2026-02-07', lab: 'Quest', lab_company: 'Quest Diagnostics', patient: ada, orderer: provider },
		]),
		BillingItem: store([
			{ id: '8501', amount_paid: '120.0', state: 'succeeded', note: null, currency: 'usd', is_recurring: false, failure_reason: null, sender_id: '1001', recipient_id: PROVIDER_ID, created_at: '2026-02-09', updated_at: '2026-02-09', requested_payment: { id: '8601' } },
		]),
		RequestedPayment: store([
			{ id: '8601', status: 'Paid', price: '120.0', balance_due: '0.0', paid_at: '2026-02-09', invoice_id: 'INV-8601', recipient_id: '1001', currency: 'usd', notes: null, sender: provider },
		]),
		CarePlan: store([
			{ id: '8701', name: 'Knee rehab', description: null, is_active: true, is_template: false, created_at: '2026-02-01', updated_at: '2026-02-01', patient: ada, user_group: null },
		]),
		Policy: store([
			{ id: '8801', name: 'Aetna PPO', num: 'W123456789', group_num: 'G-1', priority_type: 'Primary', holder_relationship: 'Self', user_id: '1001', effective_start: '2026-01-01', effective_end: null, insurance_plan: { id: '33' } },
		]),
		Comment: store([
			{ id: '8901', content: 'Great progress!', created_at: '2026-02-05', user_id: PROVIDER_ID, entry_id: '7001', poster: provider },
		]),
		Medication: store([
			{ id: '9001', name: 'Ibuprofen', active: true, directions: 'With food', dosage: '200 mg', frequency: 'Twice a day', route: 'Oral', code: null, start_date: '2026-02-01', end_date: null, comment: null, user_id: '1001', created_at: '2026-02-01', updated_at: '2026-02-01' },
		]),
		ConversationMembership: store([
			{ id: '9101', conversation_id: '600', user_id: '1001', viewed: true, archived: false, display_name: 'Ada Lovelace', created_at: '2026-02-04', updated_at: '2026-02-04' },
		]),
		InsuranceAuthorization: store([
			{ id: '9201', authorization_number: 'AUTH-1', start_on: '2026-01-01', end_on: '2026-12-31', units_authorized: 12, units_used: 2, units_left: 10, visits_authorized: 12, visits_left: 10, user_id: '1001' },
		]),
	};
}

/** `resource_id_type` per event resource (docs/vendors/healthie.md#reading-records); others are the resource in PascalCase. */
export const RESOURCE_TYPES: Record<string, string> = {
	patient: 'User',
	message: 'Note',
	metric_entry: 'Entry',
	test: 'Test',
	medication: 'Medication',
};

export function resourceTypeOf(eventType: string): string {
	const resource = eventType.split('.')[0];
	return (
		RESOURCE_TYPES[resource] ??
		resource
			.split('_')
			.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
			.join('')
	);
}

const FIRST_NAMES = ['Amara', 'Ben', 'Chloé', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Mei', 'Noor', 'Owen'];
const LAST_NAMES = ['Okafor', 'Schmidt', 'Dubois', 'Patel', 'Rossi', 'Haddad', 'Nakamura', 'García', 'Berg', 'Adeyemi', 'Walsh', 'Chen', 'Khan', 'Price'];
const FORMS = [
	{ id: '21', name: 'New patient intake' },
	{ id: '22', name: 'Health history' },
];
const DAY = 86_400_000;

/** "2031-01-06 09:00:00 -0500": how Healthie writes a date-time, in the key user's zone (America/New_York). */
export function healthieDate(instantMs: number, timeZone = 'America/New_York'): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			timeZoneName: 'longOffset',
		})
			.formatToParts(new Date(instantMs))
			.map((part) => [part.type, part.value]),
	);
	const offset = (parts.timeZoneName as string).replace('GMT', '').replace(':', '') || '+0000';
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

/** The instant of a date-time as Healthie writes it ("2026-03-01 09:30:00 -0500") or as ISO 8601. */
export function instantOf(value: unknown): number {
	if (typeof value !== 'string') return Number.NaN;
	const written = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(value.trim());
	return Date.parse(written ? `${written[1]}T${written[2]}${written[3]}:${written[4]}` : value);
}

/**
 * Adds `count` generated patients, providers, appointment types, upcoming appointments (one a
 * day from tomorrow, 09:00 New York time) and filled-out forms to `records`, with distinct names.
 */
export function populate(records: RecordStore, count: number, now: number): void {
	const person = (index: number) => ({
		first: FIRST_NAMES[index % FIRST_NAMES.length],
		last: `${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]}-${String(index + 1).padStart(2, '0')}`,
	});
	for (let index = 0; index < count; index++) {
		const patient = person(index);
		const patientId = String(1100 + index);
		records.User.set(
			patientId,
			user(patientId, patient.first, patient.last, `patient${index + 1}@example.org`, {
				dob: `19${String(50 + (index % 50)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`,
				record_identifier: `MRN-${patientId}`,
			}),
		);
		const member = person(index + 7);
		const providerId = String(200 + index);
		records.User.set(
			providerId,
			user(providerId, member.first, `${member.last}`, `provider${index + 1}@sandbox-clinic.example`, { dietitian_id: null, _member: true }),
		);
		const typeId = String(500 + index);
		records.AppointmentType.set(typeId, {
			id: typeId,
			name: `Session type ${String(index + 1).padStart(2, '0')}`,
			length: 15 + 5 * (index % 10),
			available_contact_types: ['Healthie Video Call', 'Phone Call'],
			is_group: false,
			clients_can_book: index % 2 === 0,
			position: 10 + index,
		});
		const start = new Date(now + (index + 1) * DAY);
		start.setUTCHours(14, 0, 0, 0);
		const appointmentId = String(3500 + index);
		const shortPatient = { id: patientId, full_name: `${patient.first} ${patient.last}`, email: `patient${index + 1}@example.org` };
		records.Appointment.set(appointmentId, {
			id: appointmentId,
			date: healthieDate(start.getTime()),
			length: 30,
			contact_type: 'Healthie Video Call',
			pm_status: null,
			location: null,
			notes: null,
			metadata: null,
			external_videochat_url: null,
			zoom_join_url: null,
			is_group: false,
			confirmed: true,
			created_at: healthieDate(now),
			updated_at: healthieDate(now),
			deleted_at: null,
			timezone_abbr: healthieDate(start.getTime()).endsWith('-0400') ? 'EDT' : 'EST',
			appointment_type: { id: '12', name: 'Initial consultation', length: 30 },
			provider: { id: PROVIDER_ID, full_name: 'Jordan Reyes', email: 'jordan.reyes@sandbox-clinic.example' },
			user: shortPatient,
			attendees: [shortPatient],
		});
		const form = FORMS[index % FORMS.length];
		const groupId = String(4100 + index);
		records.FormAnswerGroup.set(groupId, {
			id: groupId,
			name: form.name,
			finished: true,
			created_at: healthieDate(now - (index + 1) * DAY),
			updated_at: healthieDate(now - (index + 1) * DAY),
			locked_at: null,
			deleted_at: null,
			metadata: null,
			external_id: null,
			user: shortPatient,
			filler: shortPatient,
			custom_module_form: form,
			appointment: null,
			form_answers: [{ id: `9${groupId}`, label: 'Reason for visit', answer: 'Check-up', displayed_answer: 'Check-up', custom_module_id: '301' }],
		});
	}
}

/**
 * A wall-clock date-time without an offset ("2026-03-02 09:30:00", "2026-03-02T09:30") read in
 * `timeZone`, as Healthie reads one in the key user's zone: the instant, or NaN.
 */
export function wallClockIn(value: string, timeZone: string): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(value.trim());
	if (!match) return Number.NaN;
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const offsetAt = (instant: number) => {
		const written = healthieDate(instant, timeZone);
		const sign = written.endsWith('+0000') ? 1 : written.slice(-5, -4) === '-' ? -1 : 1;
		return sign * (Number(written.slice(-4, -2)) * 60 + Number(written.slice(-2))) * 60_000;
	};
	const first = asUtc - offsetAt(asUtc);
	return asUtc - offsetAt(first);
}
