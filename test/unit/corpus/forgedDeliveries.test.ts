import { forgedDeliveries } from '../../support/forgery';
import { corpusSubjects } from '../../support/forgeryTargets';
import { fakeWebhookContext } from '../../support/mockContexts';

/**
 * The forged-delivery corpus: for every trigger, 1,200 seeded bad deliveries through the real
 * webhook(). Not one may start an execution, every answer must be a 4xx, nothing may throw.
 */
const CORPUS_SIZE = 1200;

describe.each(corpusSubjects.map((subject) => [subject.target.vendor, subject] as const))('%s trigger', (_vendor, subject) => {
	it(`refuses all ${CORPUS_SIZE} forged deliveries with a 4xx and no execution`, async () => {
		const forgeries = forgedDeliveries(subject.target, CORPUS_SIZE);
		const kinds = new Map<string, number>();
		const accepted: string[] = [];
		for (const [index, forgery] of forgeries.entries()) {
			kinds.set(forgery.kind.split(',')[0], (kinds.get(forgery.kind.split(',')[0]) ?? 0) + 1);
			const { context, response } = fakeWebhookContext({
				rawBody: forgery.rawBody,
				headers: forgery.headers,
				parameters: subject.parameters,
				staticData: subject.staticData,
				credentials: subject.credentials,
				nodeId: `corpus-${subject.target.vendor}-${index}`,
			});
			const result = await subject.trigger.webhook!.call(context);
			const refused = !result.workflowData && result.noWebhookResponse === true && [400, 401].includes(response.statusCode ?? 0);
			if (!refused) accepted.push(`${forgery.kind} → ${response.statusCode ?? 'no answer'} ${JSON.stringify(result).slice(0, 80)}`);
		}
		expect(accepted).toEqual([]);
		// The corpus really covers every family of forgery: 7 ways to break each signature header,
		// tampered and appended bytes, a wrong secret, 4 kinds of odd body, and skewed timestamps.
		const families = 7 * subject.target.signatureHeaders.length + 7 + (subject.target.windowSeconds ? 2 : 0);
		expect([...kinds.keys()].length).toBe(families);
	});

	it('runs a replayed valid delivery once and acknowledges the replay without an execution', async () => {
		const delivery = subject.target.sign(subject.target.body(424242), subject.target.secret, Math.floor(Date.now() / 1000));
		const outcomes = [];
		for (let attempt = 0; attempt < 5; attempt++) {
			const { context } = fakeWebhookContext({
				rawBody: delivery.rawBody,
				headers: delivery.headers,
				parameters: subject.parameters,
				staticData: subject.staticData,
				credentials: subject.credentials,
				nodeId: `corpus-replay-${subject.target.vendor}`,
			});
			outcomes.push(await subject.trigger.webhook!.call(context));
		}
		expect(outcomes.filter((outcome) => outcome.workflowData)).toHaveLength(1);
		expect(outcomes.slice(1)).toEqual(Array(4).fill({ webhookResponse: { received: true } }));
	});
});
