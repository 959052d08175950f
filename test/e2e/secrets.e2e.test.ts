import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { forgedDeliveries } from '../support/forgery';
import type { CorpusSubject } from '../support/forgeryTargets';
import { corpusSubjects } from '../support/forgeryTargets';
import type { CredentialRef, Execution, PublishedSubject, Stack } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, nodeType, publishSubject, rawPost, startStack } from '../harness';
import { KITS, sandboxCredentials } from '../vendors';

/**
 * Secret hygiene in a real n8n: with API keys and signing secrets known to the test, run what a
 * practice runs (signed deliveries to every trigger, forged ones, a read with each action node, the
 * same read with a key the vendor refuses, the credential Test button with a good and a refused
 * key, a publication the vendor refuses), then search everything n8n shows or keeps outside the
 * credential store: its whole log (at debug level), every execution with its data (node outputs,
 * error messages), the credential tests' answers and the publication status. No secret may appear.
 *
 * The node's own static data is where subscription secrets are meant to live; it is the positive
 * control that the secrets searched for are the ones in use.
 */

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** API keys the sandbox accepts, one per vendor (by credential type), made for this run so that nothing else can contain them. */
const KEYS: Record<string, string> = Object.fromEntries(KITS.map((kit) => [kit.credentialType.name, `${kit.slug}-key-${hex(16)}`]));
/** Keys the vendors refuse (a typo, a revoked key): they must not be echoed either. */
const REFUSED_KEY = `refused-key-${hex(16)}`;
/** The signing secret an admin pastes into a credential, for vendors that keep it there (HearLink). */
const CREDENTIAL_SECRET = `whsec_${hex(24)}`;

let stack: Stack;
const secrets = new Map<string, string>();
const published = new Map<string, PublishedSubject>();
const answers: string[] = [];

function remember(name: string, secret: string | undefined): void {
	if (!secret) throw new Error(`no secret for ${name}`);
	secrets.set(name, secret);
}

beforeAll(async () => {
	stack = await startStack({ https: true, env: { N8N_LOG_LEVEL: 'debug' } });
	for (const kit of KITS) {
		kit.account.acceptApiKey(stack.sandbox, KEYS[kit.credentialType.name]);
		remember(`${kit.name} API key`, KEYS[kit.credentialType.name]);
	}
	remember('refused API key', REFUSED_KEY);
});

afterAll(async () => {
	await stack?.stop();
});

