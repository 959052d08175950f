import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialType } from 'n8n-workflow';

import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import {
	HEARLINK_BUSY,
	HEARLINK_KEY_REFUSED_CODES,
	HEARLINK_NOT_PERMITTED_CODES,
	HEARLINK_PROBE_PATH,
	HEARLINK_TROUBLE,
	KEY_NOT_PERMITTED,
	KEY_REFUSED,
	NOT_HEARLINK,
} from '../../nodes/HearLink/credentialTest';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { HEARLINK_SANDBOX_READ_ONLY_KEY } from '../sandbox/hearLink';
import { testCredentialAsN8nDoes } from '../support/credentialTest';

/**
 * The credential's Test button as n8n 2.x runs it (n8n-core's RoutingNode, then the tester's
 * rules, docs/TESTING.md) against the HearLink sandbox: HearLink's "not found" for the made-up
 * patient is a success, a refusal says so in plain words (docs/nodes/hearlink.md#credential-hearlink-api).
 */

let sandbox: Sandbox;
/** Answers every request with a plain-text body and the status it is told: a server in front of HearLink, or not HearLink at all. */
let other: Server;
let otherAnswer = { status: 401, body: 'Unauthorized', type: 'text/plain' };
let otherUrl: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	other = createServer((_request, response) => {
		response.writeHead(otherAnswer.status, { 'content-type': otherAnswer.type });
		response.end(otherAnswer.body);
	});
	await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
	otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
	await sandbox.stop();
	await new Promise((resolve) => other.close(resolve));
});

beforeEach(() => sandbox.server.reset());

const credential = new HearLinkApi();

/** The same Test as an n8n that reads `ignoreHttpStatusErrors` only as yes/no: every answer reaches the body rules. */
const everyAnswerToTheRules: ICredentialType = (() => {
	const copy = new HearLinkApi();
	copy.test = { ...copy.test, request: { ...copy.test.request, ignoreHttpStatusErrors: true } };
	return copy;
})();

const test = async (data: Record<string, string> = {}, type: ICredentialType = credential) =>
	await testCredentialAsN8nDoes(type, { ...sandbox.hearLink.credentials(), ...data });

/**
 * HearLink refuses the next request(s) with `status` and `code`. n8n sends a request that failed
 * with 401 once more (after its credential "pre-authentication", which this credential does not
 * have), so a 401 that should stick is answered twice.
 */
const refusal = (status: number, code: string, times = 1) =>
	sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status, times, body: { success: false, error: { code, message: 'Refused' } } });

describe('the Test button', () => {
	it('looks up the made-up patient with the key and reports HearLink’s 404 "not found" as a working key', async () => {
		const result = await test();

		const [call] = sandbox.server.requestsTo('hearLink');
		expect(call).toMatchObject({ method: 'GET', path: HEARLINK_PROBE_PATH, status: 404 });
		expect(call.headers['x-api-key']).toBe(sandbox.hearLink.apiKey);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('also passes a 400 for an ID HearLink finds malformed (the key was accepted)', async () => {
		refusal(400, 'VALIDATION_ERROR');
		expect(await test()).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('passes a key that may read but not create', async () => {
		expect(await test({ apiKey: HEARLINK_SANDBOX_READ_ONLY_KEY })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('says in plain words that a wrong key was refused (401)', async () => {
		const result = await test({ apiKey: 'wrong' });
		expect(sandbox.server.requestsTo('hearLink').map((call) => call.status)).toEqual([401, 401]);
		expect(result).toEqual({ status: 'Error', message: KEY_REFUSED });
		expect(result.message).toMatch(/^HearLink refused the API key\. Copy it again/);
	});

	it('says in plain words that the key may not read patients (403)', async () => {
		refusal(403, 'FORBIDDEN');
		expect(await test()).toEqual({ status: 'Error', message: KEY_NOT_PERMITTED });
	});

	it.each([
		[429, HEARLINK_BUSY],
		[500, HEARLINK_TROUBLE],
		[503, HEARLINK_TROUBLE],
	])('does not call a %i a working key', async (status, message) => {
		sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status });
		expect(await test()).toEqual({ status: 'Error', message });
	});

	it('says the answer is not HearLink’s when the Base URL points elsewhere (an answer without HearLink’s error code)', async () => {
		const result = await test({ baseUrl: `${sandbox.hearLink.baseUrl.replace(/\/hearLink$/, '')}/notHearLink` });
		expect(result).toEqual({ status: 'Error', message: NOT_HEARLINK });
	});

	it('says the answer is not HearLink’s for a web page answering 200', async () => {
		otherAnswer = { status: 200, body: '<html><body>Welcome</body></html>', type: 'text/html' };
		expect(await test({ baseUrl: otherUrl })).toEqual({ status: 'Error', message: NOT_HEARLINK });
	});

	it('uses a custom base URL with trailing slashes removed', async () => {
		const result = await test({ apiKey: 'k', baseUrl: `${sandbox.hearLink.baseUrl}///` });
		expect(result.message).toBe(KEY_REFUSED);
		expect(sandbox.server.requestsTo('hearLink')[0].path).toBe(HEARLINK_PROBE_PATH);
	});
});

describe('the Test button’s answer rules (what decides on an n8n that hands every answer to them)', () => {
	it('still passes the working key and refuses a wrong one (401 UNAUTHORIZED, as the sandbox answers)', async () => {
		expect(await test({}, everyAnswerToTheRules)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(await test({ apiKey: 'wrong' }, everyAnswerToTheRules)).toEqual({ status: 'Error', message: KEY_REFUSED });
	});

	it.each(HEARLINK_KEY_REFUSED_CODES)('refuse the key on the code %s, whatever the status', async (code) => {
		refusal(400, code);
		expect(await test({}, everyAnswerToTheRules)).toEqual({ status: 'Error', message: KEY_REFUSED });
	});

	it.each(HEARLINK_NOT_PERMITTED_CODES)('say the key may not read patients on the code %s', async (code) => {
		refusal(403, code);
		expect(await test({}, everyAnswerToTheRules)).toEqual({ status: 'Error', message: KEY_NOT_PERMITTED });
	});

	it('refuse a gateway’s plain "Unauthorized" (no HearLink error code)', async () => {
		otherAnswer = { status: 401, body: 'Unauthorized', type: 'text/plain' };
		expect(await test({ baseUrl: otherUrl }, everyAnswerToTheRules)).toEqual({ status: 'Error', message: NOT_HEARLINK });
	});

	it('refuse an error body without a code', async () => {
		sandbox.server.faults.inject({ vendor: 'hearLink', kind: 'status', status: 401, body: { message: 'Unauthorized' } });
		expect(await test({}, everyAnswerToTheRules)).toEqual({ status: 'Error', message: NOT_HEARLINK });
	});

	it('cannot tell a refusal with a code they do not know from a working key: the Test says OK (docs/vendors/hearlink.md#credential-test-answer)', async () => {
		refusal(401, 'KEY_NOT_RECOGNISED');
		expect(await test({}, everyAnswerToTheRules)).toEqual({ status: 'OK', message: 'Connection successful!' });
		// The shipped Test still refuses it: n8n 2.41.1 fails a 401 by its status.
		refusal(401, 'KEY_NOT_RECOGNISED', 2);
		expect(await test()).toEqual({ status: 'Error', message: KEY_REFUSED });
	});
});
