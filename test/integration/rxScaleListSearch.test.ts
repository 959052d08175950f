import fc from 'fast-check';
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeListSearchResult, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, Workflow } from 'n8n-workflow';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { RXSCALE_LIST_SEARCH } from '../../nodes/RxScale/actions';
import { RxScale } from '../../nodes/RxScale/RxScale.node';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { ORDER_COUNT } from '../sandbox/rxScale/organisation';
import type { RecordedRequest } from '../support/fakeVendor';
import { FakeVendor, offTargetRequests } from '../support/fakeVendor';
import { hostileString } from '../support/hostile';
import { ActionHarness, nodeTypesOf, PACKAGE, TestCredentialsHelper } from '../support/n8nCore';
import { VENDOR_KITS } from '../vendors';

/**
 * The RxScale node's resource locators: each "From List" (`methods.listSearch`) in n8n-core's
 * LoadOptionsContext against the sandbox (no filter, a search term, paging to the end), every
 * list mode the node's fields name backed by a method, and hostile filters, page tokens and vendor
 * answers never sending a request anywhere but the credential's API.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.server.reset());

const node = new RxScale();

function harness() {
	return new ActionHarness({ node, credentialTypes: [new RxScaleApi()], credentials: { rxScaleApi: sandbox.rxScale.credentials() } });
}

const calls = () => sandbox.server.requestsTo('rxScale');

async function search(method: string, parameter: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await harness().listSearch(method, { parameter, filter, paginationToken });
}

/** Every page of a list, following its tokens (at most `limit` pages). */
async function allPages(method: string, parameter: string, filter?: string, limit = 20): Promise<INodeListSearchResult[]> {
	const pages: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		const page = await search(method, parameter, filter, token);
		pages.push(page);
		token = page.paginationToken;
	} while (token !== undefined && pages.length < limit);
	return pages;
}

describe('every From List names a listSearch method of the node', () => {
	it('each resource locator mode of type list points at an existing method, and each method is used', () => {
		const used = node.description.properties.flatMap((property) =>
			(property.modes ?? []).flatMap((mode) => (mode.type === 'list' ? [String(mode.typeOptions?.searchListMethod)] : [])),
		);
		expect(new Set(used)).toEqual(new Set(Object.keys(node.methods.listSearch)));
		expect(used.sort()).toEqual(['searchOrders', 'searchPatients', 'searchSubscriptions']);
	});

	it('the Patient list asks for a search term (an email) before it lists anything; By ID and By Email are offered too', () => {
		const patient = node.description.properties.find((property) => property.name === 'patientUid')!;
		expect(patient.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'email']);
		expect(patient.modes?.[0].typeOptions).toMatchObject({ searchListMethod: 'searchPatients', searchFilterRequired: true });
		const order = node.description.properties.find((property) => property.name === 'orderUid')!;
		expect(order.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(order.modes?.[0].typeOptions?.searchFilterRequired).toBeUndefined();
	});
});

describe('Order: searchOrders', () => {
	it('without a filter: RxScale’s orders, 50 a page, named by UID, shop order, day and status, paged to the end without duplicates', async () => {
		const pages = await allPages('searchOrders', 'orderUid');
		const values = pages.flatMap((page) => page.results.map((result) => result.value));
		expect(pages).toHaveLength(Math.ceil(ORDER_COUNT / 50));
		expect(pages.slice(0, -1).every((page) => page.results.length === 50)).toBe(true);
		expect(pages.at(-1)?.paginationToken).toBeUndefined();
		expect(values).toEqual([...sandbox.rxScale.orders.keys()]);
		expect(new Set(values).size).toBe(ORDER_COUNT);

		const order = sandbox.rxScale.orders.get('ord-2002')!;
		expect(pages[0].results[1]).toEqual({
			name: `ord-2002 · ${order.shop_order.shop.identifier} ${order.shop_order.external_id} · 2026-01-01 · ${order.status}`,
			value: 'ord-2002',
		});
		expect(calls().map((call) => [call.path, call.query.page, call.query.limit, call.query.search])).toEqual(
			pages.map((_page, index) => ['/v1/management/orders', String(index), '50', undefined]),
		);
	});

	it('with a search term: RxScale searches (here the patient’s name), and the pages follow the same term', async () => {
		const pages = await allPages('searchOrders', 'orderUid', 'Erika Musterfrau');
		const values = pages.flatMap((page) => page.results.map((result) => result.value));
		const expected = [...sandbox.rxScale.orders.values()].filter((order) => order.patient_profile.uid === 'pat-3002').map((order) => order.uid);
		expect(expected.length).toBeGreaterThan(0);
		expect(values).toEqual(expected);
		expect(pages[0].paginationToken).toBeUndefined();
		expect(calls().every((call) => call.query.search === 'Erika Musterfrau')).toBe(true);
	});

	it('a second page via the token, and a pharmacy order UID finding its order', async () => {
		const first = await search('searchOrders', 'orderUid');
		const second = await search('searchOrders', 'orderUid', undefined, first.paginationToken);
		expect(first.paginationToken).toBe('1');
		expect(second.results.map((result) => result.value)).toEqual([...sandbox.rxScale.orders.keys()].slice(50, 100));
		expect(second.paginationToken).toBe('2');
		expect((await search('searchOrders', 'orderUid', ' po-1042 ')).results.map((result) => result.value)).toEqual(['ord-2042']);
		expect(await search('searchOrders', 'orderUid', 'no such order anywhere')).toEqual({ results: [] });
	});

	it('a key without order:read: RxScale’s refusal, naming the permission', async () => {
		sandbox.rxScale.keys.set('no-orders-key', ['patient:read']);
		const failure = new ActionHarness({
			node,
			credentialTypes: [new RxScaleApi()],
			credentials: { rxScaleApi: { ...sandbox.rxScale.credentials(), apiKey: 'no-orders-key' } },
		}).listSearch('searchOrders', { parameter: 'orderUid' });
		await expect(failure).rejects.toThrow('this API key lacks the permission "order:read"');
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
	});
});