describe.each(corpusSubjects.map((subject) => [subject.target.vendor, subject] as const))('%s', (vendor, subject: CorpusSubject) => {
	const credentialType = subject.trigger.description.credentials![0].name;

	it('signed deliveries run the workflow; forged ones are refused', async () => {
		const trigger = await publishSubject(stack, subject, {
			apiKey: KEYS[credentialType],
			...(subject.kit.secretIn === 'credential' ? { webhookSigningSecret: CREDENTIAL_SECRET } : {}),
		});
		published.set(vendor, trigger);
		remember(`${vendor} signing secret`, trigger.target.secret);
		if (subject.kit.secretIn === 'credential') expect(trigger.target.secret).toBe(CREDENTIAL_SECRET);

		const now = Math.floor(Date.now() / 1000);
		for (const i of [1, 2]) {
			const valid = trigger.target.sign(trigger.target.body(i), trigger.target.secret, now);
			expect((await rawPost(trigger.url, valid.headers, valid.rawBody)).status).toBe(200);
		}
		for (const forgery of forgedDeliveries(trigger.target, 12, 8)) {
			const answer = await rawPost(trigger.url, forgery.headers, forgery.rawBody);
			answers.push(answer.body);
			expect(answer.status).toBeGreaterThanOrEqual(400);
			expect(answer.status).toBeLessThan(500);
		}
		expect(await stack.n8n.api.waitForExecutions(trigger.workflowId, 2)).toHaveLength(2);
	});

	it("an action's read succeeds with the key and fails in the vendor's words with a refused key", async () => {
		const { api } = stack.n8n;
		const run = async (credential: CredentialRef) => {
			const workflow = await api.createWorkflow(
				actionsWorkflow({
					name: `${vendor} read`,
					credential,
					steps: [{ name: 'Read', type: nodeType(subject.kit.action.description.name), parameters: subject.kit.account.read }],
				}),
			);
			return await api.executeManually(workflow.id, MANUAL_TRIGGER);
		};
		const good = await api.createCredential(`${vendor} good`, credentialType, {
			...sandboxCredentials(subject.kit, stack.sandbox),
			apiKey: KEYS[credentialType],
		});
		const refused = await api.createCredential(`${vendor} refused`, credentialType, {
			...sandboxCredentials(subject.kit, stack.sandbox),
			apiKey: REFUSED_KEY,
		});

		const ok = await run(good);
		const failed = await run(refused);

		expect(ok.status).toBe('success');
		expect(failed.status).toBe('error');
		expect(failed.data?.resultData?.error?.message).toContain(vendor);
		const tests = [await api.testCredential(good), await api.testCredential(refused)];
		// HearLink's test can only tell a working key by its 404 for a made-up patient, which n8n
		// reports as an Error whose message says the key works (docs/nodes/hearlink.md#credential-hearlink-api).
		expect(tests[0].status === 'OK' || tests[0].message.includes('The API key works')).toBe(true);
		expect(tests[1].status).toBe('Error');
		expect(tests[1].message).not.toContain('The API key works');
		answers.push(...tests.map((test) => test.message));
	});
});

describe('what n8n shows and keeps', () => {
	it('a publication the vendor refuses reports its answer without the key', async () => {
		const [hero] = corpusSubjects;
		stack.sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', kind: 'status', status: 401, times: 10_000, body: { error: true, statusCode: 401, message: 'Unauthorised' } });
		const refused = await publishSubject(stack, hero, { apiKey: KEYS.heroHealthApi }).then(
			() => 'published',
			(error: Error) => error.message,
		);
		stack.sandbox.server.faults.clear();
		answers.push(refused);
		expect(refused).toMatch(/could not publish.*Hero Health/);
	});

	it('no API key or signing secret appears in the log, the executions, the outputs or the messages', async () => {
		const { api } = stack.n8n;
		const log = readFileSync(stack.n8n.logFile, 'utf8');
		const executions: Execution[] = (
			await api.public<{ data: Execution[] }>('GET', '/api/v1/executions?includeData=true&limit=250')
		).data;
		const statuses = await Promise.all([...published.values()].map(async (trigger) => await api.publicationStatus(trigger.workflowId)));
		const shown = {
			log,
			executions: JSON.stringify(executions),
			'answers to deliveries and credential tests': answers.join('\n'),
			'publication statuses': JSON.stringify(statuses),
		};

		// What is searched is real: the runs above are all in it, and the keys were the ones used.
		expect(secrets.size).toBe(KITS.length + 1 + KITS.length);
		expect(executions.filter((execution) => execution.mode === 'webhook')).toHaveLength(2 * corpusSubjects.length);
		expect(executions.filter((execution) => execution.status === 'error')).toHaveLength(corpusSubjects.length);
		expect(log).toContain('Hero Health');
		const stored = JSON.stringify((await api.getWorkflow(published.get('Hero Health')!.workflowId)).staticData);
		expect(stored).toContain(secrets.get('Hero Health signing secret'));

		const found: string[] = [];
		for (const [name, secret] of secrets) {
			for (const [where, text] of Object.entries(shown)) {
				// The whole secret, and its first and last 16 characters (a truncated or partly masked echo).
				const pieces = [secret, secret.slice(0, 16), secret.slice(-16)];
				const hits = pieces.filter((piece) => text.includes(piece));
				if (hits.length > 0) found.push(`${name} in ${where}: ${hits.join(', ')}`);
			}
		}
		expect(found).toEqual([]);
	});
});
