import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { RxScaleApi } from '../../../credentials/RxScaleApi.credentials';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { RxScale } from '../../../nodes/RxScale/RxScale.node';
import { MAX_LIST_PAGES } from '../../../nodes/shared/actions';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ActionHarness } from '../../support/n8nCore';

/**
 * A vendor answer that never ends (a count of a trillion, records on every page that the node
 * cannot tell apart) must not hold a Return All for ever: every list stops after MAX_LIST_PAGES.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.server.reset());

const cases: Array<[string, 'heroHealth' | 'rxScale', INodeType, ICredentialType, IDataObject, string, unknown]> = [
	[
		'Hero Health batch messages',
		'heroHealth',
		new HeroHealth(),
		new HeroHealthApi(),
		{ resource: 'batchMessage', operation: 'getMessages', batchId: '1', returnAll: true },
		'^/v1/batch_message/1/messages$',
		{ count: 1e12, data: Array.from({ length: 100 }, () => ({ status: 'QUEUED' })) },
	],
	['RxScale orders', 'rxScale', new RxScale(), new RxScaleApi(), { resource: 'order', operation: 'getAll', returnAll: true }, '^/v1/management/orders', { orders: [{ status: 'new' }], totalPages: 1e12 }],
];

it.each(cases)('%s: Return All stops after the page limit', async (_name, vendor, node, credential, parameters, path, page) => {
	sandbox.server.faults.inject({ vendor, method: 'GET', path, kind: 'status', status: 200, body: page, times: 1e9 });
	const harness = new ActionHarness({ node, credentialTypes: [credential], credentials: { [credential.name]: sandbox[vendor].credentials() } });

	await harness.run({ parameters });

	expect(sandbox.server.requestsTo(vendor, { method: 'GET' }).length).toBe(MAX_LIST_PAGES);
}, 120_000);
