import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'graphql';

/**
 * The subset of Healthie's GraphQL schema the nodes use, written from Healthie's reference as
 * docs/vendors/healthie.md records it (API versions, the webhooks list, reading records, patients
 * and appointments, collections) — not from node code. What differs by API version is built each way:
 *
 * - event types: the `WebhookEventType` enum (2025-04-01 and later) or dotted `String`s (baseline);
 * - `webhooks`: a Relay connection (newer) or a plain list with offset/page_size (baseline);
 * - `users`, `organizationMembers`, `appointments`, `appointmentTypes`, `formAnswerGroups`: Relay
 *   connections (2026-01-01) or plain lists with offset/page_size/should_paginate (baseline);
 * - datetime and ID arguments: `String` in the baseline, `ISO8601DateTime` / `ID` in the releases.
 *
 * Other version differences (ID vs String arguments, `metadata: JSON` vs `String`) accept the same
 * JSON variables, so one spelling serves both here.
 */

export interface SchemaForm {
	eventTypes: 'enum' | 'dotted';
	webhooks: 'connection' | 'list';
	collections: 'connection' | 'list';
	/** No version header: the 2024-06-01 baseline's `String` arguments. */
	baseline: boolean;
}

/** docs/vendors/healthie.md#event-catalogue (the 179 values of WebhookEventType, release 2026-01-01): `WebhookEventType` of 2026-01-01 (179 values), by resource. */
const APPENDIX_A = `
accepted_insurance_plan: created deleted
allergy_sensitivity: created deleted updated
applied_tag: created deleted
appointment: created deleted participant_joined participant_left patient_added patient_removed recording_completed recording_started recording_stopped transcript_available transcript_failed transcript_started updated
appointment_form_answer_group_connection: created deleted updated
availability: created deleted updated
billing_item: created deleted updated
care_plan: activated created deactivated deleted updated
charge_back: created deleted updated
charting_note_addendum: created deleted updated
claim_submission: created deleted updated
cms1500: created deleted updated
comment: created deleted updated
completed_onboarding_item: created deleted updated
conversation: created updated
conversation_membership: created deleted viewed
course_membership: created deleted updated
custom_module: created deleted updated
custom_module_form: created deleted updated
diagnosis: created deleted updated
document: created deleted updated
dosespot_notification: created
entry: created deleted updated
external_calendar: authorization_error
family_history_condition: created deleted updated
feature_toggle: created deleted updated
folder_sharing: created deleted
form_answer_group: created deleted locked signed unlocked
generated_form_answer_group: converted created deleted rejected updated
goal: created deleted updated
goal_history: created deleted
goal_template: created deleted updated
insurance_authorization: created deleted updated
lab_order: created updated
lab_result: created updated
location: created deleted updated
medication: created deleted updated
message: created deleted
metric_entry: created deleted updated
notification_contact: created deleted updated
notification_setting: created deleted updated
organization_info: created deleted updated
organization_member: updated
organization_membership: created updated
other_id_number: created deleted updated
patient: created merged updated
patient_educational_resource: created deleted updated
policy: created deleted updated
prescription: medication_status_updated updated
received_direct_message: created
received_fax: created
recurring_payment: created updated
referral: created deleted updated
referring_physician: created deleted updated
requested_form_completion: created deleted updated
requested_payment: created deleted updated
scheduled_message: sent
sent_fax: created status_changed updated
sent_notification_record: created updated
stripe_customer_detail: created deleted updated
super_bill: created deleted updated
task: created deleted updated
test: created
`;

export const WEBHOOK_EVENT_TYPES: string[] = APPENDIX_A.trim()
	.split('\n')
	.flatMap((line) => {
		const [resource, actions] = line.split(':');
		return actions.trim().split(/\s+/).map((action) => `${resource.trim()}.${action}`);
	});

export const enumNameOf = (dotted: string) => dotted.toUpperCase().split('.').join('_');

