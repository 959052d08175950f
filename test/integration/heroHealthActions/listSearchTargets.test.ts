import fc from 'fast-check';
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, Workflow } from 'n8n-workflow';

import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import type { Responder } from '../../support/fakeVendor';
import { FakeVendor, offTargetRequests } from '../../support/fakeVendor';
import { hostileString } from '../../support/hostile';
import { nodeTypesOf, PACKAGE, TestCredentialsHelper } from '../../support/n8nCore';
import { cycling, plainValues, VENDORS } from '../invariants/vendors';

/**
 * The request-target invariant (test/integration/invariants/requestTargets.test.ts) for the Hero
 * Health node's From Lists, which the shared suite does not reach: whatever the typed filter, the
 * page token, the IDs already chosen in the node and Hero's answers hold, every request stays below
 * the credential's API root, and a refusal is n8n's own NodeApiError / NodeOperationError. The
 * methods run in n8n-core's LoadOptionsContext with a recording fake Hero in place of n8n's HTTP.
 */

const SEED = 20261126;
const RUNS = 60;
const hero = VENDORS.heroHealth;
const node = new HeroHealth();
const METHODS = Object.keys(node.methods!.listSearch!);

function context(parameters: IDataObject, vendor: FakeVendor): LoadOptionsContext {
	const credentialsHelper = new TestCredentialsHelper(
		{ heroHealthApi: new HeroHealthApi() },
		{ heroHealthApi: hero.credentials({ apiKey: 'k-search', signingSecret: 's-search' }) },
	);
	const description: INode = {
		id: 'action-node',
		name: 'Hero Health',
		type: `${PACKAGE}.heroHealth`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { heroHealthApi: { id: '1', name: 'heroHealthApi' } },
	};
	const workflow = new Workflow({ id: 'wf', name: 'Search', nodes: [description], connections: {}, active: false, nodeTypes: nodeTypesOf(node) });
	const additionalData = { credentialsHelper, currentNodeParameters: parameters, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const loadOptions = new LoadOptionsContext(workflow, workflow.getNode(description.name)!, additionalData, 'parameters.x');
	loadOptions.helpers.httpRequestWithAuthentication = vendor.helper;
	return loadOptions;
}

type Mode = 'plausible' | 'hostile' | 'emptyData' | 'emptyObject';

function answering(mode: Mode, values: string[]): Responder {
	const value = mode === 'hostile' ? cycling(values) : plainValues();
	return (request) => {
		if (mode === 'emptyData') return { status: 200, body: { data: [] } };
		if (mode === 'emptyObject') return { status: 200, body: {} };
		return { status: 200, body: hero.answer(request, value) };
	};
}

/** A page token: none, one the node would give, or one changed by an attacker. */
const token = fc.oneof(
	fc.constant(undefined),
	fc.constantFrom('2', '7', '2:31,32'),
	hostileString(),
	hostileString().map((text) => `2:${text}`),
);

const locator = (value: string) => ({ __rl: true, mode: 'list', value });

describe('Hero Health From Lists: the request-target invariant', () => {
	it.each(METHODS)('%s: no filter, token, chosen ID or answer sends a request outside the credential’s API', async (method) => {
		await fc.assert(
			fc.asyncProperty(
				fc.option(hostileString(), { nil: undefined }),
				token,
				hostileString(),
				fc.constantFrom('appointment', 'slot', 'link'),
				fc.constantFrom<Mode>('plausible', 'hostile', 'hostile', 'emptyData', 'emptyObject'),
				fc.array(hostileString(), { minLength: 1, maxLength: 6 }),
				async (filter, paginationToken, chosen, resource, mode, answerValues) => {
					const vendor = new FakeVendor(answering(mode, answerValues));
					const parameters = { resource, appointmentTypeId: locator(chosen), locationId: chosen, filters: { locationId: locator(chosen) } };
					let failure: unknown;
					try {
						const result = await node.methods!.listSearch![method].call(context(parameters, vendor), filter, paginationToken);
						for (const item of result.results) expect(typeof item.name).toBe('string');
					} catch (error) {
						failure = error;
					}
					expect(offTargetRequests(vendor.requests, hero.baseUrl)).toEqual([]);
					if (failure !== undefined) {
						expect(failure instanceof NodeApiError || failure instanceof NodeOperationError).toBe(true);
						expect((failure as Error).message).not.toMatch(/Cannot read propert|is not a function|is not iterable|undefined is not/);
					}
				},
			),
			{ numRuns: RUNS, seed: SEED },
		);
	});

	it.each(METHODS)('%s: the suite reaches Hero with the chosen IDs (it can inject)', async (method) => {
		const vendor = new FakeVendor(answering('plausible', []));
		await node.methods!.listSearch![method].call(
			context({ resource: 'appointment', appointmentTypeId: locator('mkr424242'), locationId: 'mkr424242' }, vendor),
			undefined,
			undefined,
		);
		expect(vendor.requests.length).toBeGreaterThan(0);
		const chosenReachesHero = ['searchSlots', 'searchPractitioners', 'searchAppointmentTypes'].includes(method);
		expect(JSON.stringify(vendor.requests.map((request) => request.qs)).includes('mkr424242')).toBe(chosenReachesHero);
	});
});
