import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import { Healthie } from '../../nodes/Healthie/Healthie.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { hostileString } from '../support/hostile';
import { ActionHarness } from '../support/n8nCore';

/**
 * The Healthie node's resource locators ("From List", n8n's `methods.listSearch`) and its list
 * operations (Patient and Appointment → Get Many), in n8n-core's own LoadOptionsContext and
 * ExecuteContext against the sandbox's GraphQL: what each search sends, the names it shows, how it
 * pages (a Relay connection in 2026-01-01, offset lists in the baseline, a fallback in between),
 * and that nothing typed or handed back as a page token leaves Healthie's endpoint or reaches it
 * other than as a GraphQL variable.
 */

let sandbox: Sandbox;
let healthie: ActionHarness;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => await sandbox.stop());

function harness(credentials: Record<string, string> = {}): ActionHarness {
	return new ActionHarness({
		node: new Healthie(),
		credentialTypes: [new HealthieApi()],
		credentials: { healthieApi: { ...sandbox.healthie.credentials(), ...credentials } },
	});
}

beforeEach(() => {
	sandbox.server.reset();
	healthie = harness();
});

const requests = () => sandbox.server.requestsTo('healthie');
const bodies = () => requests().map((call) => call.body as { query: string; variables: IDataObject });
const json = (output: INodeExecutionData[][]) => output[0].map((item) => item.json);

type Search = (filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;
const searcher = (method: string, parameter: string, on: ActionHarness = healthie): Search => async (filter, paginationToken) =>
	await on.listSearch(method, { parameter, filter, paginationToken });

/** Every page of a search, following its tokens (at most 10 pages). */
async function allPages(search: Search, filter?: string): Promise<{ pages: INodeListSearchResult[]; values: string[] }> {
	const pages: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		const page = await search(filter, token);
		pages.push(page);
		token = page.paginationToken;
	} while (token && pages.length < 10);
	return { pages, values: pages.flatMap((page) => page.results.map((result) => String(result.value))) };
}

const patientIds = () => [...sandbox.healthie.records.User.values()].filter((user) => user._member !== true).map((user) => user.id);
const memberIds = () => [...sandbox.healthie.records.User.values()].filter((user) => user._member === true).map((user) => user.id);

describe('From List: Patient (users, searched with keywords)', () => {
	const search = () => searcher('searchPatients', 'patientId');

	it('lists patients by name and date of birth, without providers', async () => {
		const page = await search()();
		expect(page.results).toEqual([
			{ name: 'Zoë Ångström (born 1985-12-10)', value: '1002' },
			{ name: 'Ada Lovelace (born 1985-12-10)', value: '1001' },
		]);
		expect(page.paginationToken).toBeUndefined();
		expect(bodies()[0].query).toMatch(/users\(first: \$first, after: \$after\)/);
		expect(bodies()[0].variables).toEqual({ first: 25 });
	});

	it('sends the typed text as Healthie’s keywords', async () => {
		const page = await search()('lovelace');
		expect(page.results).toEqual([{ name: 'Ada Lovelace (born 1985-12-10)', value: '1001' }]);
		expect(bodies()[0].variables).toEqual({ keywords: 'lovelace', first: 25 });
		expect(bodies()[0].query).toMatch(/\$keywords: String/);
	});

	it('shows the email when Healthie has no date of birth', async () => {
		sandbox.healthie.records.User.get('1001')!.dob = null;
		expect((await search()('Ada')).results).toEqual([{ name: 'Ada Lovelace (ada@example.org)', value: '1001' }]);
	});

	it('pages with the connection’s cursor: every patient once, then the end', async () => {
		sandbox.healthie.populate(30);
		const { pages, values } = await allPages(search());
		expect(pages.map((page) => page.results.length)).toEqual([25, 7]);
		expect(pages[0].paginationToken).toMatch(/^c:/);
		expect(new Set(values).size).toBe(values.length);
		expect(values.sort()).toEqual(patientIds().sort());
		expect(bodies()[1].variables).toEqual({ first: 25, after: pages[0].paginationToken!.slice(2) });
	});

	it('pages with a search term too', async () => {
		sandbox.healthie.populate(30);
		// "Amara" is the first name of patients 1, 16 and 31 of the generated ones; "Okafor" the last name of 1–15.
		const { values } = await allPages(search(), 'okafor');
		expect(values).toHaveLength(15);
		expect(bodies().every((body) => body.variables.keywords === 'okafor')).toBe(true);
	});
});

