import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { nodePageUrl } from '../shared/docs';
import { pathSegment } from '../shared/paths';

/**
 * Hero Health operations that are documented to exist but whose method, path, parameter names or
 * answer were not in the published reference (docs/vendors/hero-health.md#confirm-appointment-endpoint; docs/vendors/hero-health.md#reschedule-appointment-endpoint; docs/vendors/hero-health.md#booking-link-endpoint; docs/vendors/hero-health.md#slot-list-parameters; docs/vendors/hero-health.md#slot-count-answer). Each
 * assumption lives here and nowhere else, so that a maintainer who reads the OpenAPI bundle
 * (https://developer.herohealth.net/_bundle/apis/public-api/openapi.yaml) or tries staging
 * corrects it in one place. docs/nodes/hero-health.md#inferred-endpoints lists them, each with its open question in docs/vendors/hero-health.md; the sandbox makes
 * the same assumptions, so tests cannot tell a wrong guess from a right one.
 */

export interface InferredEndpoint {
	method: IHttpRequestMethods;
	/** The path as written in docs, `{id}` standing for the record's ID. */
	pattern: string;
	/** The path for one record. */
	path: (id: string) => string;
}

/** Where the node page lists every inferred endpoint, for the words of an error. */
export const INFERRED_ENDPOINTS_PAGE = nodePageUrl('hero-health', 'inferred-endpoints');

function inferred(method: IHttpRequestMethods, pattern: string): InferredEndpoint {
	return { method, pattern, path: (id) => pattern.replace('{id}', pathSegment(id)) };
}

/**
 * "Book an Appointment" turns a reservation into a booking (docs/vendors/hero-health.md#confirm-appointment-endpoint). Path and method
 * not captured: `…/{id}/book` by analogy with the documented `…/{id}/cancel` and
 * `…/{id}/reschedule`, PATCH like cancel. No body is sent: none was captured.
 */
/** Said with a 404 from an inferred endpoint: the guess may be what is wrong. */
export function inferredPathHint(endpoint: InferredEndpoint): string {
	return `Or the path this node assumes for this step (${endpoint.method} ${endpoint.pattern}) is wrong: Hero does not publish it (see ${INFERRED_ENDPOINTS_PAGE}).`;
}

export const CONFIRM_APPOINTMENT = inferred('PATCH', '/v1/appointments/{id}/book');

/**
 * Reschedule: the path `/v1/appointments/{id}/reschedule` is documented, the method and body are
 * not (docs/vendors/hero-health.md#reschedule-appointment-endpoint). PATCH like cancel; the body carries the fields the documented
 * `PUT /v1/appointments/{id}` takes (`start_time`, `duration`, `practitioner_id`, `suppress_mail`,
 * `suppress_availability_check`).
 */
export const RESCHEDULE_APPOINTMENT = inferred('PATCH', '/v1/appointments/{id}/reschedule');

/**
 * Create Booking Link: the fields are documented (docs/vendors/hero-health.md#booking-link-endpoint), the path and the answer
 * are not. `/v1/booking_links` by analogy with the documented `/v1/attachment_links`; the answer is
 * passed through as Hero sends it.
 */
export const CREATE_BOOKING_LINK = inferred('POST', '/v1/booking_links');

/**
 * List Slots and Count Slots query parameters (docs/vendors/hero-health.md#slot-list-parameters). The count endpoint's
 * sample shows these names; the list's parameter table was cut off, so the list is assumed to
 * take the same names, and Hero's usual `page_index` / `page_size` for paging.
 */
export const SLOT_QUERY_PARAMETERS = {
	appointmentTypeId: 'appointment_type_id',
	locationId: 'location_id',
	practitionerId: 'practitioner_id',
	startDate: 'start_date',
	endDate: 'end_date',
	pageIndex: 'page_index',
	pageSize: 'page_size',
} as const;

/**
 * Count Slots' answer was not captured (docs/vendors/hero-health.md#slot-count-answer): an object (e.g. `{ count }`) is
 * passed through as Hero sends it; a bare number becomes `{ count }`.
 */
export function slotCountOutput(body: unknown): IDataObject {
	if (typeof body === 'number') return { count: body };
	if (typeof body === 'string' && /^\d+$/.test(body.trim())) return { count: Number(body.trim()) };
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	return { count: body ?? null } as IDataObject;
}
