import { fakeWebhookContext } from '../support/mockContexts';
import type { PipelineCase } from './cases/types';
import type { Comparison } from './measure';
import { compare } from './measure';

/**
 * (a) The whole webhook() of a trigger (verify + parse + event filter + replay guard + emit) per
 * delivery, against a bare createHmac + JSON.parse over the same bytes.
 */
export async function benchmarkPipeline(
	testCase: PipelineCase,
	padBytes = 0,
	options = { rounds: 15, iterations: 2000, warmup: 2000 },
): Promise<Comparison> {
	const total = options.warmup + options.rounds * options.iterations;
	const deliveries = Array.from({ length: total }, (_, i) => testCase.delivery(i, padBytes));
	const contexts = deliveries.map((delivery) =>
		fakeWebhookContext({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			parameters: testCase.parameters,
			staticData: testCase.staticData,
			credentials: testCase.credentials,
			nodeId: `bench-${testCase.vendor}-${padBytes}`,
		}),
	);
	let emitted = 0;
	const comparison = await compare(
		`${testCase.vendor}: webhook() vs createHmac + JSON.parse`,
		async (i) => {
			const result = await testCase.trigger.webhook!.call(contexts[i].context);
			if (result.workflowData) emitted++;
		},
		(i) => testCase.baseline(deliveries[i]),
		options,
	);
	if (emitted !== total) throw new Error(`${testCase.vendor}: only ${emitted} of ${total} deliveries were emitted`);
	return comparison;
}