describe('From List: Provider, Appointment Type, Appointment, Form Answer Group', () => {
	it('providers: organisation members by name and email, searched and paged', async () => {
		const search = searcher('searchProviders', 'providerId');
		expect((await search()).results).toEqual([{ name: 'Jordan Reyes (jordan.reyes@sandbox-clinic.example)', value: '100' }]);
		expect(bodies()[0].query).toMatch(/organizationMembers\(/);

		sandbox.healthie.populate(30);
		expect((await search('reyes')).results.map((result) => result.value)).toEqual(['100']);
		const { pages, values } = await allPages(search);
		expect(pages.map((page) => page.results.length)).toEqual([25, 6]);
		expect(values.sort()).toEqual(memberIds().sort());
	});

	it('appointment types: name and duration, searched and paged', async () => {
		const search = searcher('searchAppointmentTypes', 'appointmentTypeId');
		expect((await search()).results).toEqual([
			{ name: 'Initial consultation (30 min)', value: '12' },
			{ name: 'Follow-up visit (15 min)', value: '13' },
		]);
		expect((await search('follow')).results).toEqual([{ name: 'Follow-up visit (15 min)', value: '13' }]);
		expect(bodies().at(-1)?.variables).toEqual({ keywords: 'follow', first: 25 });

		sandbox.healthie.populate(30);
		const { pages, values } = await allPages(search);
		expect(pages.map((page) => page.results.length)).toEqual([25, 7]);
		expect(new Set(values).size).toBe(32);
	});

	it('appointments: upcoming ones of every provider, soonest first, named by time, type and patient', async () => {
		const search = searcher('searchAppointments', 'appointmentId');
		// Of the four seeded appointments two are past (3001) or deleted (3002): From List shows the upcoming ones.
		const seeded = await search();
		expect(seeded.results.map((result) => result.value)).toEqual(['3003', '3004']);
		expect(seeded.results[0].name).toMatch(/^\d{4}-\d{2}-\d{2} 10:00 E[SD]T · Follow-up visit · Ada Lovelace$/);
		expect(bodies()[0].variables).toEqual({ is_org: true, filter: 'future', order_by: 'DATE_ASC', first: 25 });
		expect((await search('Ångström')).results.map((result) => result.value)).toEqual(['3004']);

		sandbox.healthie.populate(30);
		const { pages, values } = await allPages(search);
		expect(pages.map((page) => page.results.length)).toEqual([25, 7]);
		expect(new Set(values).size).toBe(32);
		const [first] = pages[0].results;
		const soonest = sandbox.healthie.records.Appointment.get(String(first.value))!;
		expect(first.name).toBe(`${String(soonest.date).slice(0, 16)} ${String(soonest.timezone_abbr)} · Initial consultation · ${String((soonest.user as IDataObject).full_name)}`);
		expect(first.name).toMatch(/^\d{4}-\d{2}-\d{2} 09:00 E[SD]T · Initial consultation · /);

		const [only] = (await search('Okafor-01')).results;
		expect(only.name).toMatch(/· Amara Okafor-01$/);
	});

	it('form answer groups: newest first, filtered here (Healthie has no keyword search for them), paged', async () => {
		const search = searcher('searchFormAnswerGroups', 'formAnswerGroupId');
		expect((await search()).results).toEqual([{ name: 'New patient intake · Ada Lovelace · 2026-02-03', value: '4001' }]);
		expect(bodies()[0].variables).toEqual({ first: 25 });

		sandbox.healthie.populate(30);
		const { pages, values } = await allPages(search);
		expect(pages.map((page) => page.results.length)).toEqual([25, 6]);
		expect(new Set(values).size).toBe(31);
		const history = await allPages(search, 'health history');
		expect(history.values).toHaveLength(15);
		expect(history.pages.flatMap((page) => page.results).every((result) => result.name.startsWith('Health history · '))).toBe(true);
	});
});

describe('the list form by API version', () => {
	it('baseline (no version header): offset lists with should_paginate, paged by offset', async () => {
		sandbox.healthie.populate(30);
		const search = searcher('searchPatients', 'patientId', harness({ apiVersion: 'none' }));
		const { pages, values } = await allPages(search);
		// 7 rows: shorter than both the page asked for and Healthie's default page (10), so the last.
		expect(pages.map((page) => page.paginationToken)).toEqual(['o:25', undefined]);
		expect(values.sort()).toEqual(patientIds().sort());
		expect(bodies()[0].query).toMatch(/users\(should_paginate: \$should_paginate, offset: \$offset, page_size: \$page_size\)/);
		expect(bodies()[1].variables).toEqual({ should_paginate: true, offset: 25, page_size: 25 });
	});

	it('a list that honours a smaller page than asked for is still read to its end', async () => {
		sandbox.healthie.populate(30);
		sandbox.healthie.collectionPageSizeCap = 10;
		const on = harness({ apiVersion: 'none' });
		const { values } = await allPages(searcher('searchPatients', 'patientId', on));
		expect(values.sort()).toEqual(patientIds().sort());
		const [all] = await on.run({ parameters: { resource: 'patient', operation: 'getAll', returnAll: true } });
		expect(all.map((item) => String(item.json.id)).sort()).toEqual(patientIds().sort());
	});

	it('between the releases: the likelier form first, then the other when Healthie refuses its fields', async () => {
		// 2025-10-15: a connection is likelier; this sandbox still answers lists there.
		const on = harness({ apiVersion: '2025-10-15' });
		expect((await on.listSearch('searchPatients', { parameter: 'patientId' })).results).toHaveLength(2);
		expect(bodies().map((body) => /nodes \{/.test(body.query))).toEqual([true, false]);

		sandbox.server.reset();
		sandbox.healthie.collectionsConnectionFrom = '2025-10-15';
		expect((await on.listSearch('searchPatients', { parameter: 'patientId' })).results).toHaveLength(2);
		expect(requests()).toHaveLength(1);
	});

	it('baseline appointments: dates and the default "future" as the baseline schema has them', async () => {
		const on = harness({ apiVersion: 'none' });
		await on.run({
			parameters: {
				resource: 'appointment',
				operation: 'getAll',
				returnAll: true,
				filters: { startDate: '2026-02-01T00:00:00', endDate: '2026-03-31T23:59:00', when: 'past' },
			},
		});
		expect(bodies()[0].query).toMatch(/\$startDate: String, \$endDate: String/);
		expect(bodies()[0].variables).toMatchObject({ startDate: '2026-02-01T00:00:00-05:00', endDate: '2026-03-31T23:59:00-04:00', filter: 'past' });
	});
});

describe('page tokens and typed text are data, never addresses', () => {
	it('a token the node did not make is refused before any request', async () => {
		for (const token of ['x:1', 'o:-1', 'o:abc', 'c:', 'o:1e9', '../../graphql']) {
			await expect(healthie.listSearch('searchPatients', { parameter: 'patientId', paginationToken: token })).rejects.toBeInstanceOf(
				NodeOperationError,
			);
		}
		expect(requests()).toHaveLength(0);
	});

	it('hostile search text and cursors reach Healthie only as variables, at its one endpoint', async () => {
		const methods = ['searchPatients', 'searchProviders', 'searchAppointmentTypes', 'searchAppointments', 'searchFormAnswerGroups'];
		const search = async (method: string, filter: string, paginationToken?: string) => {
			try {
				await healthie.listSearch(method, { parameter: 'id', filter, paginationToken });
			} catch (error) {
				// A cursor Healthie does not know is refused in Healthie's words, an empty one before any request.
				expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
			}
		};
		// The documents the searches send with ordinary text: hostile text must not change them.
		for (const method of methods) {
			for (const filter of ['', 'plain']) {
				await search(method, filter);
				await search(method, filter, 'c:abc');
			}
		}
		const documents = new Set(bodies().map((body) => body.query));
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...methods), hostileString(), hostileString(), async (method, filter, cursor) => {
				sandbox.server.reset();
				await search(method, filter);
				await search(method, filter, `c:${cursor}`);
				for (const call of requests()) {
					expect(call.path).toBe('/graphql');
					const body = call.body as { query: string; variables: IDataObject };
					expect(documents.has(body.query)).toBe(true);
					if (body.variables.after !== undefined) expect(body.variables.after).toBe(cursor);
				}
			}),
			{ numRuns: 25, seed: 20261204 },
		);
	});
});

