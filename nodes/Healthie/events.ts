import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Every webhook event Healthie offers (docs/vendors/healthie.md#event-catalogue (the 179 values of WebhookEventType, release 2026-01-01): the `WebhookEventType` enum of
 * 2026-01-01, 179 values), by resource. The trigger speaks the dotted names Healthie delivers in
 * `event_type`; API versions from 2025-04-01 on take the enum name (`appointment.created` →
 * `APPOINTMENT_CREATED`) when registering, the baseline takes the dotted name.
 */
const CATALOGUE: Record<string, string[]> = {
	accepted_insurance_plan: ['created', 'deleted'],
	allergy_sensitivity: ['created', 'deleted', 'updated'],
	applied_tag: ['created', 'deleted'],
	appointment: [
		'created',
		'deleted',
		'participant_joined',
		'participant_left',
		'patient_added',
		'patient_removed',
		'recording_completed',
		'recording_started',
		'recording_stopped',
		'transcript_available',
		'transcript_failed',
		'transcript_started',
		'updated',
	],
	appointment_form_answer_group_connection: ['created', 'deleted', 'updated'],
	availability: ['created', 'deleted', 'updated'],
	billing_item: ['created', 'deleted', 'updated'],
	care_plan: ['activated', 'created', 'deactivated', 'deleted', 'updated'],
	charge_back: ['created', 'deleted', 'updated'],
	charting_note_addendum: ['created', 'deleted', 'updated'],
	claim_submission: ['created', 'deleted', 'updated'],
	cms1500: ['created', 'deleted', 'updated'],
	comment: ['created', 'deleted', 'updated'],
	completed_onboarding_item: ['created', 'deleted', 'updated'],
	conversation: ['created', 'updated'],
	conversation_membership: ['created', 'deleted', 'viewed'],
	course_membership: ['created', 'deleted', 'updated'],
	custom_module: ['created', 'deleted', 'updated'],
	custom_module_form: ['created', 'deleted', 'updated'],
	diagnosis: ['created', 'deleted', 'updated'],
	document: ['created', 'deleted', 'updated'],
	dosespot_notification: ['created'],
	entry: ['created', 'deleted', 'updated'],
	external_calendar: ['authorization_error'],
	family_history_condition: ['created', 'deleted', 'updated'],
	feature_toggle: ['created', 'deleted', 'updated'],
	folder_sharing: ['created', 'deleted'],
	form_answer_group: ['created', 'deleted', 'locked', 'signed', 'unlocked'],
	generated_form_answer_group: ['converted', 'created', 'deleted', 'rejected', 'updated'],
	goal: ['created', 'deleted', 'updated'],
	goal_history: ['created', 'deleted'],
	goal_template: ['created', 'deleted', 'updated'],
	insurance_authorization: ['created', 'deleted', 'updated'],
	lab_order: ['created', 'updated'],
	lab_result: ['created', 'updated'],
	location: ['created', 'deleted', 'updated'],
	medication: ['created', 'deleted', 'updated'],
	message: ['created', 'deleted'],
	metric_entry: ['created', 'deleted', 'updated'],
	notification_contact: ['created', 'deleted', 'updated'],
	notification_setting: ['created', 'deleted', 'updated'],
	organization_info: ['created', 'deleted', 'updated'],
	organization_member: ['updated'],
	organization_membership: ['created', 'updated'],
	other_id_number: ['created', 'deleted', 'updated'],
	patient: ['created', 'merged', 'updated'],
	patient_educational_resource: ['created', 'deleted', 'updated'],
	policy: ['created', 'deleted', 'updated'],
	prescription: ['medication_status_updated', 'updated'],
	received_direct_message: ['created'],
	received_fax: ['created'],
	recurring_payment: ['created', 'updated'],
	referral: ['created', 'deleted', 'updated'],
	referring_physician: ['created', 'deleted', 'updated'],
	requested_form_completion: ['created', 'deleted', 'updated'],
	requested_payment: ['created', 'deleted', 'updated'],
	scheduled_message: ['sent'],
	sent_fax: ['created', 'status_changed', 'updated'],
	sent_notification_record: ['created', 'updated'],
	stripe_customer_detail: ['created', 'deleted', 'updated'],
	super_bill: ['created', 'deleted', 'updated'],
	task: ['created', 'deleted', 'updated'],
	test: ['created'],
};