function sdl(form: SchemaForm): string {
	const eventType = form.eventTypes === 'enum' ? 'WebhookEventType' : 'String';
	const clientMutationId = form.eventTypes === 'dotted' ? 'clientMutationId: String' : '';
	const webhooksQuery =
		form.webhooks === 'connection'
			? 'webhooks(keywords: String, order_by: WebhookOrderKeys, sort_by: String, after: String, before: String, first: Int, last: Int): WebhookPaginationConnection'
			: 'webhooks(after: String, keywords: String = null, offset: Int = 0, order_by: WebhookOrderKeys = CREATED_AT_DESC, page_size: Int = 20): [Webhook!]\n  webhooksCount(keywords: String = null): Int';
	const enumType =
		form.eventTypes === 'enum' ? `enum WebhookEventType {\n  ${WEBHOOK_EVENT_TYPES.map(enumNameOf).join('\n  ')}\n}` : '';
	const when = form.baseline ? 'String' : 'ISO8601DateTime';
	const standardId = form.baseline ? 'String' : 'ID';
	const connection = (type: string) => (form.collections === 'connection' ? `${type}PaginationConnection` : `[${type}!]`);
	const paging = (pageSize: number, paginate?: boolean) =>
		form.collections === 'connection'
			? 'after: String, before: String, first: Int, last: Int'
			: `offset: Int = 0, page_size: Int = ${pageSize}${paginate === undefined ? '' : `, should_paginate: Boolean = ${paginate}`}, after: String`;
	const collectionsQueries = `
  users(keywords: String, provider_id: String, active_status: String, group_id: String, show_all_by_default: Boolean = true, email: String, order_by: UserOrderKeys, ${paging(10, true)}): ${form.collections === 'connection' ? 'UserConnection!' : '[User!]'}
  organizationMembers(keywords: String, conversation_id: ID, licensed_in_state: String, order_by: UserOrderKeys, ${paging(10)}): ${form.collections === 'connection' ? 'UserConnection' : '[User!]'}
  appointmentTypes(keywords: String, provider_id: String, clients_can_book: Boolean, show_group: Boolean, order_by: AppointmentTypeOrderKeys, ${paging(1000, true)}): ${connection('AppointmentType')}
  appointments(keywords: String, user_id: ID, provider_id: ID, filter: String${form.collections === 'list' ? ' = "future"' : ''}, startDate: ${when}, endDate: ${when}, is_org: Boolean, is_active: Boolean, with_all_statuses: Boolean, filter_by_appointment_type_id: ID, order_by: AppointmentOrderKeys, ${paging(10, false)}): ${connection('Appointment')}
  formAnswerGroups(user_id: ${standardId}, custom_module_form_id: ID, filler_id: ${standardId}, order_by: FormAnswerGroupOrderKeys, ${paging(10, false)}): ${connection('FormAnswerGroup')}
  contactTypes: [String!]`;

	return `
scalar JSON
scalar ISO8601DateTime

type Query {
  currentUser: User
  ${webhooksQuery}
  ${collectionsQueries}
  user(id: ID, clear_notifs: Boolean = true): User
  appointment(id: ID, include_deleted: Boolean = false): Appointment
  formAnswerGroup(id: ID, appointment_form_answer_group_connection_id: ID): FormAnswerGroup
  note(id: ID): Note
  task(id: ID): Task
  entry(id: ID, type: String): Entry
  appliedTag(id: ID, include_deleted: Boolean = false): AppliedTag
  requestedFormCompletion(id: ID): RequestedFormCompletion
  document(id: ID): Document
  goal(id: ID): Goal
  labOrder(id: ID): LabOrder
  billingItem(id: ID): BillingItem
  requestedPayment(id: ID): RequestedPayment
  carePlan(id: ID): CarePlan
  policy(id: ID): Policy
  comment(id: ID): Comment
  medication(id: ID): MedicationType
  conversationMembership(id: ID, conversation_membership_id: ID): ConversationMembership
  insuranceAuthorization(id: ID): InsuranceAuthorization
}

type Mutation {
  createWebhook(input: createWebhookInput): createWebhookPayload
  updateWebhook(input: updateWebhookInput): updateWebhookPayload
  deleteWebhook(input: deleteWebhookInput): deleteWebhookPayload
  sendTestWebhook(input: sendTestWebhookInput): sendTestWebhookPayload
  createClient(input: createClientInput): createClientPayload
  updateClient(input: updateClientInput): updateClientPayload
  createAppointment(input: createAppointmentInput): createAppointmentPayload
  updateAppointment(input: updateAppointmentInput): updateAppointmentPayload
  deleteAppointment(input: deleteAppointmentInput): deleteAppointmentPayload
  createTask(input: createTaskInput): createTaskPayload
}

${enumType}

enum WebhookOrderKeys { CREATED_AT_ASC CREATED_AT_DESC EVENT_TYPE_ASC EVENT_TYPE_DESC URL_ASC URL_DESC }
enum UserOrderKeys { EMAIL_ASC EMAIL_DESC FIRST_NAME_ASC FIRST_NAME_DESC LAST_NAME_DESC LAST_NAME_ASC CREATED_AT_DESC CREATED_AT_ASC UPDATED_AT_DESC UPDATED_AT_ASC }
enum AppointmentOrderKeys { DATE_ASC DATE_DESC CREATED_AT_DESC CREATED_AT_ASC UPDATED_AT_DESC UPDATED_AT_ASC UNSORTED }
enum AppointmentTypeOrderKeys { POSITION_ASC POSITION_DESC CREATED_AT_ASC CREATED_AT_DESC UPDATED_AT_ASC UPDATED_AT_DESC }
enum FormAnswerGroupOrderKeys { RECORD_CREATED_AT_ASC RECORD_CREATED_AT_DESC UPDATED_AT_ASC UPDATED_AT_DESC CREATED_AT_ASC CREATED_AT_DESC UNSORTED }

type UserEdge { cursor: String! node: User }
type UserConnection { edges: [UserEdge] nodes: [User] page_info: PageInfo! total_count: Int! }
type AppointmentEdge { cursor: String! node: Appointment }
type AppointmentPaginationConnection { edges: [AppointmentEdge] nodes: [Appointment] page_info: PageInfo! total_count: Int! }
type AppointmentTypeEdge { cursor: String! node: AppointmentType }
type AppointmentTypePaginationConnection { edges: [AppointmentTypeEdge] nodes: [AppointmentType] page_info: PageInfo! total_count: Int! }
type FormAnswerGroupEdge { cursor: String! node: FormAnswerGroup }
type FormAnswerGroupPaginationConnection { edges: [FormAnswerGroupEdge] nodes: [FormAnswerGroup] page_info: PageInfo! total_count: Int! }

type FieldError { field: String message: String! }

type Webhook {
  id: ID!
  url: String
  is_enabled: Boolean!
  should_retry: Boolean!
  signature_secret: String
  event_type: ${eventType}
  webhook_events: [WebhookEvent!]
  warned_at: String
  ${form.webhooks === 'list' ? 'cursor: String!' : ''}
}
type WebhookEvent {
  id: ID!
  event_type: ${eventType}!
  retry_count: Int!
  created_at: String!
  updated_at: String!
  first_failed_at: String
  last_failed_at: String
}
type PageInfo { has_next_page: Boolean! has_previous_page: Boolean! start_cursor: String end_cursor: String }
type WebhookEdge { cursor: String! node: Webhook! }
type WebhookPaginationConnection { edges: [WebhookEdge!]! nodes: [Webhook!]! page_info: PageInfo! total_count: Int! }

input WebhookEventInput { id: ID event_type: ${eventType}! }
input createWebhookInput { ${clientMutationId} event_type: ${eventType} is_enabled: Boolean should_retry: Boolean = true url: String webhook_events: [WebhookEventInput] }
input updateWebhookInput { ${clientMutationId} event_type: ${eventType} id: ID is_enabled: Boolean should_retry: Boolean url: String webhook_events: [WebhookEventInput] }
input deleteWebhookInput { ${clientMutationId} id: ID }
input sendTestWebhookInput { ${clientMutationId} id: ID! }
type createWebhookPayload { messages: [FieldError] webhook: Webhook }
type updateWebhookPayload { messages: [FieldError] webhook: Webhook }
type deleteWebhookPayload { messages: [FieldError] webhook: Webhook }
type sendTestWebhookPayload { messages: [FieldError] sent: Boolean! }

input createClientInput {
  ${clientMutationId}
  additional_record_identifier: ID default_billing_type: String dietitian_id: String dob: String
  dont_send_welcome: Boolean email: String first_name: String gender: String last_name: String
  legal_name: String metadata: String other_provider_ids: [ID] phone_number: String record_identifier: ID
  restricted: Boolean skip_set_password_state: Boolean = false skipped_email: Boolean ssn: String
  timezone: String user_group_id: ID
}
input updateClientInput {
  ${clientMutationId}
  id: ID! active: Boolean additional_record_identifier: ID dietitian_id: String dob: String email: String
  first_name: String gender: String last_name: String legal_name: String metadata: String phone_number: String
  quick_notes: String record_identifier: ID skipped_email: Boolean timezone: String user_group_id: ID
}
type createClientPayload { messages: [FieldError] user: User }
type updateClientPayload { messages: [FieldError] user: User }

input createAppointmentInput {
  ${clientMutationId}
  user_id: ID appointment_type_id: ID contact_type: String other_party_id: ID datetime: String date: String
  attendee_ids: [ID] appointment_location_id: ID metadata: JSON notes: String external_videochat_url: String
  enforce_availability: Boolean = false suppress_webhook_notifications: Boolean = false timezone: String
}
type createAppointmentPayload { messages: [FieldError] appointment: Appointment }

input updateAppointmentInput {
  ${clientMutationId}
  id: ID appointment_type_id: ID contact_type: String other_party_id: ID user_id: ID datetime: String date: String time: String
  timezone: String pm_status: String appointment_location_id: ID location: String notes: String metadata: JSON
  external_videochat_url: String confirmed: Boolean client_confirmed: Boolean cancellation_reason_id: ID other_cancellation_reason: String
  updateRecurring: Boolean enforce_availability: Boolean suppress_webhook_notifications: Boolean = false
}
type updateAppointmentPayload { messages: [FieldError] appointment: Appointment }
input deleteAppointmentInput { ${clientMutationId} id: ID deleteRecurring: Boolean suppress_webhook_notifications: Boolean = false }
type deleteAppointmentPayload { messages: [FieldError] appointment: Appointment }

input createTaskInput { ${clientMutationId} content: String client_id: ID assignee_ids: [ID] user_id: ID due_date: String priority: Int }
type createTaskPayload { messages: [FieldError] task: Task }

type UserGroup { id: ID! name: String }
type Tag { id: ID! name: String }
type Location { id: ID! line1: String line2: String city: String state: String zip: String country: String }
type User {
  id: ID! first_name: String last_name: String legal_name: String full_name: String email: String
  phone_number: String dob: String gender: String sex: String timezone: String active: Boolean
  created_at: String updated_at: String dietitian_id: String user_group_id: String record_identifier: String
  additional_record_identifier: String next_appt_date: String quick_notes: String metadata: String
  user_group: UserGroup active_tags: [Tag!] locations: [Location!]
}
type AppointmentType { id: ID! name: String length: Int available_contact_types: [String] is_group: Boolean clients_can_book: Boolean }
type Appointment {
  id: ID! date: String length: Int contact_type: String pm_status: String location: String notes: String
  metadata: String external_videochat_url: String zoom_join_url: String is_group: Boolean confirmed: Boolean
  created_at: String updated_at: String deleted_at: String timezone_abbr: String
  appointment_type: AppointmentType provider: User user: User attendees: [User!]
}
type CustomModuleForm { id: ID! name: String }
type FormAnswer { id: ID! label: String answer: String displayed_answer: String custom_module_id: String }
type FormAnswerGroup {
  id: ID! name: String finished: Boolean created_at: String updated_at: String locked_at: String deleted_at: String
  metadata: String external_id: String user: User filler: User custom_module_form: CustomModuleForm
  appointment: Appointment form_answers: [FormAnswer!]!
}
type Note {
  id: ID! content: String created_at: String updated_at: String user_id: String conversation_id: String
  recipient_id: String document_id: String attached_image_url: String is_autoresponse: Boolean creator: User
}
type Task {
  id: ID! content: String complete: Boolean completed_at: String completed_by_id: String client_id: String
  user_id: String due_date: String priority: Int created_at: String updated_at: String created_by_id: String client: User
}
type Entry { id: ID! type: String category: String description: String metric_stat: Float created_at: String updated_at: String name: String poster: User }
type AppliedTag { id: ID! tag_id: String user_id: String created_at: String updated_at: String tag: Tag }
type RequestedFormCompletion {
  id: ID! status: String item_type: String recipient_id: String custom_module_form_id: String form_answer_group_id: String
  custom_module_form: CustomModuleForm recipient: User sender: User
}
type Document {
  id: ID! display_name: String file_content_type: String description: String extension: String rel_user_id: String
  expiring_url: String updated_at: String owner: User
}
type Goal { id: ID! name: String description: String user_id: String repeat: String due_date: String start_on: String parent_id: String created_at: String }
type LabOrder {
  id: ID! status: String normalized_status: String test_date: String created_at: String updated_at: String lab: String
  lab_company: String patient: User orderer: User
}
type RequestedPayment {
  id: ID! status: String price: String balance_due: String paid_at: String invoice_id: String recipient_id: String
  currency: String notes: String sender: User
}
type BillingItem {
  id: ID! amount_paid: String state: String note: String currency: String is_recurring: Boolean failure_reason: String
  sender_id: String recipient_id: String created_at: String updated_at: String requested_payment: RequestedPayment
}
type CarePlan { id: ID! name: String description: String is_active: Boolean is_template: Boolean created_at: String updated_at: String patient: User user_group: UserGroup }
type InsurancePlan { id: ID! }
type Policy {
  id: ID! name: String num: String group_num: String priority_type: String holder_relationship: String user_id: String
  effective_start: String effective_end: String insurance_plan: InsurancePlan
}
type Comment { id: ID! content: String created_at: String user_id: String entry_id: String poster: User }
type MedicationType {
  id: ID! name: String active: Boolean directions: String dosage: String frequency: String route: String code: String
  start_date: String end_date: String comment: String user_id: String created_at: String updated_at: String
}
type ConversationMembership { id: ID! conversation_id: String user_id: String viewed: Boolean archived: Boolean display_name: String created_at: String updated_at: String }
type InsuranceAuthorization {
  id: ID! authorization_number: String start_on: String end_on: String units_authorized: Int units_used: Int
  units_left: Int visits_authorized: Int visits_left: Int user_id: String
}
`;
}

const built = new Map<string, GraphQLSchema>();

export function healthieSchema(form: SchemaForm): GraphQLSchema {
	const key = `${form.eventTypes}/${form.webhooks}/${form.collections}/${form.baseline}`;
	let schema = built.get(key);
	if (!schema) {
		schema = buildSchema(sdl(form));
		built.set(key, schema);
	}
	return schema;
}
