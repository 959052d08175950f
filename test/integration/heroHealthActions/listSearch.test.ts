import type { IDataObject, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { HeroSlot } from '../../sandbox/heroHealth/practice';
import { heroActions } from './setup';

/**
 * The From List of every Hero Health resource locator, run as the editor runs it (n8n-core's
 * LoadOptionsContext) against the Hero sandbox: what each list shows and how it is named, the typed
 * filter, the node's already chosen Appointment Type and Location, and Hero's paging followed
 * through the returned tokens to the end, with nothing listed twice.
 */

const hero = heroActions();

/** A resource locator's stored value, as the editor keeps it in the node's parameters. */
const picked = (value: string) => ({ __rl: true, mode: 'list', value });

const reserve = (fields: IDataObject = {}) => ({ resource: 'appointment', operation: 'reserve', ...fields });

function everything(pages: INodeListSearchResult[]): INodeListSearchItems[] {
	return pages.flatMap((page) => page.results);
}

function expectNoDuplicates(items: INodeListSearchItems[]) {
	const values = items.map((item) => item.value);
	expect(values.length).toBeGreaterThan(0);
	expect(new Set(values).size).toBe(values.length);
}

/** The free slots the sandbox lists, in its order, optionally of one type and location. */
function freeSlots(filter: Partial<HeroSlot> = {}): HeroSlot[] {
	const taken = new Set(
		[...hero.sandbox.heroHealth.appointments.values()]
			.filter((appointment) => appointment.booking_confirmed_at || appointment.reserved_until)
			.map((appointment) => `${appointment.practitioner_id} ${Date.parse(appointment.start_time ?? '')}`),
	);
	return hero.sandbox.heroHealth.slots.filter(
		(slot) =>
			!taken.has(`${slot.practitioner_id} ${Date.parse(slot.start_time)}`) &&
			Object.entries(filter).every(([key, value]) => slot[key as keyof HeroSlot] === value),
	);
}

describe('Appointment Type: From List', () => {
	it('lists every appointment type by its name and length, with its Hero ID as the value', async () => {
		const { results, paginationToken } = await hero.search('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve() });
		expect(paginationToken).toBeUndefined();
		expect(results).toEqual(
			hero.sandbox.heroHealth.appointmentTypes.map((type) => ({ name: `${type.name} (${type.duration} min)`, value: type.id })),
		);
		expect(results).toContainEqual({ name: 'Nurse appointment (15 min)', value: '2' });
	});

	it('finds by a typed word, in any case', async () => {
		const { results } = await hero.search('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve(), filter: 'NURSE' });
		expect(results).toEqual([{ name: 'Nurse appointment (15 min)', value: '2' }]);
		const none = await hero.search('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve(), filter: 'dentist' });
		expect(none.results).toEqual([]);
	});

	it('asks Hero only for the types of the location already chosen in the node', async () => {
		await hero.search('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve({ locationId: picked('6') }) });
		const [request] = hero.requests({ method: 'GET', path: '/v1/appointment_types' });
		expect(request.query.location_ids).toBe('6');
	});

	it('pages through many types with the token, each listed once, until the list ends', async () => {
		const sim = hero.sandbox.heroHealth;
		for (let n = 1; n <= 120; n++) {
			sim.appointmentTypes.push({ ...sim.appointmentTypes[0], id: String(100 + n), name: `Clinic ${n}`, duration: 20 });
		}
		const pages = await hero.searchAll('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve() });
		expect(pages.length).toBeGreaterThan(1);
		expect(pages.at(-1)!.paginationToken).toBeUndefined();
		const items = everything(pages);
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual(sim.appointmentTypes.map((type) => type.id));

		const clinics = everything(
			await hero.searchAll('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve(), filter: 'clinic 11' }),
		);
		expect(clinics.map((item) => item.name)).toEqual(
			['Clinic 11', ...Array.from({ length: 10 }, (_, n) => `Clinic ${110 + n}`)].map((name) => `${name} (20 min)`),
		);
	});

	it('lists each type once when Hero counts pages from 1', async () => {
		const sim = hero.sandbox.heroHealth;
		sim.pageBase = 1;
		for (let n = 1; n <= 120; n++) sim.appointmentTypes.push({ ...sim.appointmentTypes[0], id: String(100 + n), name: `Clinic ${n}` });
		const items = everything(await hero.searchAll('searchAppointmentTypes', { parameter: 'appointmentTypeId', parameters: reserve() }));
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual(sim.appointmentTypes.map((type) => type.id));
	});
});

describe('Location: From List', () => {
	it('lists the booking locations by name and postcode', async () => {
		const { results } = await hero.search('searchLocations', { parameter: 'locationId', parameters: reserve() });
		expect(results).toEqual([
			{ name: 'Leeds Road Surgery (LS1 4AP)', value: '5' },
			{ name: 'Park Lane Branch (LS6 2QB)', value: '6' },
		]);
		const { results: found } = await hero.search('searchLocations', { parameter: 'locationId', parameters: reserve(), filter: 'park' });
		expect(found).toEqual([{ name: 'Park Lane Branch (LS6 2QB)', value: '6' }]);
	});

	it('pages through many locations, each once, to the end', async () => {
		const sim = hero.sandbox.heroHealth;
		for (let n = 1; n <= 110; n++) sim.locations.push({ id: String(1000 + n), name: `Branch ${n}`, postcode: 'LS1 1AA' });
		const pages = await hero.searchAll('searchLocations', { parameter: 'locationId', parameters: reserve() });
		expect(pages.map((page) => page.results.length)).toEqual([100, 12]);
		expect(pages.map((page) => page.paginationToken)).toEqual(['2', undefined]);
		const items = everything(pages);
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual(sim.locations.map((location) => location.id));
	});
});

describe('Slot: From List', () => {
	it('in Reserve, lists the free slots of the chosen type and location, named by their UK start and practitioner', async () => {
		const { results, paginationToken } = await hero.search('searchSlots', {
			parameter: 'slotId',
			parameters: reserve({ appointmentTypeId: picked('2'), locationId: picked('5') }),
		});
		expect(paginationToken).toBeUndefined();
		expect(results.map((item) => item.value)).toEqual(freeSlots({ appointment_type_id: '2', location_id: '5' }).map((slot) => slot.id));
		// 4 March 2030 is in GMT: the UK clock shows UTC.
		expect(results[0]).toEqual({ name: 'Mon 4 Mar 2030, 09:00–09:15 · Practitioner 32', value: results[0].value });
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots' });
		expect(request.query).toMatchObject({ appointment_type_id: '2', location_id: '5' });
	});

	it('names a summer slot in BST, an hour ahead of UTC', async () => {
		hero.sandbox.heroHealth.slots.push({
			id: '9901',
			practitioner_id: '31',
			appointment_type_id: '4',
			location_id: '5',
			start_time: '2030-07-01T08:00:00.000Z',
			finish_time: '2030-07-01T08:30:00.000Z',
		});
		const { results } = await hero.search('searchSlots', {
			parameter: 'slotId',
			parameters: reserve({ appointmentTypeId: picked('4'), locationId: picked('5') }),
		});
		expect(results).toEqual([{ name: 'Mon 1 Jul 2030, 09:00–09:30 · Practitioner 31', value: '9901' }]);
	});

	it('finds slots by a typed day and time', async () => {
		const parameters = reserve({ appointmentTypeId: picked('2'), locationId: picked('5') });
		const { results } = await hero.search('searchSlots', { parameter: 'slotId', parameters, filter: 'TUE' });
		const tuesday = freeSlots({ appointment_type_id: '2', location_id: '5' }).filter((slot) => slot.start_time.startsWith('2030-03-05'));
		expect(results.map((item) => item.value)).toEqual(tuesday.map((slot) => slot.id));
		expect(results).toHaveLength(4);

		const { results: atTen } = await hero.search('searchSlots', { parameter: 'slotId', parameters, filter: 'wed 09:45–10:00' });
		expect(atTen).toEqual([{ name: 'Wed 6 Mar 2030, 09:45–10:00 · Practitioner 32', value: expect.any(String) }]);
	});

	it('no longer lists a slot once it is reserved', async () => {
		const parameters = reserve({ appointmentTypeId: picked('2'), locationId: picked('5') });
		const before = await hero.search('searchSlots', { parameter: 'slotId', parameters });
		await hero.json(reserve({ appointmentTypeId: '2', locationId: '5', slotId: before.results[0].value, patientId: '501' }));
		const after = await hero.search('searchSlots', { parameter: 'slotId', parameters });
		expect(after.results.map((item) => item.value)).toEqual(before.results.slice(1).map((item) => item.value));
	});

	it('in Slot → Get (no type or location chosen), pages through every free slot once, to the end', async () => {
		const pages = await hero.searchAll('searchSlots', { parameter: 'slotId', parameters: { resource: 'slot', operation: 'get' } });
		expect(pages.length).toBeGreaterThan(1);
		expect(pages.at(-1)!.paginationToken).toBeUndefined();
		const items = everything(pages);
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual(freeSlots().map((slot) => slot.id));
		expect(hero.requests({ method: 'GET', path: '/v1/slots' }).every((request) => request.query.appointment_type_id === undefined)).toBe(true);
	});

	it('filters by the type and location of Slot → Get Many’s Filters, and not by an expression it cannot read yet', async () => {
		const filtered = await hero.search('searchPractitioners', {
			parameter: 'filters.practitionerId',
			parameters: { resource: 'slot', operation: 'getAll', filters: { appointmentTypeId: picked('3') } },
		});
		expect(filtered.results.map((item) => item.value)).toEqual(['31']);

		const expression = await hero.search('searchSlots', {
			parameter: 'slotId',
			parameters: reserve({ appointmentTypeId: { __rl: true, mode: 'id', value: '={{ $json.type }}' }, locationId: '5' }),
		});
		expect(expression.results.map((item) => item.value)).toEqual(freeSlots({ location_id: '5' }).slice(0, 100).map((slot) => slot.id));
	});
});

describe('Practitioner: From List (from the slots: Hero has no practitioner list)', () => {
	it('lists the practitioners of the free slots, named by their ID and the appointment types they offer', async () => {
		const { results, paginationToken } = await hero.search('searchPractitioners', {
			parameter: 'practitionerId',
			parameters: { resource: 'appointment', operation: 'update' },
		});
		expect(paginationToken).toBeUndefined();
		expect(results).toEqual([
			{ name: 'Practitioner 31 (GP appointment, Telephone consultation)', value: '31' },
			{ name: 'Practitioner 32 (Nurse appointment)', value: '32' },
		]);
	});

	it('offers only the practitioners of the chosen appointment type and location, and finds by a typed word', async () => {
		const chosen = await hero.search('searchPractitioners', {
			parameter: 'practitionerId',
			parameters: reserve({ timeFrom: 'manual', appointmentTypeId: picked('2'), locationId: picked('6') }),
		});
		expect(chosen.results).toEqual([{ name: 'Practitioner 32 (Nurse appointment)', value: '32' }]);
		const [request] = hero.requests({ method: 'GET', path: '/v1/slots' });
		expect(request.query).toMatchObject({ appointment_type_id: '2', location_id: '6' });

		const typed = await hero.search('searchPractitioners', {
			parameter: 'practitionerId',
			parameters: { resource: 'appointment', operation: 'reschedule' },
			filter: 'telephone',
		});
		expect(typed.results.map((item) => item.value)).toEqual(['31']);
	});

	it('pages through the slots for practitioners with the token, each practitioner once, to the end', async () => {
		const sim = hero.sandbox.heroHealth;
		// 30 more practitioners, each with 4 slots in the week after the seeded one.
		for (let p = 0; p < 30; p++) {
			const id = String(40 + p);
			sim.practitioners.push({ id, name: `Locum ${id}`, practitioner_type: 'GP' });
			for (let n = 0; n < 4; n++) {
				const start = Date.parse('2030-03-11T09:00:00Z') + (p * 4 + n) * 10 * 60_000;
				sim.slots.push({
					id: String(20_000 + p * 4 + n),
					practitioner_id: id,
					appointment_type_id: '1',
					location_id: '6',
					start_time: new Date(start).toISOString(),
					finish_time: new Date(start + 10 * 60_000).toISOString(),
				});
			}
		}
		const pages = await hero.searchAll('searchPractitioners', { parameter: 'practitionerId', parameters: { resource: 'appointment', operation: 'update' } });
		expect(pages.length).toBeGreaterThan(1);
		expect(pages[0].paginationToken).toMatch(/^\d+:/);
		expect(pages.at(-1)!.paginationToken).toBeUndefined();
		const items = everything(pages);
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual([...new Set(sim.slots.map((slot) => slot.practitioner_id))]);
		expect(items).toContainEqual({ name: 'Practitioner 69 (GP appointment)', value: '69' });
	});
});

describe('Batch Message: From List', () => {
	async function createBatch(name: string, channel = 'SMS') {
		const [batch] = await hero.json({
			resource: 'batchMessage',
			operation: 'create',
			name,
			channel,
			subject: 'Invitation',
			content: 'Please book',
			recipientsInput: 'fields',
			recipients: { recipient: [{ nhs_number: '943 476 5919', dob: '1985-12-10' }] },
		});
		return batch;
	}

	it('lists the batches by name, channel and status', async () => {
		const flu = await createBatch('Flu clinic');
		const covid = await createBatch('Covid boosters', 'EMAIL');
		await hero.json({ resource: 'batchMessage', operation: 'send', batchId: covid.id });

		const { results } = await hero.search('searchBatchMessages', { parameter: 'batchId', parameters: { resource: 'batchMessage', operation: 'send' } });
		expect(results).toEqual([
			{ name: 'Flu clinic (SMS, created)', value: flu.id },
			{ name: 'Covid boosters (email, completed)', value: covid.id },
		]);
		const found = await hero.search('searchBatchMessages', { parameter: 'batchId', parameters: {}, filter: 'flu' });
		expect(found.results.map((item) => item.value)).toEqual([flu.id]);
	});

	it('pages through many batches, each once, to the end', async () => {
		const sim = hero.sandbox.heroHealth;
		for (let n = 1; n <= 130; n++) {
			const id = String(5000 + n);
			sim.batches.set(id, { id, name: `Recall ${n}`, status: 'CREATED', channel: 'NHS_APP', content: 'Recall', recipients: [], messages: [] });
		}
		const pages = await hero.searchAll('searchBatchMessages', { parameter: 'batchId', parameters: {} });
		expect(pages.map((page) => page.results.length)).toEqual([100, 30]);
		const items = everything(pages);
		expectNoDuplicates(items);
		expect(items.map((item) => item.value)).toEqual([...sim.batches.keys()]);
		expect(items[0].name).toBe('Recall 1 (NHS App, created)');
	});
});

describe('every From List', () => {
	it.each(['searchAppointmentTypes', 'searchLocations', 'searchSlots', 'searchPractitioners', 'searchBatchMessages'])(
		'%s refuses a page token it never gave, before any request',
		async (method) => {
			for (const paginationToken of ['../x', '2; rm', 'https://evil.example/', '-1', '1e3', '2:31,%E0%A4%A']) {
				await expect(hero.search(method, { parameter: 'x', parameters: reserve(), paginationToken })).rejects.toThrow(
					/page token is not one this node gave/,
				);
			}
			expect(hero.requests()).toEqual([]);
		},
	);

	it('shows Hero’s refusal of the key in Hero’s words', async () => {
		hero.useCredentials({ apiKey: 'wrong' });
		await expect(hero.search('searchLocations', { parameter: 'locationId', parameters: reserve() })).rejects.toThrow(/Hero Health refused the API key/);
	});
});