describe('Patient: searchPatients', () => {
	it('RxScale lists no patients: empty, and no request, until an email is typed', async () => {
		expect(await search('searchPatients', 'patientUid')).toEqual({ results: [] });
		expect(await search('searchPatients', 'patientUid', 'Erika')).toEqual({ results: [] });
		expect(calls()).toEqual([]);
	});

	it('an email: the patient RxScale answers for it (the newest profile), named by name, email and date of birth; no further page', async () => {
		const result = await search('searchPatients', 'patientUid', ' erika@example.org ');
		expect(result).toEqual({ results: [{ name: 'Paul Musterfrau · Erika@Example.org · born 2012-03-14', value: 'pat-3006' }] });
		expect(calls().map((call) => [call.path, call.query])).toEqual([['/v1/management/patients', { email: 'erika@example.org' }]]);

		expect(await search('searchPatients', 'patientUid', 'lena@example.org')).toEqual({
			results: [{ name: 'Lena Schmidt · lena@example.org · born 1992-01-05', value: 'pat-3003' }],
		});
	});

	it('an email nobody has: an empty list, not an error', async () => {
		expect(await search('searchPatients', 'patientUid', 'nobody@example.org')).toEqual({ results: [] });
		expect(calls()).toHaveLength(1);
	});
});

describe('Subscription: searchSubscriptions', () => {
	beforeEach(() => {
		sandbox.rxScale.addSubscription('https://clinic.example.com/hooks/orders', 'pharmacy_order_created');
		sandbox.rxScale.addSubscription('https://clinic.example.com/hooks/orders', 'pharmacy_order_updated');
		sandbox.rxScale.addSubscription('https://stock.example.com/hook', 'pharmacy_sku_stock_updated');
	});

	it('without a filter: every active subscription, shown as event → address, in one page', async () => {
		const [first, second, third] = sandbox.rxScale.active();
		expect(await search('searchSubscriptions', 'subscription')).toEqual({
			results: [
				{ name: 'Pharmacy Order Created → https://clinic.example.com/hooks/orders', value: first.uid },
				{ name: 'Pharmacy Order Updated → https://clinic.example.com/hooks/orders', value: second.uid },
				{ name: 'Pharmacy SKU Stock Updated → https://stock.example.com/hook', value: third.uid },
			],
		});
	});

	it('with a filter: matched here on the event, its type and the address (RxScale answers the list whole)', async () => {
		const names = async (filter: string) => (await search('searchSubscriptions', 'subscription', filter)).results.map((result) => result.name);
		expect(await names('stock')).toEqual(['Pharmacy SKU Stock Updated → https://stock.example.com/hook']);
		expect(await names('order_updated')).toEqual(['Pharmacy Order Updated → https://clinic.example.com/hooks/orders']);
		expect(await names('clinic created')).toEqual(['Pharmacy Order Created → https://clinic.example.com/hooks/orders']);
		expect(await names('nothing-like-this')).toEqual([]);
		// A removed subscription is not offered.
		sandbox.rxScale.dropSubscription(sandbox.rxScale.active()[2].uid);
		expect(await names('stock')).toEqual([]);
	});
});

