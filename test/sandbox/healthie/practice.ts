/**
 * A small Healthie organisation for the simulation: one provider (the API key's user), two
 * patients and one record of every type the nodes read (docs/vendors/healthie.md#reading-records fields). Records are kept
 * denormalised (nested objects copied in), as GraphQL returns them.
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

function user(id: string, first: string, last: string, email: string, extra: Record<string, unknown> = {}): HealthieRecord {
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

export function seedRecords(): RecordStore {
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
			user(PROVIDER_ID, 'Jordan', 'Reyes', provider.email, { dietitian_id: null }),
			user('1001', 'Ada', 'Lovelace', ada.email),
			user('1002', 'Zoë', 'Ångström', zoe.email),
		]),
		Appointment: store([
			appointment('3001'),
			appointment('3002', { deleted_at: '2026-02-02 08:00:00 -0500', pm_status: 'Cancelled' }),
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
