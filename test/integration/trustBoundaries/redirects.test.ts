import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HealthieApi } from '../../../credentials/HealthieApi.credentials';
import { HearLinkApi } from '../../../credentials/HearLinkApi.credentials';
import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { RxScaleApi } from '../../../credentials/RxScaleApi.credentials';
import { Healthie } from '../../../nodes/Healthie/Healthie.node';
import { HearLink } from '../../../nodes/HearLink/HearLink.node';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { RxScale } from '../../../nodes/RxScale/RxScale.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ActionHarness } from '../../support/n8nCore';

/**
 * A vendor answer that redirects elsewhere must not take the API key with it. n8n follows
 * redirects by default and keeps custom headers such as `x-api-key` (and re-adds `Authorization`)
 * on the way, so every vendor request is sent without following: the redirect becomes an error
 * that names where it pointed, and nothing reaches that address.
 */

let sandbox: Sandbox;
let elsewhere: Server;
let elsewhereOrigin: string;
const reachedElsewhere: Array<{ path: string; headers: IDataObject }> = [];

beforeAll(async () => {
	sandbox = await startSandbox();
	elsewhere = createServer((request, response) => {
		reachedElsewhere.push({ path: request.url ?? '', headers: request.headers as IDataObject });
		response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
	});
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', () => resolve()));
	elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await sandbox.stop();
	await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});

beforeEach(() => {
	sandbox.server.reset();
	reachedElsewhere.length = 0;
});

const subjects: Array<[string, 'heroHealth' | 'hearLink' | 'rxScale' | 'healthie', INodeType, ICredentialType, IDataObject]> = [
	['Hero Health', 'heroHealth', new HeroHealth(), new HeroHealthApi(), { resource: 'location', operation: 'getAll', returnAll: true }],
	['HearLink', 'hearLink', new HearLink(), new HearLinkApi(), { resource: 'invoice', operation: 'get', invoiceId: 'inv-1' }],
	['RxScale', 'rxScale', new RxScale(), new RxScaleApi(), { resource: 'order', operation: 'get', orderUid: 'ord-1' }],
	['Healthie', 'healthie', new Healthie(), new HealthieApi(), { resource: 'patient', operation: 'get', patientId: '1' }],
];

describe.each(subjects)('%s action node', (_name, vendor, node, credential, parameters) => {
	it.each([301, 302, 303, 307, 308])('a %i elsewhere fails the item, naming where it pointed, and sends nothing there', async (status) => {
		sandbox.server.faults.inject({ vendor, kind: 'status', status, body: '', headers: { location: `${elsewhereOrigin}/collect?from=${vendor}` }, times: 10 });
		const credentials = sandbox[vendor].credentials();
		const harness = new ActionHarness({ node, credentialTypes: [credential], credentials: { [credential.name]: credentials } });

		const failure = (await harness.run({ parameters }).then(
			() => undefined,
			(error: unknown) => error,
		)) as (Error & { description?: string; httpCode?: string }) | undefined;

		expect(reachedElsewhere).toEqual([]);
		expect(failure?.message).toMatch(/answered with a redirect, which the node does not follow/);
		expect(failure?.description).toContain(elsewhereOrigin);
		expect(failure?.description).not.toContain(String(credentials.apiKey));
		expect(failure?.httpCode).toBe(String(status));
	});
});

describe('what the error says of the redirect’s target (the Location is the vendor’s to choose)', () => {
	const hero = subjects[0];
	async function descriptionFor(location: string): Promise<string> {
		const [, vendor, node, credential, parameters] = hero;
		sandbox.server.faults.inject({ vendor, kind: 'status', status: 302, body: '', headers: { location }, times: 10 });
		const harness = new ActionHarness({ node, credentialTypes: [credential], credentials: { [credential.name]: sandbox[vendor].credentials() } });
		const failure = (await harness.run({ parameters }).then(
			() => undefined,
			(error: unknown) => error,
		)) as { description?: string } | undefined;
		return String(failure?.description);
	}

	it('a scheme-relative address is another site, named by its host', async () => {
		const description = await descriptionFor('//evil.example/steal');
		expect(description).toContain('another site (http://evil.example)');
	});

	it('a path on the same API is said as such', async () => {
		expect(await descriptionFor('/v1/elsewhere')).toContain('another path at Hero Health');
	});

	it('a host that spells the API key, in any case, is not named', async () => {
		const apiKey = String(sandbox.heroHealth.credentials().apiKey);
		const description = await descriptionFor(`https://${apiKey.toUpperCase()}.evil.example/`);
		expect(description).toContain('another site');
		expect(description.toLowerCase()).not.toContain(apiKey.toLowerCase());
	});
});