describe('hostile filters, page tokens and answers never send a request elsewhere', () => {
	const kit = VENDOR_KITS.rxScale;
	const baseUrl = kit.invariants.baseUrl;
	const credentials = kit.invariants.credentials({ apiKey: 'k-list-search', signingSecret: 's-list-search' });

	/** The method in n8n-core's LoadOptionsContext, its requests answered by a fake vendor. */
	async function searchWith(vendor: FakeVendor, method: string, filter?: string, paginationToken?: string) {
		const helper = new TestCredentialsHelper({ rxScaleApi: new RxScaleApi() }, { rxScaleApi: credentials });
		const actionNode: INode = {
			id: 'n',
			name: 'RxScale',
			type: `${PACKAGE}.rxScale`,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { rxScaleApi: { id: '1', name: 'rxScaleApi' } },
		};
		const workflow = new Workflow({ id: 'wf', name: 'Search', nodes: [actionNode], connections: {}, active: false, nodeTypes: nodeTypesOf(node) });
		const additionalData = { credentialsHelper: helper, currentNodeParameters: {}, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, workflow.getNode('RxScale')!, additionalData, 'parameters.x');
		context.helpers.httpRequestWithAuthentication = vendor.helper;
		return await (RXSCALE_LIST_SEARCH as Record<string, (this: LoadOptionsContext, filter?: string, token?: string) => Promise<INodeListSearchResult>>)[
			method
		].call(context, filter, paginationToken);
	}

	function vendorAnswering(values: string[], hostile: boolean): FakeVendor {
		let next = 0;
		const value = () => (hostile ? values[next++ % values.length] : `value-${++next}`);
		return new FakeVendor((request: RecordedRequest) => ({ status: 200, body: kit.invariants.answer(request, value) as IDataObject }));
	}

	it.each(Object.keys(RXSCALE_LIST_SEARCH))('%s', async (method) => {
		await fc.assert(
			fc.asyncProperty(hostileString(), fc.option(hostileString()), fc.boolean(), fc.array(hostileString(), { minLength: 1, maxLength: 5 }), async (filter, token, hostileAnswers, values) => {
				const vendor = vendorAnswering(values, hostileAnswers);
				let failure: unknown;
				let result: INodeListSearchResult | undefined;
				try {
					result = await searchWith(vendor, method, filter, token ?? undefined);
				} catch (error) {
					failure = error;
				}
				expect(offTargetRequests(vendor.requests, baseUrl)).toEqual([]);
				if (failure !== undefined) expect(failure instanceof NodeApiError || failure instanceof NodeOperationError).toBe(true);
				for (const item of result?.results ?? []) {
					expect(typeof item.name).toBe('string');
					expect(['string', 'number']).toContain(typeof item.value);
				}
				if (result?.paginationToken !== undefined) expect(result.paginationToken).toMatch(/^\d+$/);
			}),
			{ numRuns: 60, seed: 20261204 },
		);
	});

	it('a page token that is not a page number starts at the first page', async () => {
		const vendor = vendorAnswering([], false);
		await searchWith(vendor, 'searchOrders', undefined, '../../x?page=9');
		await searchWith(vendor, 'searchOrders', undefined, '3');
		expect(vendor.requests.map((request) => request.qs?.page)).toEqual([0, 3]);
	});
});

describe('hostile values in a resource locator (any mode, by expression) never send a request elsewhere', () => {
	const kit = VENDOR_KITS.rxScale;
	const baseUrl = kit.invariants.baseUrl;
	const actions = new ActionHarness({
		node,
		credentialTypes: [new RxScaleApi()],
		credentials: { rxScaleApi: kit.invariants.credentials({ apiKey: 'k-locators', signingSecret: 's-locators' }) },
	});
	const located: Array<[string, string, string[]]> = [
		['order:get', 'orderUid', ['list', 'id']],
		['patient:get', 'patientUid', ['list', 'id', 'email']],
		['prescription:get', 'prescriptionUid', ['id']],
		['subscription:delete', 'subscription', ['list', 'id']],
	];

	it.each(located)('%s (%s): a value by expression reaches RxScale in every mode (the test can inject)', async (key, field, modes) => {
		const [resource, operation] = key.split(':');
		for (const mode of modes) {
			const vendor = new FakeVendor((request: RecordedRequest) => ({
				status: 200,
				// The list a Delete looks the UID up in holds it.
				body: kit.invariants.answer(request, () => 'mkr424242') as IDataObject,
			}));
			const marker = mode === 'email' ? 'mkr424242@example.org' : 'mkr424242';
			await actions.run({
				parameters: { resource, operation, [field]: { __rl: true, mode, value: '={{ $json.hostile }}' } },
				items: [{ hostile: marker }],
				httpRequestWithAuthentication: vendor.helper,
			});
			expect(vendor.requests.length).toBeGreaterThan(0);
			expect(JSON.stringify(vendor.requests.map((request) => request.fullUrl))).toContain('mkr424242');
		}
	});

	it.each(located)('%s (%s)', async (key, field, modes) => {
		const [resource, operation] = key.split(':');
		await fc.assert(
			fc.asyncProperty(hostileString(), fc.constantFrom(...modes), fc.boolean(), fc.array(hostileString(), { minLength: 1, maxLength: 5 }), async (hostile, mode, hostileAnswers, values) => {
				let next = 0;
				const value = () => (hostileAnswers ? values[next++ % values.length] : `value-${++next}`);
				const vendor = new FakeVendor((request: RecordedRequest) => ({ status: 200, body: kit.invariants.answer(request, value) as IDataObject }));
				let failure: unknown;
				try {
					await actions.run({
						parameters: { resource, operation, [field]: { __rl: true, mode, value: '={{ $json.hostile }}' } },
						items: [{ hostile }],
						httpRequestWithAuthentication: vendor.helper,
					});
				} catch (error) {
					failure = error;
				}
				expect(offTargetRequests(vendor.requests, baseUrl)).toEqual([]);
				if (failure !== undefined) expect(failure instanceof NodeApiError || failure instanceof NodeOperationError).toBe(true);
			}),
			{ numRuns: 50, seed: 20261205 },
		);
	});
});
