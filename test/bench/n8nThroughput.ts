import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';

import { Pool } from 'undici';

import type { N8nApi, Provisioned, Stack } from '../harness';
import { buildAndPack, provision, publishSubject, removePack, startStack } from '../harness';
import { corpusSubject } from '../support/forgeryTargets';
import { VENDOR_KITS } from '../vendors';
import type { Delivery, ForgeryTarget } from '../support/forgery';
import { median } from './measure';

/**
 * (b) Through a real n8n (the e2e harness: the provisioned n8n with the packed package, the
 * sandbox as the vendor): deliveries per second and acknowledgement times of our triggers next to
 * n8n's own Webhook node (POST, respond immediately) on the same instance, with the same payloads,
 * at 1 and 50 concurrent senders (undici, one pool sized to the senders).
 *
 * The machine is shared and noisy, so the targets take turns: every round runs each target once,
 * in a rotating order, and a target's ratio is the median over rounds of its throughput divided by
 * the Webhook node's in the same round. Between runs the bench waits until n8n has finished every
 * execution the previous run started, so that no target pays for another's backlog. Signed
 * deliveries are made before each run (signing is not measured), each one distinct (the replay
 * guard would acknowledge a repeat without an execution).
 *
 * It runs once per n8n configuration (`N8N_CONFIGURATIONS`: n8n's defaults, its lazy isolate
 * acquisition with our triggers at version 1 and at version 2, its compile cache, its legacy
 * expression engine), each on a fresh n8n with the same payloads, one after the other in one run.
 */

/** One way to run n8n: its environment and the version our triggers are published at. */
export interface N8nConfiguration {
	name: string;
	env: Record<string, string>;
	triggerVersion: 1 | 2;
}

const LAZY = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

