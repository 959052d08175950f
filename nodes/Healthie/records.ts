import type { IAllExecuteFunctions, IDataObject } from 'n8n-workflow';

import { healthieGraphql } from './graphql';

/**
 * Reading the record a delivery points at, by its `resource_id_type` (docs/vendors/healthie.md#reading-records). The
 * selections are the default selections (fields present in the baseline and in 2026-01-01; docs/vendors/healthie.md#reading-records), each field present in the baseline and in 2026-01-01,
 * so one document serves every API version. `user` is read with `clear_notifs: false` (its default
 * `true` would mark the patient's notifications as seen); `appointment` and `appliedTag` with
 * `include_deleted: true`, so that `*.deleted` events still find them.
 */

interface RecordQuery {
	/** The query's root field. */
	field: string;
	query: string;
	variables?: IDataObject;
}

/** A patient as Get, Get Many and the trigger's full record show it. */
export const PATIENT_RECORD_SELECTION = `id first_name last_name legal_name email phone_number dob gender sex timezone active
    created_at updated_at dietitian_id user_group_id record_identifier additional_record_identifier
    next_appt_date quick_notes metadata
    user_group { id name }
    active_tags { id name }
    locations { id line1 line2 city state zip country }`;

/** An appointment as Get, Get Many and the trigger's full record show it. */
export const APPOINTMENT_RECORD_SELECTION = `id date length contact_type pm_status location notes metadata external_videochat_url zoom_join_url
    is_group confirmed created_at updated_at deleted_at timezone_abbr
    appointment_type { id name length }
    provider { id full_name email }
    user { id full_name email }
    attendees { id full_name email }`;

const BY_ID = (name: string, field: string, selection: string, idArgument = 'id'): RecordQuery => ({
	field,
	query: `query ${name}($id: ID) { ${field}(${idArgument}: $id) { ${selection} } }`,
});

const RECORD_QUERIES: Record<string, RecordQuery> = {
	User: {
		field: 'user',
		query: `query n8nUser($id: ID) {
  user(id: $id, clear_notifs: false) { ${PATIENT_RECORD_SELECTION} }
}`,
	},
	Appointment: {
		field: 'appointment',
		query: `query n8nAppointment($id: ID, $include_deleted: Boolean) {
  appointment(id: $id, include_deleted: $include_deleted) { ${APPOINTMENT_RECORD_SELECTION} }
}`,
		variables: { include_deleted: true },
	},
	FormAnswerGroup: {
		field: 'formAnswerGroup',
		query: `query n8nFormAnswerGroup($id: ID) {
  formAnswerGroup(id: $id) {
    id name finished created_at updated_at locked_at deleted_at metadata external_id
    user { id full_name dietitian_id }
    filler { id full_name }
    custom_module_form { id name }
    appointment { id }
    form_answers { id label answer displayed_answer custom_module_id }
  }
}`,
	},
	Note: BY_ID(
		'n8nNote',
		'note',
		'id content created_at updated_at user_id conversation_id recipient_id document_id attached_image_url is_autoresponse creator { id full_name }',
	),
	Task: BY_ID(
		'n8nTask',
		'task',
		'id content complete completed_at completed_by_id client_id user_id due_date priority created_at updated_at created_by_id client { id full_name }',
	),
	Entry: BY_ID('n8nEntry', 'entry', 'id type category description metric_stat created_at updated_at name poster { id full_name }'),
	AppliedTag: {
		field: 'appliedTag',
		query:
			'query n8nAppliedTag($id: ID, $include_deleted: Boolean) { appliedTag(id: $id, include_deleted: $include_deleted) { id tag_id user_id created_at updated_at tag { id name } } }',
		variables: { include_deleted: true },
	},
	RequestedFormCompletion: BY_ID(
		'n8nRequestedFormCompletion',
		'requestedFormCompletion',
		'id status item_type recipient_id custom_module_form_id form_answer_group_id custom_module_form { id name } recipient { id full_name } sender { id full_name }',
	),
	Document: BY_ID(
		'n8nDocument',
		'document',
		'id display_name file_content_type description extension rel_user_id expiring_url updated_at owner { id full_name }',
	),
	Goal: BY_ID('n8nGoal', 'goal', 'id name description user_id repeat due_date start_on parent_id created_at'),
	LabOrder: BY_ID(
		'n8nLabOrder',
		'labOrder',
		'id status normalized_status test_date created_at updated_at lab lab_company patient { id full_name } orderer { id full_name }',
	),
	BillingItem: BY_ID(
		'n8nBillingItem',
		'billingItem',
		'id amount_paid state note currency is_recurring failure_reason sender_id recipient_id created_at updated_at requested_payment { id }',
	),
	RequestedPayment: BY_ID(
		'n8nRequestedPayment',
		'requestedPayment',
		'id status price balance_due paid_at invoice_id recipient_id currency notes sender { id full_name }',
	),
	CarePlan: BY_ID(
		'n8nCarePlan',
		'carePlan',
		'id name description is_active is_template created_at updated_at patient { id full_name } user_group { id name }',
	),
	Policy: BY_ID(
		'n8nPolicy',
		'policy',
		'id name num group_num priority_type holder_relationship user_id effective_start effective_end insurance_plan { id }',
	),
	Comment: BY_ID('n8nComment', 'comment', 'id content created_at user_id entry_id poster { id full_name }'),
	Medication: BY_ID(
		'n8nMedication',
		'medication',
		'id name active directions dosage frequency route code start_date end_date comment user_id created_at updated_at',
	),
	// The `id` argument of this query means the conversation (docs/vendors/healthie.md#reading-records).
	ConversationMembership: BY_ID(
		'n8nConversationMembership',
		'conversationMembership',
		'id conversation_id user_id viewed archived display_name created_at updated_at',
		'conversation_membership_id',
	),
	InsuranceAuthorization: BY_ID(
		'n8nInsuranceAuthorization',
		'insuranceAuthorization',
		'id authorization_number start_on end_on units_authorized units_used units_left visits_authorized visits_left user_id',
	),
};

