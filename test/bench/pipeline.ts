import type { IDataObject, INodeType, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { REPLAY_GUARD_MAX_ENTRIES } from '../../nodes/shared/delivery';
import { TriggerHarness } from '../support/n8nCore';
import type { PipelineCase } from './cases/types';
import type { Comparison } from './measure';
import { compare } from './measure';

const NODE_BLOCK = REPLAY_GUARD_MAX_ENTRIES / 2;
/** Every node the bench makes is new: replay memories are per node and outlive a run. */
let nodesMade = 0;
const N8N_BASE_URL = 'https://n8n.example.com';

/**
 * (a) A trigger's whole webhook() (verify + parse + envelope + event filter + replay guard + item)
 * per delivery, in n8n-core's own WebhookContext (what n8n's webhook server hands the node), beside:
 * - the floor: a webhook() that does only the bare work (one HMAC, one JSON.parse, one item) in the
 *   same context, so that what n8n-core's context itself costs can be read off; and
 * - the bare work alone, outside any context.
 * The context for each delivery is made outside the timed code, as n8n makes it before calling the
 * node. Credentials come from the test helper, not n8n's encrypted store (which decrypts on every
 * read: HearLink's trigger reads its credential per delivery, and would pay that in a real n8n).
 */

export interface PipelineResult {
	/** webhook() vs the bare work. */
	pipeline: Comparison;
	/** The floor vs the bare work: what the context costs. */
	floor: Comparison;
	/** webhook() vs the floor: what this package's checks cost beyond the bare work. */
	overFloor: Comparison;
}

export async function benchmarkPipeline(
	testCase: PipelineCase,
	padBytes = 0,
	options = { rounds: 15, iterations: 2000, warmup: 2000 },
): Promise<PipelineResult> {
	const total = options.warmup + options.rounds * options.iterations;
	// A node's replay memory holds REPLAY_GUARD_MAX_ENTRIES deliveries; past that it forgets the
	// oldest and, for vendors that sign a time, refuses anything signed no later than what it forgot
	// (all of the bench's deliveries are signed in the same second). A fresh node per block keeps
	// every delivery a new one, as the bench needs.
	const harnesses = Array.from({ length: Math.ceil(total / NODE_BLOCK) }, () => harnessFor(testCase));
	const deliveries = Array.from({ length: total }, (_, i) =>
		testCase.delivery(i, padBytes, harnesses[Math.floor(i / NODE_BLOCK)].productionUrl()),
	);
	const contexts = () => deliveries.map((delivery, i) => contextFor(harnesses[Math.floor(i / NODE_BLOCK)], delivery));
	const candidateContexts = contexts();
	const floorTrigger = floorOf(testCase);
	const floorContexts = contexts();

	let emitted = 0;
	const run = (trigger: INodeType, all: IWebhookFunctions[]) => async (i: number) => {
		const result = (await trigger.webhook!.call(all[i])) as IWebhookResponseData;
		if (result.workflowData) emitted++;
	};
	const urlOf = (i: number) => harnesses[Math.floor(i / NODE_BLOCK)].productionUrl();
	// A yardstick that failed to verify would do less work and flatter the ratio.
	deliveries.forEach((delivery, i) => {
		if (!testCase.baseline(delivery, urlOf(i))) throw new Error(`${testCase.vendor}: the bare work does not verify delivery ${i}`);
	});
	const bare = (i: number) => testCase.baseline(deliveries[i], urlOf(i));
	const pipeline = await compare(`${testCase.vendor}: webhook()`, run(testCase.trigger, candidateContexts), bare, options);
	if (emitted !== total) throw new Error(`${testCase.vendor}: only ${emitted} of ${total} deliveries were emitted`);
	// Fresh nodes again: the first comparison filled the replay memories.
	const again = Array.from({ length: harnesses.length }, () => harnessFor(testCase));
	const secondContexts = deliveries.map((delivery, i) => contextFor(again[Math.floor(i / NODE_BLOCK)], delivery));
	const floor = await compare(`${testCase.vendor}: floor`, run(floorTrigger, floorContexts), bare, options);
	const overFloor = await compare(
		`${testCase.vendor}: webhook() vs floor`,
		run(testCase.trigger, secondContexts),
		run(floorTrigger, floorContexts),
		options,
	);
	return { pipeline, floor, overFloor };
}

function harnessFor(testCase: PipelineCase): TriggerHarness {
	const harness = new TriggerHarness({
		trigger: testCase.trigger,
		credentialTypes: [testCase.credentialType],
		credentials: (testCase.credentials ?? {}) as TriggerHarness['credentialsHelper']['data'],
		parameters: testCase.parameters,
		n8nBaseUrl: N8N_BASE_URL,
		webhookId: `00000000-0000-4000-8000-${String(++nodesMade).padStart(12, '0')}`,
	});
	harness.staticData.production[`node:${harness.node.name}`] = JSON.parse(JSON.stringify(testCase.staticData)) as IDataObject;
	return harness;
}

function contextFor(harness: TriggerHarness, delivery: { rawBody: Buffer; headers: Record<string, string> }): IWebhookFunctions {
	const response = {
		status: () => response,
		json: () => response,
		send: () => response,
		end: () => response,
	};
	const request = { method: 'POST', headers: delivery.headers, rawBody: delivery.rawBody, body: {}, params: {}, query: {}, readRawBody: async () => {} };
	return harness.webhookContext('production', request, response);
}

/** A webhook() doing only the bare work in n8n-core's context: read the request, one HMAC, one parse, one item. */
function floorOf(testCase: PipelineCase): INodeType {
	return {
		description: testCase.trigger.description,
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			const request = this.getRequestObject();
			const json = testCase.baseline(
				{ rawBody: request.rawBody as Buffer, headers: this.getHeaderData() as Record<string, string> },
				this.getNodeWebhookUrl('default'),
			);
			return { workflowData: [this.helpers.returnJsonArray([(json || {}) as IDataObject])] };
		},
	};
}