/** Plain words for the events practice staff use most (docs/vendors/healthie.md#event-catalogue (descriptions from the event reference's triggering mutations)). */
const DESCRIPTIONS: Record<string, string> = {
	'patient.created': 'A patient (client) was added, e.g. by a provider, a booking checkout or the API',
	'patient.updated': "A patient's details changed (profile edits, form answers, check-ins); changed_fields says which",
	'patient.merged': 'Two patient records were merged into one',
	'appointment.created': 'An appointment was booked (one-time appointments only, unless Healthie enables recurring ones)',
	'appointment.updated': 'An appointment changed: time, status (e.g. Occurred, No-Show, Cancelled) or details',
	'appointment.deleted': 'An appointment was deleted',
	'appointment.patient_added': 'A patient was added to a group appointment',
	'appointment.patient_removed': 'A patient was removed from a group appointment',
	'appointment.participant_joined': 'Someone joined the video call of an appointment',
	'appointment.participant_left': 'Someone left the video call of an appointment',
	'form_answer_group.created': 'A form (e.g. an intake form or a charting note) was filled out and submitted',
	'form_answer_group.locked': 'A filled-out form was locked against further edits',
	'form_answer_group.signed': 'A filled-out form was signed',
	'form_answer_group.unlocked': 'A locked form was unlocked',
	'form_answer_group.deleted': 'A filled-out form was deleted',
	'requested_form_completion.created': 'A patient was asked to complete a form',
	'requested_form_completion.updated': 'A form request changed, e.g. the patient completed it',
	'message.created': 'A chat message was sent in a conversation',
	'message.deleted': 'A chat message was deleted',
	'task.created': 'A task was created for the care team',
	'task.updated': 'A task changed, e.g. it was completed or reassigned',
	'task.deleted': 'A task was deleted',
	'document.created': 'A document was uploaded or shared',
	'document.updated': 'A document was changed',
	'document.deleted': 'A document was deleted',
	'billing_item.created': 'A payment was made or recorded',
	'billing_item.updated': 'A payment changed, e.g. it failed or was refunded',
	'billing_item.deleted': 'A payment record was deleted',
	'requested_payment.created': 'An invoice (payment request) was created',
	'requested_payment.updated': 'An invoice changed, e.g. it was paid',
	'recurring_payment.created': 'A recurring payment (subscription) was set up',
	'recurring_payment.updated': 'A recurring payment changed',
	'applied_tag.created': 'A tag was applied to a patient',
	'applied_tag.deleted': 'A tag was removed from a patient',
	'metric_entry.created': 'A patient logged a metric (e.g. weight)',
	'test.created': 'The test delivery Healthie sends when asked to test a webhook',
};

const WORDS: Record<string, string> = { cms1500: 'CMS-1500', dosespot: 'DoseSpot' };

function words(snake: string): string {
	return snake
		.split('_')
		.map((word) => WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

export const HEALTHIE_EVENTS: string[] = Object.entries(CATALOGUE).flatMap(([resource, actions]) =>
	actions.map((action) => `${resource}.${action}`),
);

export const HEALTHIE_EVENT_OPTIONS: INodePropertyOptions[] = HEALTHIE_EVENTS.map((event) => {
	const [resource, action] = event.split('.');
	return {
		name: `${words(resource)} ${words(action)}`,
		value: event,
		description: DESCRIPTIONS[event] ?? `Healthie event ${event}`,
	};
});

/** `appointment.created` → `APPOINTMENT_CREATED`, the enum name API versions from 2025-04-01 take. */
export function toEnumName(event: string): string {
	return event.toUpperCase().replace(/\./g, '_');
}

const BY_ENUM_NAME = new Map(HEALTHIE_EVENTS.map((event) => [toEnumName(event), event]));

/**
 * An event type as Healthie lists it (dotted name in the baseline, enum name from 2025-04-01) in
 * the trigger's spelling. An unknown enum name is kept lower-cased, so it never matches a
 * selected event.
 */
export function toDottedName(value: string): string {
	if (value.includes('.')) return value;
	return BY_ENUM_NAME.get(value.toUpperCase()) ?? value.toLowerCase();
}