/** By the delivery's `resource_id_type`: a `Map`, so that a name such as `constructor` finds nothing. */
export const HEALTHIE_RECORD_QUERIES: ReadonlyMap<string, RecordQuery> = new Map(Object.entries(RECORD_QUERIES));

export interface FetchOptions {
	itemIndex?: number;
	attempts?: number;
	timeoutMs?: number;
}

/** The record, or `null` when Healthie has none with this id (deleted, or not visible to the key). */
export async function fetchRecord(
	this: IAllExecuteFunctions,
	type: string,
	id: string,
	options: FetchOptions = {},
): Promise<IDataObject | null> {
	const recordQuery = HEALTHIE_RECORD_QUERIES.get(type);
	if (!recordQuery) throw new Error(`Healthie has no query for a ${type}`);
	const data = await healthieGraphql.call(this, {
		query: recordQuery.query,
		variables: { id, ...recordQuery.variables },
		...options,
	});
	const record = data[recordQuery.field];
	return record && typeof record === 'object' ? (record as IDataObject) : null;
}

export type FullRecord = { record: IDataObject } | { recordError: string } | Record<string, never>;

/**
 * For "Include Full Record": runs while the delivery waits for its answer, so one attempt with a
 * short timeout; a failure becomes `recordError` and the event is still emitted. Types with no
 * single-record query (and Healthie's `Test` deliveries) are emitted as sent.
 */
export async function fetchFullRecord(this: IAllExecuteFunctions, type: string, id: string): Promise<FullRecord> {
	if (!HEALTHIE_RECORD_QUERIES.has(type)) return {};
	try {
		const record = await fetchRecord.call(this, type, id, { attempts: 1, timeoutMs: 10_000 });
		return record
			? { record }
			: { recordError: `Healthie returned no ${type} with id ${id} (it may have been deleted, or the API key cannot see it)` };
	} catch (error) {
		return { recordError: (error as Error).message };
	}
}
