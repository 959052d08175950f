import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeListSearchResult } from 'n8n-workflow';

import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { HeroSimulationOptions } from '../../sandbox/heroHealth';
import type { RecordedRequest } from '../../sandbox/server';
import type { ActionRun } from '../../support/n8nCore';
import { ActionHarness } from '../../support/n8nCore';

/**
 * The Hero Health action node's real code in n8n-core's ExecuteContext, against the sandbox over
 * real HTTP. One sandbox per test file, reset before each test.
 */

/** A Monday far enough ahead that no reservation or cancellation rule depends on today's date. */
export const CALENDAR_START = '2030-03-04';

export interface HeroActions {
	readonly sandbox: Sandbox;
	/** Runs the node; resolves with its output items. */
	items(parameters: IDataObject, run?: Omit<ActionRun, 'parameters'>): Promise<INodeExecutionData[]>;
	/** Runs the node; resolves with every output item's JSON. */
	json(parameters: IDataObject, run?: Omit<ActionRun, 'parameters'>): Promise<IDataObject[]>;
	/** Runs the node; resolves with the error it stopped with. */
	failure(parameters: IDataObject, run?: Omit<ActionRun, 'parameters'>): Promise<Error & { description?: string; httpCode?: string; context?: IDataObject }>;
	/** The API calls the Hero sandbox received in this test. */
	requests(filter?: Partial<Pick<RecordedRequest, 'method' | 'path'>>): RecordedRequest[];
	/** Changes the credential for this test (e.g. a wrong key). */
	useCredentials(overrides: ICredentialDataDecryptedObject): void;
	/** A resource locator's From List, as the editor asks for it (n8n-core's LoadOptionsContext). */
	search(
		method: string,
		request: { parameter: string; parameters?: IDataObject; filter?: string; paginationToken?: string },
	): Promise<INodeListSearchResult>;
	/** Every page of a From List, following the tokens (at most `maxPages`). */
	searchAll(
		method: string,
		request: { parameter: string; parameters?: IDataObject; filter?: string },
		maxPages?: number,
	): Promise<INodeListSearchResult[]>;
}

export function heroActions(options: HeroSimulationOptions = {}): HeroActions {
	let sandbox: Sandbox;
	let harness: ActionHarness;

	beforeAll(async () => {
		sandbox = await startSandbox({ heroHealth: { calendarStart: CALENDAR_START, ...options } });
		harness = new ActionHarness({
			node: new HeroHealth(),
			credentialTypes: [new HeroHealthApi()],
			credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
		});
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => {
		sandbox.server.reset();
		harness.credentialsHelper.data.heroHealthApi = sandbox.heroHealth.credentials();
	});

	return {
		get sandbox() {
			return sandbox;
		},
		async items(parameters, run = {}) {
			const [output] = await harness.run({ parameters, ...run });
			return output;
		},
		async json(parameters, run = {}) {
			const [output] = await harness.run({ parameters, ...run });
			return output.map((item) => item.json);
		},
		async failure(parameters, run = {}) {
			try {
				await harness.run({ parameters, ...run });
			} catch (error) {
				return error as Error;
			}
			throw new Error('the node did not fail');
		},
		requests(filter = {}) {
			return sandbox.server.requestsTo('heroHealth', filter);
		},
		useCredentials(overrides) {
			harness.credentialsHelper.data.heroHealthApi = { ...sandbox.heroHealth.credentials(), ...overrides };
		},
		async search(method, request) {
			return await harness.listSearch(method, request);
		},
		async searchAll(method, request, maxPages = 20) {
			const pages: INodeListSearchResult[] = [];
			let paginationToken: string | undefined;
			do {
				const page = await harness.listSearch(method, { ...request, paginationToken });
				pages.push(page);
				paginationToken = page.paginationToken;
			} while (paginationToken !== undefined && pages.length < maxPages);
			return pages;
		},
	};
}
