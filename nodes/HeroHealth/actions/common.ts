import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { VendorRequest } from '../../shared/http';
import { locatedValue, resourceLocatorField } from '../../shared/resourceLocator';
import { isIsoDateTime, isRealIsoDate, parseInput, requiredText } from '../../shared/validation';
import { heroHealthRequest } from '../transport';

/** Fields, schemas and small helpers the Hero Health operations share. */

/** Hero's patient ids are numeric strings (`^\d+$`, docs/vendors/hero-health.md#messages; docs/vendors/hero-health.md#patients). */
export const patientId = (label = 'Patient ID') =>
	requiredText(label).regex(/^\d+$/, { message: `${label} must be Hero's numeric patient ID, e.g. 98765` });

/** A required Hero id (appointment, slot, location …): any non-empty text. */
export const heroId = requiredText;

/**
 * A date of birth written `YYYY-MM-DD`, or a date-time whose date part is taken (Hero returns
 * `dob` as a date-time, docs/vendors/hero-health.md#errors-paging-and-formats), not in the future. Parses to `YYYY-MM-DD`.
 */
export const dateOfBirth = (label = 'Date of birth') =>
	z
		.string({ required_error: `${label} is required` })
		.trim()
		.refine((value) => isRealIsoDate(value) || isIsoDateTime(value), {
			message: `${label} must be a real date written YYYY-MM-DD, e.g. 1985-12-10`,
		})
		.transform((value) => value.slice(0, 10))
		.refine((date) => date <= new Date().toISOString().slice(0, 10), {
			message: `${label} cannot be in the future`,
		});

/** Where a patient's ID comes from: Hero has no patient list or search (docs/vendors/hero-health.md#patients). */
export const PATIENT_ID_HINT =
	"Hero's numeric patient ID: the patient_id output by Patient → Trace and Register, or the ID on the patient's record in Hero";

/** A Patient field (By ID only, with the hint), named `patientId` unless said otherwise. */
export function patientIdField(overrides: { name?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return resourceLocatorField({
		displayName: 'Patient',
		name: overrides.name ?? 'patientId',
		idPlaceholder: 'e.g. 98765',
		idHint: PATIENT_ID_HINT,
		idPattern: { regex: '^\\s*\\d+\\s*$', message: "Hero's patient IDs are digits, e.g. 98765" },
		required: overrides.required ?? true,
		description: overrides.description ?? 'The patient, by their Hero patient ID',
	});
}

/** An Appointment Type field with Hero's appointment types to pick from, named `appointmentTypeId`. */
export function appointmentTypeField(overrides: { required?: boolean; description?: string } = {}): INodeProperties {
	return resourceLocatorField({
		displayName: 'Appointment Type',
		name: 'appointmentTypeId',
		searchMethod: 'searchAppointmentTypes',
		idPlaceholder: 'e.g. 2',
		idHint: 'The id of an appointment type, as Appointment Type → Get Many outputs it, or the appointment_type_id of a slot',
		required: overrides.required ?? true,
		description: overrides.description ?? 'The kind of appointment, e.g. a nurse appointment',
	});
}

/** A Location field with the practice's booking locations to pick from, named `locationId`. */
export function locationField(overrides: { required?: boolean; description?: string } = {}): INodeProperties {
	return resourceLocatorField({
		displayName: 'Location',
		name: 'locationId',
		searchMethod: 'searchLocations',
		idPlaceholder: 'e.g. 5',
		idHint: 'The id of a location, as Location → Get Many outputs it, or the location_id of a slot',
		required: overrides.required ?? true,
		description: overrides.description ?? 'The practice site where the appointment takes place',
	});
}

/**
 * A Practitioner field, named `practitionerId` unless said otherwise. Hero has no practitioner list:
 * the list offers the practitioners in the free slots (of the Appointment Type and Location chosen
 * in the node, where it has them), named by their ID and the appointment types they offer.
 */
export function practitionerField(overrides: { name?: string; required?: boolean; description?: string } = {}): INodeProperties {
	return resourceLocatorField({
		displayName: 'Practitioner',
		name: overrides.name ?? 'practitionerId',
		searchMethod: 'searchPractitioners',
		idPlaceholder: 'e.g. 32',
		idHint: 'The practitioner_id of a slot (Slot → Get Many) or of an appointment',
		required: overrides.required ?? true,
		description:
			overrides.description ??
			'Hero lists no practitioners: the list shows those with free slots (of the chosen appointment type and location), by their Hero ID',
	});
}

/** An Appointment field (By ID only, with the hint), named `appointmentId`. */
export const appointmentIdField: INodeProperties = resourceLocatorField({
	displayName: 'Appointment',
	name: 'appointmentId',
	idPlaceholder: 'e.g. 1001',
	idHint:
		'The id Hero returned when the appointment was reserved (Appointment → Reserve), or the id in a Hero Health Trigger event',
	description: 'The appointment, by its Hero ID: Hero has no list of appointments to pick from',
});

/** The ID given in resource locator (or plain) parameter `name`, as text for the checks; a number becomes text. */
export function locatedId(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const { value } = locatedValue(context, name, itemIndex);
	return typeof value === 'number' ? String(value) : value;
}

/**
 * Reads the ID parameter `name` (checked: not empty, before any request), makes the request built
 * from it, and returns the ID with Hero's answer.
 */
export async function requestForId(
	context: IExecuteFunctions,
	itemIndex: number,
	id: { name: string; label: string; schema?: z.ZodType<string, z.ZodTypeDef, unknown> },
	request: (id: string) => Omit<VendorRequest, 'itemIndex'>,
): Promise<{ id: string; answer: unknown }> {
	const schema = id.schema ?? heroId(id.label);
	const value = parseInput(context.getNode(), schema, locatedId(context, id.name, itemIndex), itemIndex);
	const answer = await heroHealthRequest.call(context, { ...request(value), itemIndex });
	return { id: value, answer };
}
