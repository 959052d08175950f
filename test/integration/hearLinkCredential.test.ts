import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { testCredentialAsN8nDoes } from '../support/credentialTest';

/**
 * The credential's Test button as n8n 2.x runs it (n8n-core's RoutingNode, then the tester's
 * rules) against the HearLink sandbox.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.stop();
});

beforeEach(() => sandbox.server.reset());

const credential = new HearLinkApi();

describe('the Test button', () => {
	it('looks up the made-up patient with the key and reports a 404 as "the API key works"', async () => {
		const result = await testCredentialAsN8nDoes(credential, sandbox.hearLink.credentials());

		const [call] = sandbox.server.requestsTo('hearLink');
		expect(call).toMatchObject({ method: 'GET', path: '/patients/00000000-0000-0000-0000-000000000000', status: 404 });
		expect(call.headers['x-api-key']).toBe(sandbox.hearLink.apiKey);
		// n8n can only report a non-2xx answer as an error; the words say the key works.
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The API key works: HearLink accepted it/);
	});

	it('says in plain words that a wrong key was refused (401)', async () => {
		const result = await testCredentialAsN8nDoes(credential, { ...sandbox.hearLink.credentials(), apiKey: 'wrong' });
		expect(sandbox.server.requestsTo('hearLink')[0].status).toBe(401);
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^HearLink refused the API key\. Copy the key again/) });
	});

	it('says in plain words that the key may not read patients (403)', async () => {
		sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status: 403, body: { success: false, error: { code: 'FORBIDDEN' } } });
		const result = await testCredentialAsN8nDoes(credential, sandbox.hearLink.credentials());
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^HearLink accepted the API key but it may not read patients/) });
	});

	it('does not call a server error a working key', async () => {
		sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status: 503 });
		const result = await testCredentialAsN8nDoes(credential, sandbox.hearLink.credentials());
		expect(result.status).toBe('Error');
		expect(result.message).not.toMatch(/key works/);
	});

	it('uses a custom base URL with trailing slashes removed', async () => {
		const result = await testCredentialAsN8nDoes(credential, {
			apiKey: 'k',
			environment: 'custom',
			baseUrl: `${sandbox.hearLink.baseUrl}///`,
		});
		expect(result.message).toMatch(/refused the API key/);
		expect(sandbox.server.requestsTo('hearLink')[0].path).toBe('/patients/00000000-0000-0000-0000-000000000000');
	});

	it('cannot be made to pass on a 404: ignoring HTTP errors would pass a refused key too (why the 404 stays an "error")', async () => {
		const ignoring = new HearLinkApi();
		ignoring.test = { ...ignoring.test, request: { ...ignoring.test.request, ignoreHttpStatusErrors: true } };
		const refused = await testCredentialAsN8nDoes(ignoring, { ...sandbox.hearLink.credentials(), apiKey: 'wrong' });
		expect(sandbox.server.requestsTo('hearLink')[0].status).toBe(401);
		expect(refused.status).toBe('OK');
	});
});