describe('Patient → Get Many', () => {
	const getMany = (more: IDataObject) => ({ resource: 'patient', operation: 'getAll', ...more });

	it('Limit: at most that many, reading only the pages needed', async () => {
		sandbox.healthie.populate(30);
		const patients = json(await healthie.run({ parameters: getMany({ limit: 5 }) }));
		expect(patients).toHaveLength(5);
		expect(bodies()).toHaveLength(1);
		expect(bodies()[0].variables).toEqual({ first: 5 });
		expect(patients[0]).toMatchObject({ id: expect.any(String), first_name: expect.any(String), user_group: { name: 'New patients' } });
	});

	it('Return All: every patient once, page after page', async () => {
		sandbox.healthie.populate(30);
		const patients = json(await healthie.run({ parameters: getMany({ returnAll: true }) }));
		expect(patients.map((patient) => String(patient.id)).sort()).toEqual(patientIds().sort());
		expect(bodies().map((body) => body.variables.first)).toEqual([25, 25]);
	});

	it('filters: search, provider (a From List value), status, group', async () => {
		sandbox.healthie.records.User.get('1002')!.active = false;
		const found = json(
			await healthie.run({
				parameters: getMany({
					returnAll: true,
					filters: { keywords: 'example.org', provider_id: { __rl: true, mode: 'list', value: '100', cachedResultName: 'Jordan Reyes' }, active_status: 'archived', group_id: '7' },
				}),
			}),
		);
		expect(found.map((patient) => patient.id)).toEqual(['1002']);
		expect(bodies()[0].variables).toEqual({ keywords: 'example.org', provider_id: '100', group_id: '7', active_status: 'archived', first: 25 });
	});

	it('a Limit that is not a whole number is refused before any request', async () => {
		await expect(healthie.run({ parameters: getMany({ limit: 0 }) })).rejects.toThrow('Limit must be at least 1');
		expect(requests()).toHaveLength(0);
	});
});