/** n8n 2.41's settings around expression isolates (n8n/dist/webhooks/live-webhooks.js, webhook-helpers.js). */
export const N8N_CONFIGURATIONS: N8nConfiguration[] = [
	{ name: 'defaults, triggers v1', env: {}, triggerVersion: 1 },
	{ name: 'defaults, triggers v2', env: {}, triggerVersion: 2 },
	{ name: 'LAZY_ACQUIRE, triggers v1', env: LAZY, triggerVersion: 1 },
	{ name: 'LAZY_ACQUIRE, triggers v2', env: LAZY, triggerVersion: 2 },
	{ name: 'COMPILE_CACHE, triggers v2', env: { N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true' }, triggerVersion: 2 },
	{ name: 'legacy engine, triggers v2', env: { N8N_EXPRESSION_ENGINE: 'legacy' }, triggerVersion: 2 },
];

export interface N8nBenchOptions {
	concurrencies?: number[];
	rounds?: number;
	/** Deliveries per run: max(minimum, senders × perSender). */
	perSender?: number;
	minimum?: number;
	/** Only these targets (names as printed); default all. */
	targets?: string[];
	/** The n8n configurations to run (default `N8N_CONFIGURATIONS`). */
	configurations?: N8nConfiguration[];
	log?: (line: string) => void;
}

export interface TargetResult {
	name: string;
	deliveriesPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Median over rounds of this target's throughput / the Webhook node's, same round. */
	throughputRatio: number;
	p99Ratio: number;
	errors: number;
}

export interface ConcurrencyResult {
	configuration: string;
	senders: number;
	deliveriesPerRun: number;
	targets: TargetResult[];
}

export interface N8nBenchResult {
	n8nVersion: string;
	rounds: number;
	loadBefore: number[];
	loadAfter: number[];
	results: ConcurrencyResult[];
}

export interface Target {
	name: string;
	url: string;
	workflowId: string;
	/** The `count` deliveries of one run, made before it starts. */
	deliveries(count: number): Delivery[];
}

export interface Run {
	elapsedMs: number;
	latenciesMs: number[];
	errors: string[];
}

export const WEBHOOK_NODE = "n8n's Webhook node";

export async function benchmarkN8n(options: N8nBenchOptions = {}): Promise<N8nBenchResult> {
	const { concurrencies = [1, 50], rounds = 3, configurations = N8N_CONFIGURATIONS, log = (line: string) => process.stderr.write(`${line}\n`) } = options;
	const provisioned = await provision(log);
	const tarball = buildAndPack(log);
	const loadBefore = loadavg();
	const results: ConcurrencyResult[] = [];
	try {
		for (const configuration of configurations) {
			log(`n8n: ${configuration.name}…`);
			results.push(...(await benchmarkConfiguration(configuration, { ...options, concurrencies, rounds, log }, provisioned, tarball)));
		}
		return { n8nVersion: provisioned.n8nVersion, rounds, loadBefore, loadAfter: loadavg(), results };
	} finally {
		removePack(tarball);
	}
}

async function benchmarkConfiguration(
	configuration: N8nConfiguration,
	options: N8nBenchOptions & { concurrencies: number[]; rounds: number; log: (line: string) => void },
	provisioned: Provisioned,
	tarball: string,
): Promise<ConcurrencyResult[]> {
	const { concurrencies, rounds, perSender = 1, minimum = 60, log } = options;
	let stack: Stack | undefined;
	try {
		stack = await startStack({ provisioned, packageTarball: tarball, env: configuration.env });
		const targets = (await publishTargets(stack, configuration.triggerVersion)).filter(
			(target) => target.name === WEBHOOK_NODE || !options.targets || options.targets.includes(target.name),
		);
		const results: ConcurrencyResult[] = [];
		for (const senders of concurrencies) {
			const count = Math.max(minimum, senders * perSender);
			log(`${senders} sender(s), ${count} deliveries per run, ${rounds} rounds…`);
			const pool = new Pool(new URL(stack.n8n.url).origin, { connections: senders, pipelining: 1 });
			try {
				// Warm-up: connections, n8n's caches, the JIT.
				for (const target of targets) {
					await settle(stack.n8n.api, target, send([pool], pathOf(target), target, Math.max(senders, Math.ceil(count / 5)), senders));
				}
				const runs = new Map<string, Run[]>(targets.map((target) => [target.name, []]));
				for (let round = 0; round < rounds; round++) {
					const order = targets.map((_, i) => targets[(i + round) % targets.length]);
					for (const target of order) {
						runs.get(target.name)!.push(await settle(stack.n8n.api, target, send([pool], pathOf(target), target, count, senders)));
					}
				}
				const result = { configuration: configuration.name, senders, deliveriesPerRun: count, targets: summarise(targets, runs, count) };
				for (const target of result.targets) {
					log(
						`  ${target.name}: ${target.deliveriesPerSecond.toFixed(0)}/s, p50 ${target.p50Ms.toFixed(1)} ms, p99 ${target.p99Ms.toFixed(1)} ms, ×${target.throughputRatio.toFixed(2)}${target.errors ? `, ${target.errors} errors` : ''}`,
					);
				}
				results.push(result);
			} finally {
				await pool.close();
			}
		}
		return results;
	} finally {
		await stack?.stop();
	}
}

/** n8n's Webhook node, our Hero Health trigger and our HearLink trigger (at `triggerVersion`), each → No Operation, published. */
async function publishTargets(stack: Stack, triggerVersion: number): Promise<Target[]> {
	const { api } = stack.n8n;
	let sequence = 0;
	const distinct = (target: ForgeryTarget) => (count: number) => {
		const now = Math.floor(Date.now() / 1000);
		return Array.from({ length: count }, () => target.sign(target.body(++sequence), target.secret, now));
	};

	const webhookPath = randomUUID();
	const webhook = await api.createWorkflow({
		name: 'Bench: Webhook node',
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			{ id: randomUUID(), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
		],
		connections: { Webhook: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	});
	await api.publish(webhook.id);
	await api.waitForPublication(webhook.id);

	const hero = await publishSubject(stack, corpusSubject(VENDOR_KITS.heroHealth), {}, triggerVersion);
	// The HearLink credential holds the subject's signing secret, as an admin copies it from the portal.
	const hearLink = await publishSubject(stack, corpusSubject(VENDOR_KITS.hearLink), {}, triggerVersion);
	const heroDeliveries = distinct(hero.target);
	return [
		// The Webhook node gets what Hero sends: the same bodies, the same headers (which it ignores).
		{ name: WEBHOOK_NODE, url: `${stack.n8n.url}/webhook/${webhookPath}`, workflowId: webhook.id, deliveries: heroDeliveries },
		{ name: 'Hero Health Trigger', url: hero.url, workflowId: hero.workflowId, deliveries: heroDeliveries },
		{ name: 'HearLink Trigger', url: hearLink.url, workflowId: hearLink.workflowId, deliveries: distinct(hearLink.target) },
	];
}

/**
 * Sends `count` deliveries from `senders` concurrent senders, sender i on pool i mod pools (one
 * pool: one n8n process; several: processors sharing the senders); every answer must be a 200.
 */
export async function send(pools: Pool[], path: string, target: Target, count: number, senders: number): Promise<Run> {
	const deliveries = target.deliveries(count);
	const latenciesMs: number[] = [];
	const errors: string[] = [];
	let next = 0;
	const sender = async (pool: Pool) => {
		while (next < deliveries.length) {
			const delivery = deliveries[next++];
			const started = process.hrtime.bigint();
			try {
				const response = await pool.request({ method: 'POST', path, headers: delivery.headers, body: delivery.rawBody });
				await response.body.dump();
				if (response.statusCode !== 200) errors.push(`HTTP ${response.statusCode}`);
			} catch (error) {
				errors.push((error as Error).message);
			}
			latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
		}
	};
	const started = process.hrtime.bigint();
	await Promise.all(Array.from({ length: senders }, (_, i) => sender(pools[i % pools.length])));
	return { elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, latenciesMs, errors };
}

/** Waits for the run, then until n8n has finished every execution of the target's workflow. */
export async function settle(api: N8nApi, target: Target, running: Promise<Run>): Promise<Run> {
	const run = await running;
	const expected = (executionCounts.get(target.workflowId) ?? 0) + run.latenciesMs.length - run.errors.length;
	executionCounts.set(target.workflowId, expected);
	await api.poll(`${expected} executions of ${target.name}`, 10 * 60_000, async () => {
		const page = await api.rest<{ count: number }>(
			'GET',
			`/rest/executions?limit=1&filter=${encodeURIComponent(JSON.stringify({ workflowId: target.workflowId, status: ['success'] }))}`,
		);
		return page.count >= expected ? true : undefined;
	});
	return run;
}

const executionCounts = new Map<string, number>();

const pathOf = (target: Target) => new URL(target.url).pathname;

function summarise(targets: Target[], runs: Map<string, Run[]>, count: number): TargetResult[] {
	const baseline = runs.get(WEBHOOK_NODE)!;
	const rate = (run: Run) => (count / run.elapsedMs) * 1000;
	return targets.map((target) => {
		const own = runs.get(target.name)!;
		const latencies = own.flatMap((run) => run.latenciesMs);
		const p99PerRound = own.map((run) => percentile(run.latenciesMs, 0.99));
		const baselineP99 = baseline.map((run) => percentile(run.latenciesMs, 0.99));
		return {
			name: target.name,
			deliveriesPerSecond: median(own.map(rate)),
			p50Ms: percentile(latencies, 0.5),
			p99Ms: percentile(latencies, 0.99),
			throughputRatio: median(own.map((run, round) => rate(run) / rate(baseline[round]))),
			p99Ratio: median(p99PerRound.map((p99, round) => p99 / baselineP99[round])),
			errors: own.reduce((sum, run) => sum + run.errors.length, 0),
		};
	});
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
