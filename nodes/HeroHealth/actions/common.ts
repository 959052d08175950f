import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { VendorRequest } from '../../shared/http';
import { isIsoDateTime, isoDate, isRealIsoDate, parseInput, requiredText } from '../../shared/validation';
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

/** A calendar date (`YYYY-MM-DD`) or a date-time with a zone, passed on as written. */
export const dateOrDateTime = (label: string) =>
	z
		.string()
		.trim()
		.refine((value) => isRealIsoDate(value) || isIsoDateTime(value), {
			message: `${label} must be a real date written YYYY-MM-DD, or a date and time with a time zone`,
		});

/** The first instant a date or date-time stands for (a date: its start, UTC), for ordering checks. */
export function startOf(value: string): number {
	return Date.parse(isRealIsoDate(value) ? `${value}T00:00:00Z` : value);
}

/** The last instant a date or date-time stands for (a date: its end, UTC), for ordering checks. */
export function endOf(value: string): number {
	return isRealIsoDate(value) ? Date.parse(`${value}T00:00:00Z`) + 86_400_000 - 1 : Date.parse(value);
}

/** A required Patient ID field, named `patientId`. */
export const patientIdField: INodeProperties = {
	displayName: 'Patient ID',
	name: 'patientId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '98765',
	description: "Hero's ID for the patient, e.g. from Patient → Trace and Register",
};

/** A required Appointment Type ID field, named `appointmentTypeId`. */
export const appointmentTypeIdField: INodeProperties = {
	displayName: 'Appointment Type ID',
	name: 'appointmentTypeId',
	type: 'string',
	required: true,
	default: '',
	description: 'See Appointment Type → Get Many, or the appointment_type_id of a slot',
};

/** A required Location ID field, named `locationId`. */
export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	required: true,
	default: '',
	description: 'See Location → Get Many, or the location_id of a slot',
};

/** A required appointment ID field, named `appointmentId`. */
export const appointmentIdField: INodeProperties = {
	displayName: 'Appointment ID',
	name: 'appointmentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1001',
	description: 'The ID Hero gave the appointment when it was reserved',
};

/** A calendar date (`YYYY-MM-DD`) that is today or later (UTC), e.g. when a link expires. */
export const dateNotInPast = (label: string) =>
	isoDate(label).refine((date) => date >= new Date().toISOString().slice(0, 10), { message: `${label} is in the past` });

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
	const value = parseInput(context.getNode(), schema, context.getNodeParameter(id.name, itemIndex), itemIndex);
	const answer = await heroHealthRequest.call(context, { ...request(value), itemIndex });
	return { id: value, answer };
}
