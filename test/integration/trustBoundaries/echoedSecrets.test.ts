import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HealthieApi } from '../../../credentials/HealthieApi.credentials';
import { HearLinkApi } from '../../../credentials/HearLinkApi.credentials';
import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { RxScaleApi } from '../../../credentials/RxScaleApi.credentials';
import { Healthie } from '../../../nodes/Healthie/Healthie.node';
import { HearLink } from '../../../nodes/HearLink/HearLink.node';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../../nodes/HeroHealth/HeroHealthTrigger.node';
import { RxScale } from '../../../nodes/RxScale/RxScale.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { captureN8nLogs } from '../../support/logCapture';
import { ActionHarness, TriggerHarness } from '../../support/n8nCore';

/**
 * A vendor that echoes the API key (or a signing secret) in an error must not put it in front of a
 * user: not in the error's message or description, not in the item "Continue On Fail" makes of it,
 * not in a log line. Before, only values the request itself named were redacted.
 */

let sandbox: Sandbox;
const SIGNING_SECRET = 'whsec_credential-signing-secret-echoed';

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.server.reset());

function echoingBodies(secrets: string[]): unknown[] {
	const [key, signing] = secrets;
	return [
		{ message: `Invalid API key ${key}` },
		{ error: { code: 'UNAUTHORIZED', message: `key=${key}; secret=${signing}`, details: { apiKey: key } } },
		{ errors: [{ message: `API Key ${key} is invalid`, extensions: { code: 'UNAUTHORIZED' } }] },
		`plain text: ${key} / ${signing}`,
		{ code: 'invalid_api_key', description: `Key ${key} not recognised`, [key]: signing },
	];
}

interface Subject {
	vendor: 'heroHealth' | 'hearLink' | 'rxScale' | 'healthie';
	node: INodeType;
	credential: ICredentialType;
	parameters: IDataObject;
	/** Healthie also answers GraphQL errors with HTTP 200. */
	statuses: number[];
}

const subjects: Array<[string, Subject]> = [
	['Hero Health', { vendor: 'heroHealth', node: new HeroHealth(), credential: new HeroHealthApi(), parameters: { resource: 'location', operation: 'getAll', returnAll: true }, statuses: [401, 403, 500] }],
	['HearLink', { vendor: 'hearLink', node: new HearLink(), credential: new HearLinkApi(), parameters: { resource: 'invoice', operation: 'get', invoiceId: 'inv-1' }, statuses: [401, 404, 422] }],
	['RxScale', { vendor: 'rxScale', node: new RxScale(), credential: new RxScaleApi(), parameters: { resource: 'order', operation: 'get', orderUid: 'ord-1' }, statuses: [401, 403, 409] }],
	['Healthie', { vendor: 'healthie', node: new Healthie(), credential: new HealthieApi(), parameters: { resource: 'patient', operation: 'get', patientId: '1' }, statuses: [200, 401, 429] }],
];

describe.each(subjects)('%s action node', (_name, subject) => {
	it('keeps an echoed API key and signing secret out of errors, Continue On Fail items and logs', async () => {
		const credentials: Record<string, string> = { ...sandbox[subject.vendor].credentials(), webhookSigningSecret: SIGNING_SECRET };
		const secrets = [String(credentials.apiKey), SIGNING_SECRET];
		expect(secrets[0].length).toBeGreaterThan(8);
		const harness = new ActionHarness({ node: subject.node, credentialTypes: [subject.credential], credentials: { [subject.credential.name]: credentials } });
		const logs = captureN8nLogs();
		const seen: string[] = [];
		try {
			for (const status of subject.statuses) {
				for (const body of echoingBodies(secrets)) {
					for (const continueOnFail of [false, true]) {
						sandbox.server.faults.clear();
						sandbox.server.faults.inject({ vendor: subject.vendor, kind: 'status', status, body, times: 10 });
						try {
							const output = await harness.run({ parameters: subject.parameters, continueOnFail });
							seen.push(JSON.stringify(output));
						} catch (error) {
							const failure = error as Error & { description?: string; context?: unknown; cause?: unknown; errorResponse?: unknown };
							seen.push(failure.message, String(failure.description), JSON.stringify(failure.context ?? null));
							seen.push(JSON.stringify(failure.cause ?? null), JSON.stringify(failure.errorResponse ?? null));
						}
					}
				}
			}
		} finally {
			logs.restore();
		}
		const everything = [...seen, ...logs.lines].join('\n');
		expect(everything).toContain('[redacted]');
		for (const secret of secrets) expect(everything).not.toContain(secret);
	});
});

describe('a subscription lifecycle whose vendor echoes the key', () => {
	it('keeps it out of the publication error and every log line', async () => {
		const credentials = sandbox.heroHealth.credentials();
		const key = String(credentials.apiKey);
		const trigger = new TriggerHarness({
			trigger: new HeroHealthTrigger(),
			credentialTypes: [new HeroHealthApi()],
			credentials: { heroHealthApi: credentials },
			parameters: { events: ['appointment.confirmed', 'appointment.cancelled'] },
			n8nBaseUrl: 'http://127.0.0.1:5678',
			webhookId: 'e0e0e0e0-0000-4000-8000-000000000001',
		});
		const logs = captureN8nLogs();
		const seen: string[] = [];
		try {
			sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', kind: 'status', status: 403, body: { message: `key ${key} may not` }, after: 1 });
			await trigger.publish().catch((error: Error & { description?: string }) => seen.push(error.message, String(error.description)));
			await trigger.publish();
			sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'DELETE', kind: 'status', status: 500, body: `down for ${key}`, times: 10 });
			await trigger.unpublish().catch((error: Error & { description?: string }) => seen.push(error.message, String(error.description)));
		} finally {
			logs.restore();
		}
		expect(seen.length).toBeGreaterThan(2);
		const everything = [...seen, ...logs.lines].join('\n');
		expect(everything).toContain('[redacted]');
		expect(everything).not.toContain(key);
	});
});
