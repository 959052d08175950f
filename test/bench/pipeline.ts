import { REPLAY_GUARD_MAX_ENTRIES } from '../../nodes/shared/delivery';
import { fakeWebhookContext } from '../support/mockContexts';
import type { PipelineCase } from './cases/types';
import type { Comparison } from './measure';
import { compare } from './measure';

const NODE_BLOCK = REPLAY_GUARD_MAX_ENTRIES / 2;

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
	const contexts = deliveries.map((delivery, i) =>
		fakeWebhookContext({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			parameters: testCase.parameters,
			staticData: testCase.staticData,
			credentials: testCase.credentials,
			// A node's replay memory holds REPLAY_GUARD_MAX_ENTRIES deliveries; past that it forgets the
			// oldest and, for vendors that sign a time, refuses anything signed no later than what it forgot
			// (all of the bench's deliveries are signed in the same second). A fresh node per block keeps
			// every delivery a new one, as the bench needs.
			nodeId: `bench-${testCase.vendor}-${padBytes}-${Math.floor(i / NODE_BLOCK)}`,
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
