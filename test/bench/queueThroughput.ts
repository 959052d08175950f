import { loadavg } from 'node:os';

import { Pool } from 'undici';

import type { QueueStack } from '../harness';
import { buildAndPack, provision, publishSubject, removePack, startStack } from '../harness';
import { corpusSubject } from '../support/forgeryTargets';
import { VENDOR_KITS } from '../vendors';
import { median } from './measure';
import type { Run, Target } from './n8nThroughput';
import { percentile, send, settle } from './n8nThroughput';

/**
 * (e) n8n's queue mode (test/harness/queueStack.ts: Postgres, Redis, main, two webhook processors,
 * one worker): signed Hero Health deliveries per second acknowledged by one webhook processor, and
 * by two sharing the same senders (every other sender on each), with the same payloads, in the same
 * run. Rounds alternate which goes first; the ratio is the median over rounds of two / one. Between
 * runs the bench waits until the worker has finished every execution, so that neither pays for the
 * other's backlog. On a machine with few cores, every process shares them: the ratio says what a
 * second processor adds there, not on a machine per process.
 */

export interface QueueBenchResult {
	n8nVersion: string;
	senders: number;
	deliveriesPerRun: number;
	rounds: number;
	one: { deliveriesPerSecond: number; p99Ms: number; errors: number };
	two: { deliveriesPerSecond: number; p99Ms: number; errors: number };
	ratio: number;
	loadBefore: number[];
	loadAfter: number[];
}

export async function benchmarkQueue(options: { senders?: number; deliveries?: number; rounds?: number; log?: (line: string) => void } = {}): Promise<QueueBenchResult> {
	const { senders = 50, deliveries = 300, rounds = 3, log = (line: string) => process.stderr.write(`${line}\n`) } = options;
	const provisioned = await provision(log);
	const tarball = buildAndPack(log);
	let stack: QueueStack | undefined;
	const pools: Pool[] = [];
	try {
		log('Starting Postgres, Redis, n8n main, two webhook processors and a worker…');
		stack = (await startStack({ provisioned, packageTarball: tarball, queue: { webhookProcessors: 2, workers: 1 } })) as QueueStack;
		const hero = await publishSubject(stack, corpusSubject(VENDOR_KITS.heroHealth));
		let sequence = 0;
		const target: Target = {
			name: 'Hero Health Trigger',
			url: hero.productionUrl,
			workflowId: hero.workflowId,
			deliveries: (count) => {
				const now = Math.floor(Date.now() / 1000);
				return Array.from({ length: count }, () => hero.target.sign(hero.target.body(++sequence), hero.target.secret, now));
			},
		};
		for (const processor of stack.processors) pools.push(new Pool(processor.url, { connections: senders, pipelining: 1 }));
		const path = new URL(hero.productionUrl).pathname;
		const runOn = (count: number, on: Pool[]) => settle(stack!.n8n.api, target, send(on, path, target, count, senders));

		log(`${senders} senders, ${deliveries} deliveries per run, ${rounds} rounds…`);
		await runOn(Math.ceil(deliveries / 5), pools.slice(0, 1));
		await runOn(Math.ceil(deliveries / 5), pools);
		const loadBefore = loadavg();
		const one: Run[] = [];
		const two: Run[] = [];
		for (let round = 0; round < rounds; round++) {
			if (round % 2 === 0) {
				one.push(await runOn(deliveries, pools.slice(0, 1)));
				two.push(await runOn(deliveries, pools));
			} else {
				two.push(await runOn(deliveries, pools));
				one.push(await runOn(deliveries, pools.slice(0, 1)));
			}
		}
		const rate = (run: Run) => (deliveries / run.elapsedMs) * 1000;
		const summary = (runs: Run[]) => ({
			deliveriesPerSecond: median(runs.map(rate)),
			p99Ms: percentile(runs.flatMap((run) => run.latenciesMs), 0.99),
			errors: runs.reduce((sum, run) => sum + run.errors.length, 0),
		});
		return {
			n8nVersion: provisioned.n8nVersion,
			senders,
			deliveriesPerRun: deliveries,
			rounds,
			one: summary(one),
			two: summary(two),
			ratio: median(two.map((run, round) => rate(run) / rate(one[round]))),
			loadBefore,
			loadAfter: loadavg(),
		};
	} finally {
		await Promise.allSettled(pools.map((pool) => pool.close()));
		await stack?.stop();
		removePack(tarball);
	}
}
