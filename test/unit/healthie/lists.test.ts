import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Healthie } from '../../../nodes/Healthie/Healthie.node';
import {
	APPOINTMENT_TYPES,
	APPOINTMENTS,
	collectionForms,
	FORM_ANSWER_GROUPS,
	pageToken,
	parsePageToken,
	PATIENTS,
	PROVIDERS,
} from '../../../nodes/Healthie/collections';
import { appointmentName, appointmentTypeName, formAnswerGroupName, patientName, providerName } from '../../../nodes/Healthie/actions/listSearch';
import { healthieDateTime, timeZoneFor } from '../../../nodes/Healthie/time';

/**
 * The pieces of the Healthie node's lists and dates that need no vendor: which list form each API
 * version gets (docs/vendors/healthie.md#collections-list-shape), page tokens, the names From List
 * shows, and what a date picker's value becomes (docs/nodes/healthie.md#dates-and-time-zones).
 */

const node = { name: 'Healthie', type: 'n8n-nodes-health-practice.healthie' } as INode;
const context = (timeZone = 'America/New_York') => ({ getNode: () => node, getTimezone: () => timeZone }) as unknown as IExecuteFunctions;

describe('list forms by API version', () => {
	it.each([
		// [version, users & organizationMembers, appointments, appointmentTypes & formAnswerGroups]
		[undefined, ['list'], ['list'], ['list']],
		['2024-07-01', ['list'], ['list'], ['list']],
		['2024-11-01', ['list'], ['list'], ['list']],
		['2025-01-01', ['list'], ['list'], ['list', 'connection']],
		['2025-04-01', ['list'], ['list'], ['list', 'connection']],
		['2025-05-15', ['list', 'connection'], ['list'], ['list', 'connection']],
		['2025-07-31', ['list', 'connection'], ['list'], ['list', 'connection']],
		['2025-10-15', ['connection', 'list'], ['list'], ['connection', 'list']],
		['2025-11-30', ['connection', 'list'], ['list'], ['connection', 'list']],
		['2026-01-01', ['connection'], ['connection'], ['connection']],
		['2026-07-01', ['connection'], ['connection'], ['connection']],
	])('%s: patients %j, appointments %j, types and forms %j', (version, people, appointments, others) => {
		expect(collectionForms(version, PATIENTS)).toEqual(people);
		expect(collectionForms(version, PROVIDERS)).toEqual(people);
		expect(collectionForms(version, APPOINTMENTS)).toEqual(appointments);
		expect(collectionForms(version, APPOINTMENT_TYPES)).toEqual(others);
		expect(collectionForms(version, FORM_ANSWER_GROUPS)).toEqual(others);
	});

	it('dates and IDs are Strings in the baseline and typed in every release', () => {
		const type = (name: string, version: string | undefined) => {
			const declared = { ...APPOINTMENTS.arguments, ...FORM_ANSWER_GROUPS.arguments }[name].type;
			return typeof declared === 'function' ? declared(version) : declared;
		};
		expect([type('startDate', undefined), type('startDate', '2024-07-01'), type('endDate', '2026-01-01')]).toEqual([
			'String',
			'ISO8601DateTime',
			'ISO8601DateTime',
		]);
		expect([type('user_id', undefined), type('user_id', '2026-01-01')]).toEqual(['String', 'ID']);
	});
});

describe('page tokens', () => {
	const parse = (token?: string) => parsePageToken.call(context(), token);

	it('round-trip a cursor (any text) and an offset', () => {
		for (const position of [
			{ form: 'connection' as const, after: 'eyJrIjpbIjMiXX0=' },
			{ form: 'connection' as const, after: 'c:o:../x' },
			{ form: 'list' as const, offset: 0 },
			{ form: 'list' as const, offset: 25 },
		]) {
			expect(parse(pageToken(position))).toEqual(position);
		}
		expect(parse(undefined)).toBeUndefined();
		expect(parse('')).toBeUndefined();
	});

	it.each(['c:', 'o:', 'o:-1', 'o:1.5', 'o:1e3', 'o:1234567890', 'x:1', '25', 'O:25'])('refuse %j', (token) => {
		expect(() => parse(token)).toThrow(NodeOperationError);
	});
});

describe('the names From List shows', () => {
	it('patients: name and date of birth, else email, else the ID', () => {
		expect(patientName({ id: '1', full_name: 'Ada Lovelace', dob: '1985-12-10', email: 'ada@example.org' })).toBe('Ada Lovelace (born 1985-12-10)');
		expect(patientName({ id: '1', first_name: 'Ada', last_name: 'Lovelace', dob: null, email: 'ada@example.org' })).toBe('Ada Lovelace (ada@example.org)');
		expect(patientName({ id: '7' })).toBe('Patient 7');
	});

	it('providers, appointment types, appointments and forms', () => {
		expect(providerName({ id: '100', full_name: 'Jordan Reyes', email: 'j@example.org' })).toBe('Jordan Reyes (j@example.org)');
		expect(appointmentTypeName({ id: '12', name: 'Initial consultation', length: 30 })).toBe('Initial consultation (30 min)');
		expect(appointmentTypeName({ id: '12', name: 'Block', length: null })).toBe('Block');
		expect(
			appointmentName({ id: '3', date: '2026-03-01 09:30:00 -0500', timezone_abbr: 'EST', appointment_type: { name: 'Follow-up' }, user: { full_name: 'Ada Lovelace' } }),
		).toBe('2026-03-01 09:30 EST · Follow-up · Ada Lovelace');
		expect(appointmentName({ id: '3', date: '2026-03-01T14:30:00Z', appointment_type: null, user: null })).toBe('2026-03-01 14:30');
		expect(formAnswerGroupName({ id: '4', name: 'Intake', user: { full_name: 'Ada Lovelace' }, created_at: '2026-02-03 11:00:00 -0500' })).toBe(
			'Intake · Ada Lovelace · 2026-02-03',
		);
	});
});

