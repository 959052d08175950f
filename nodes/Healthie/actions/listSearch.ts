import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { matchesFilter, searchResults } from '../../shared/resourceLocator';
import type { CollectionSpec, PagePosition } from '../collections';
import {
	APPOINTMENT_TYPES,
	APPOINTMENTS,
	FORM_ANSWER_GROUPS,
	PATIENTS,
	pageToken,
	parsePageToken,
	PROVIDERS,
	readCollectionPage,
} from '../collections';

/**
 * "From List" for every Healthie ID field: one page of Healthie's own search per call, the typed
 * text sent as Healthie's `keywords` where the query has it (patients, providers, appointment types,
 * appointments); filled-out forms have no keyword search, so their pages are filtered here. The
 * next page travels as n8n's pagination token.
 */

export const LIST_SEARCH_PAGE_SIZE = 25;

/** Pages a form search reads at most per call to find matches for the typed text. */
const FORM_PAGES_PER_SEARCH = 5;

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

const nameOf = (person: unknown, fallback: string): string => {
	const record = (person && typeof person === 'object' ? person : {}) as IDataObject;
	return text(record.full_name) || [text(record.first_name), text(record.last_name)].filter(Boolean).join(' ') || fallback;
};

/** "2026-03-01 09:30:00 -0500" or "2026-03-01T14:30:00Z" → "2026-03-01 09:30" (Healthie writes dates in the key user's zone). */
const minuteOf = (value: unknown): string => text(value).slice(0, 16).replace('T', ' ');

/** Patient: name and date of birth (or email when Healthie has no date of birth). */
export function patientName(patient: IDataObject): string {
	const name = nameOf(patient, `Patient ${text(patient.id)}`);
	const born = text(patient.dob);
	const email = text(patient.email);
	return born ? `${name} (born ${born})` : email ? `${name} (${email})` : name;
}

export function providerName(provider: IDataObject): string {
	const name = nameOf(provider, `Provider ${text(provider.id)}`);
	const email = text(provider.email);
	return email ? `${name} (${email})` : name;
}

/** Appointment type: name and duration. */
export function appointmentTypeName(type: IDataObject): string {
	const name = text(type.name) || `Appointment type ${text(type.id)}`;
	const minutes = text(type.length);
	return minutes ? `${name} (${minutes} min)` : name;
}

/** Appointment: when (as Healthie writes it, with its zone abbreviation), type and patient. */
export function appointmentName(appointment: IDataObject): string {
	const when = [minuteOf(appointment.date), text(appointment.timezone_abbr)].filter(Boolean).join(' ') || `Appointment ${text(appointment.id)}`;
	const type = text((appointment.appointment_type as IDataObject | null | undefined)?.name);
	const patient = nameOf(appointment.user, '');
	return [when, type, patient].filter(Boolean).join(' · ');
}

/** Filled-out form: the form's name, the patient and the day it was filled out. */
export function formAnswerGroupName(group: IDataObject): string {
	const form = text(group.name) || text((group.custom_module_form as IDataObject | null | undefined)?.name) || `Form ${text(group.id)}`;
	return [form, nameOf(group.user, ''), text(group.created_at).slice(0, 10)].filter(Boolean).join(' · ');
}

async function searchPage(
	context: ILoadOptionsFunctions,
	spec: CollectionSpec,
	filters: IDataObject,
	name: (record: IDataObject) => string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const from = parsePageToken.call(context, paginationToken);
	const page = await readCollectionPage.call(context, spec, { filters, pageSize: LIST_SEARCH_PAGE_SIZE, from });
	return searchResults(
		page.items.filter((record) => text(record.id) !== '').map((record): INodeListSearchItems => ({ name: name(record), value: text(record.id) })),
		page.next ? pageToken(page.next) : undefined,
	);
}

const keywordsOf = (filter?: string) => (filter?.trim() ? filter.trim() : undefined);

export async function searchPatients(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, PATIENTS, { keywords: keywordsOf(filter) }, patientName, paginationToken);
}

export async function searchProviders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, PROVIDERS, { keywords: keywordsOf(filter) }, providerName, paginationToken);
}

export async function searchAppointmentTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, APPOINTMENT_TYPES, { keywords: keywordsOf(filter) }, appointmentTypeName, paginationToken);
}

/** Upcoming appointments of every provider of the organisation, soonest first. */
export async function searchAppointments(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const filters = { keywords: keywordsOf(filter), is_org: true, filter: 'future', order_by: 'DATE_ASC' };
	return await searchPage(this, APPOINTMENTS, filters, appointmentName, paginationToken);
}

/** Filled-out forms, newest first, matched here against the form's name, the patient and the date. */
export async function searchFormAnswerGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let from: PagePosition | undefined = parsePageToken.call(this, paginationToken);
	const results: INodeListSearchItems[] = [];
	for (let page = 0; page < FORM_PAGES_PER_SEARCH; page++) {
		const read = await readCollectionPage.call(this, FORM_ANSWER_GROUPS, { pageSize: LIST_SEARCH_PAGE_SIZE, from });
		for (const group of read.items) {
			const name = formAnswerGroupName(group);
			if (text(group.id) !== '' && matchesFilter(name, filter)) results.push({ name, value: text(group.id) });
		}
		from = read.next;
		if (!from || results.length > 0) break;
	}
	return searchResults(results, from ? pageToken(from) : undefined);
}

/** `methods.listSearch` of the Healthie node. */
export const HEALTHIE_LIST_SEARCH = {
	searchPatients,
	searchProviders,
	searchAppointmentTypes,
	searchAppointments,
	searchFormAnswerGroups,
};
