import type { Forgery } from '../support/forgery';
import { forgedDeliveries } from '../support/forgery';
import type { CorpusSubject } from '../support/forgeryTargets';
import { corpusSubjects } from '../support/forgeryTargets';
import type { Stack } from '../harness';
import { nodeOutput, publishSubject, rawPost, startStack } from '../harness';

/**
 * A seeded sample of the forged-delivery corpus (test/support/forgery.ts; 1,200 per trigger go
 * through webhook() in the unit suite) sent over HTTP to every trigger's production URL in a real
 * n8n: every answer is a 4xx, no execution starts, n8n stays healthy; then one valid delivery and
 * two replays of it start exactly one execution.
 *
 * One n8n behind the https front (RxScale only registers https targets). The forgeries go byte
 * for byte (rawHttp.ts) to n8n's own http port at the same path: the TLS proxy is a test fixture,
 * not part of what is under test, and no vendor here signs the host.
 */

const SAMPLE = Number(process.env.E2E_CORPUS_SAMPLE ?? 40);

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({ https: true });
});

afterAll(async () => {
	await stack?.stop();
});

describe.each(corpusSubjects.map((subject) => [subject.target.vendor, subject] as const))('%s trigger in n8n', (vendor, subject: CorpusSubject) => {
	it(`refuses ${SAMPLE} forged deliveries with a 4xx and no execution, then runs one valid delivery once`, async () => {
		const { api } = stack.n8n;
		const { workflowId, url, target, triggerName } = await publishSubject(stack, subject);
		const { secret } = target;

		const forgeries: Forgery[] = forgedDeliveries(target, SAMPLE);
		const statuses = new Map<number, number>();
		const notRefused: string[] = [];
		for (const forgery of forgeries) {
			const answer = await rawPost(url, forgery.headers, forgery.rawBody);
			statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
			if (answer.status < 400 || answer.status > 499) {
				notRefused.push(`${forgery.kind} → ${answer.status} ${answer.error ?? ''} ${answer.body.slice(0, 120)}`);
			}
		}
		process.stderr.write(
			`${vendor}: ${SAMPLE} forgeries (${new Set(forgeries.map((f) => f.kind.split(',')[0])).size} kinds) answered ${JSON.stringify(Object.fromEntries(statuses))}\n`,
		);

		expect(notRefused).toEqual([]);
		expect(await api.executions(workflowId)).toEqual([]);
		const health = await api.raw('GET', '/healthz/readiness');
		expect(health.status).toBe(200);

		// The valid delivery proves the URL and secret were right, so the refusals above were the node's.
		const valid = target.sign(target.body(SAMPLE + 1), secret, Math.floor(Date.now() / 1000));
		const answers = [];
		for (let copy = 0; copy < 3; copy++) answers.push(await rawPost(url, valid.headers, valid.rawBody));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		const executions = await api.waitForExecutions(workflowId, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(nodeOutput(executions[0], triggerName)).toHaveLength(1);

		await api.unpublish(workflowId);
	});
});