describe('Appointment → Get Many', () => {
	const getMany = (filters: IDataObject, more: IDataObject = {}) => ({ resource: 'appointment', operation: 'getAll', returnAll: true, filters, ...more });

	it('by patient (a From List value), with every status, of the whole organisation', async () => {
		const found = json(
			await healthie.run({ parameters: getMany({ patientId: { __rl: true, mode: 'list', value: '1001' }, status: 'all', when: 'past' }) }),
		);
		// 3002 was deleted: Healthie lists deleted appointments nowhere.
		expect(found.map((appointment) => appointment.id)).toEqual(['3001']);
		expect(bodies()[0].variables).toEqual({ is_org: true, user_id: '1001', filter: 'past', with_all_statuses: true, order_by: 'DATE_ASC', first: 25 });
	});

	it('a date range: picked values read in the workflow’s zone (n8n’s default America/New_York), EST and EDT', async () => {
		await healthie.run({ parameters: getMany({ startDate: '2026-01-15T00:00:00', endDate: '2026-07-15T23:59:59' }) });
		expect(bodies()[0].variables).toMatchObject({ startDate: '2026-01-15T00:00:00-05:00', endDate: '2026-07-15T23:59:59-04:00' });
		expect(bodies()[0].query).toMatch(/\$startDate: ISO8601DateTime, \$endDate: ISO8601DateTime/);
	});

	it('a date range in the Time Zone given (Europe/London: GMT and BST), a zoned value kept as its instant', async () => {
		await healthie.run({
			parameters: getMany({ startDate: '2026-01-15T09:00:00', endDate: '2026-07-15T17:30:00.000Z', timeZone: 'Europe/London' }),
		});
		expect(bodies()[0].variables).toMatchObject({ startDate: '2026-01-15T09:00:00+00:00', endDate: '2026-07-15T18:30:00+01:00' });
	});

	it('finds what the range holds', async () => {
		sandbox.healthie.populate(5);
		const tomorrow = sandbox.healthie.records.Appointment.get('3500')!;
		const day = String(tomorrow.date).slice(0, 10);
		const found = json(await healthie.run({ parameters: getMany({ startDate: `${day}T00:00:00`, endDate: `${day}T23:59:59` }) }));
		expect(found.map((appointment) => appointment.id)).toEqual(['3500']);
	});

	it.each([
		['a Start Date without an End Date', { startDate: '2026-01-15T00:00:00' }, /Start Date and End Date go together/],
		['a range that ends before it starts', { startDate: '2026-02-01T00:00:00', endDate: '2026-01-01T00:00:00' }, /must not be after End Date/],
		['a date that is not one', { startDate: 'next tuesday', endDate: '2026-01-01T00:00:00' }, /Start Date must be a date and time/],
		['a time zone that is not one', { startDate: '2026-01-01T00:00:00', endDate: '2026-01-02T00:00:00', timeZone: 'Mars/Olympus' }, /Time Zone "Mars\/Olympus"/],
	])('refuses %s before any request', async (_name, filters, message) => {
		await expect(healthie.run({ parameters: getMany(filters) })).rejects.toThrow(message);
		expect(requests()).toHaveLength(0);
	});

	it('in the baseline, a page shorter than asked for ends the list', async () => {
		sandbox.healthie.populate(30);
		const found = json(await harness({ apiVersion: 'none' }).run({ parameters: getMany({ when: 'future' }) }));
		expect(found).toHaveLength(32);
		expect(bodies().map((body) => body.variables.offset)).toEqual([0, 25]);
	});
});