describe('dates and time zones', () => {
	const at = (value: unknown, zone: string) => healthieDateTime(context(), 'Start', value, zone, 0);

	it.each([
		['2026-01-15T09:30:00', 'America/New_York', '2026-01-15T09:30:00-05:00'],
		['2026-07-15T09:30:00', 'America/New_York', '2026-07-15T09:30:00-04:00'],
		['2026-01-15T09:30:00', 'Europe/London', '2026-01-15T09:30:00+00:00'],
		['2026-07-15T09:30:00', 'Europe/London', '2026-07-15T09:30:00+01:00'],
		['2026-07-15 09:30', 'America/Los_Angeles', '2026-07-15T09:30:00-07:00'],
		// The clocks go forward at 02:00 on 8 March 2026 in New York: 02:30 does not exist; it is moved
		// forward by the gap, to 03:30 EDT, as n8n's own date library (Luxon) moves it.
		['2026-03-08T02:30:00', 'America/New_York', '2026-03-08T03:30:00-04:00'],
		// 1 November 2026, 01:30 happens twice in New York: the first one (EDT) is taken.
		['2026-11-01T01:30:00', 'America/New_York', '2026-11-01T01:30:00-04:00'],
		['2026-07-15T13:30:00Z', 'America/Chicago', '2026-07-15T08:30:00-05:00'],
		['2026-07-15T09:30:00+01:00', 'America/New_York', '2026-07-15T04:30:00-04:00'],
	])('%s read in %s → %s', (value, zone, sent) => {
		expect(at(value, zone)).toBe(sent);
	});

	it('takes a Date and a Luxon-like DateTime by their instant', () => {
		expect(at(new Date('2026-01-15T14:30:00Z'), 'America/New_York')).toBe('2026-01-15T09:30:00-05:00');
		expect(at({ toISO: () => '2026-01-15T09:30:00.000-07:00' }, 'America/New_York')).toBe('2026-01-15T11:30:00-05:00');
	});

	it.each([['tomorrow'], ['2026-02-30T09:00:00'], ['2026-01-15T25:00'], [42], [null], [new Date(Number.NaN)]])('refuses %p naming the field', (value) => {
		expect(() => at(value, 'America/New_York')).toThrow(/^Start must be a date and time/);
	});

	it('the Time Zone: the one given, else the workflow’s; a name that is none is refused', () => {
		expect(timeZoneFor(context('America/Denver'), '', 0)).toBe('America/Denver');
		expect(timeZoneFor(context('America/Denver'), ' Europe/London ', 0)).toBe('Europe/London');
		expect(timeZoneFor(context(), undefined, 0)).toBe('America/New_York');
		expect(() => timeZoneFor(context(), 'EST5EDT/Nowhere', 0)).toThrow('Time Zone "EST5EDT/Nowhere" is not a time zone name');
	});
});

describe('the node’s description', () => {
	const description = new Healthie().description;
	const operations = description.properties.filter((property) => property.name === 'operation');

	it('names operations as n8n does, with action strings without articles', () => {
		const byResource = Object.fromEntries(
			operations.map((picker) => [
				(picker.displayOptions?.show?.resource as string[])[0],
				(picker.options as Array<{ value: string; action: string }>).map((option) => [option.value, option.action]),
			]),
		);
		expect(byResource).toEqual({
			patient: [
				['create', 'Create patient'],
				['get', 'Get patient'],
				['getAll', 'Get many patients'],
				['update', 'Update patient'],
			],
			appointment: [
				['create', 'Create appointment'],
				['cancel', 'Cancel appointment'],
				['delete', 'Delete appointment'],
				['get', 'Get appointment'],
				['getAll', 'Get many appointments'],
				['update', 'Update appointment'],
			],
			formAnswerGroup: [['get', 'Get form answer group']],
			customQuery: [['run', 'Run custom GraphQL query']],
		});
	});

	it('offers every ID a Healthie list can fill as a resource locator with a search method the node has', () => {
		const locators: Array<{ name: string; method?: string }> = [];
		const walk = (properties: typeof description.properties) => {
			for (const property of properties) {
				if (property.type === 'resourceLocator') {
					const list = property.modes?.find((mode) => mode.name === 'list');
					locators.push({ name: property.name, method: list?.typeOptions?.searchListMethod });
					expect(property.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
				}
				if (property.type === 'collection') walk(property.options as typeof description.properties);
			}
		};
		walk(description.properties);
		const methods = Object.keys(new Healthie().methods.listSearch);
		for (const locator of locators) expect(methods).toContain(locator.method);
		expect(new Set(locators.map((locator) => locator.method))).toEqual(new Set(methods));
		// Nothing is left as a text field that asks for an ID a list could fill.
		const textIds = description.properties.filter((property) => property.type === 'string' && /(patient|appointment|provider|formAnswerGroup)(Type)?Id$/i.test(property.name));
		expect(textIds).toEqual([]);
	});

	it('asks for dates with date pickers', () => {
		const dateFields = JSON.stringify(description.properties)
			.match(/"name":"(start|startDate|endDate)","type":"dateTime"/g)
			?.map((match) => match.split('"')[3]);
		expect(new Set(dateFields)).toEqual(new Set(['start', 'startDate', 'endDate']));
	});
});
