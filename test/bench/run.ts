import './env';

import { cpus, loadavg } from 'node:os';

import { setRetryTiming } from '../../nodes/shared/http';
import { pipelineCases } from './cases';
import { formatNs } from './measure';
import { benchmarkN8n, N8N_CONFIGURATIONS, WEBHOOK_NODE } from './n8nThroughput';
import { benchmarkPipeline } from './pipeline';
import { benchmarkPublish } from './publish';
import { benchmarkQueue } from './queueThroughput';
import { benchmarkReplayMemory } from './replayMemory';

/**
 * `npm run bench`: prints ratios measured side by side in one run. Nothing here passes or fails
 * on absolute time; the goals are printed beside the measured ratios.
 *
 * (b) starts the provisioned real n8n (as `npm run test:e2e` does; the first run installs it).
 * `npm run bench:quick` leaves (b) out; `npm run bench:n8n` runs (b) alone. Its size:
 * BENCH_N8N_ROUNDS (3), BENCH_N8N_MINIMUM (60 deliveries per run) and BENCH_N8N_PER_SENDER (1:
 * a run has max(minimum, senders × this) deliveries), BENCH_N8N_SENDERS (1,50), BENCH_N8N_CONFIGS
 * (which configurations, by part of their name, e.g. `lazy,legacy`), and BENCH_N8N_ENV
 * (`NAME=value,…`: one configuration of your own instead, triggers at version 2).
 * (e) starts n8n in queue mode (Postgres and Redis from Debian's packages); `npm run bench:queue`
 * runs it alone; its size: BENCH_QUEUE_SENDERS (50), BENCH_QUEUE_DELIVERIES (300 per run),
 * BENCH_QUEUE_ROUNDS (3).
 */
async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	if (args.has('--only-queue')) return await queueMode();
	const onlyN8n = args.has('--only-n8n');
	const withN8n = !args.has('--without-n8n');
	setRetryTiming({ baseDelayMs: 5 });
	console.log(`# Benchmarks — ${new Date().toISOString()}`);
	console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
	if (!onlyN8n && !args.has("--without-pipeline")) await pipeline();
	if (withN8n) await throughN8n();
	else console.log('\n## (b) Through a real n8n: left out (`npm run bench` or `npm run bench:n8n` run it)');
	if (!onlyN8n) {
		await publishing();
		memory();
	}
	if (withN8n) await queueMode();
}

async function queueMode(): Promise<void> {
	console.log('\n## (e) n8n queue mode: signed deliveries acknowledged per second by two webhook processors vs one, same senders and payloads, same run\n');
	const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
	const bench = await benchmarkQueue({ senders: number('BENCH_QUEUE_SENDERS'), deliveries: number('BENCH_QUEUE_DELIVERIES'), rounds: number('BENCH_QUEUE_ROUNDS') });
	const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
	console.log(
		`n8n ${bench.n8nVersion} in queue mode (Postgres, Redis, main, 2 webhook processors, 1 worker, all on this machine's ${cpus().length} cores); Hero Health Trigger → No Operation; ${bench.senders} senders, ${bench.deliveriesPerRun} deliveries per run, ${bench.rounds} rounds; load average before ${load(bench.loadBefore)}, after ${load(bench.loadAfter)}.\n`,
	);
	console.log('| processors | deliveries/s | p99 ack | errors | vs one processor |');
	console.log('|---|---|---|---|---|');
	console.log(`| 1 | ${bench.one.deliveriesPerSecond.toFixed(0)} | ${bench.one.p99Ms.toFixed(1)} ms | ${bench.one.errors} | 1× |`);
	console.log(`| 2 | ${bench.two.deliveriesPerSecond.toFixed(0)} | ${bench.two.p99Ms.toFixed(1)} ms | ${bench.two.errors} | ${bench.ratio.toFixed(2)}× |`);
}

async function pipeline(): Promise<void> {
	console.log('## (a) Delivery pipeline in n8n-core\'s WebhookContext: whole webhook() vs bare createHmac + JSON.parse over the same bytes (goals ≤ 2× at ~100 B, ≤ 1.1× at 32 KB)\n');
	console.log('Each trigger with its vendor\'s own small payload, and with about 4 KB and 32 KB of data in it. The floor is a webhook() doing only the bare work in the same context: what the context itself costs.\n');
	console.log('| trigger | body | webhook() | floor | bare HMAC + parse | webhook() / bare | floor / bare | webhook() / floor |');
	console.log('|---|---|---|---|---|---|---|---|');
	for (const testCase of pipelineCases) {
		for (const padBytes of [0, 4096, 32768]) {
			const { pipeline: whole, floor, overFloor } = await benchmarkPipeline(testCase, padBytes);
			const size = testCase.delivery(0, padBytes).rawBody.length;
			console.log(
				`| ${testCase.vendor} | ${size} B | ${formatNs(whole.candidateNsPerOp)} | ${formatNs(floor.candidateNsPerOp)} | ${formatNs(whole.baselineNsPerOp)} | ${whole.ratio.toFixed(2)}× | ${floor.ratio.toFixed(2)}× | ${overFloor.ratio.toFixed(2)}× |`,
			);
		}
	}
}

async function publishing(): Promise<void> {
	console.log('\n## (c) Publishing an 8-event Hero Health trigger, 100 ms per API call (goal: creates and deletes ≤ 2 round trips)\n');
	const publish = await benchmarkPublish(100);
	console.log('| | round trips (elapsed / 100 ms) | API calls |');
	console.log('|---|---|---|');
	console.log(`| publish (checkExists + create) | ${publish.publishRoundTrips.toFixed(2)} | ${publish.apiCallsPublish} |`);
	console.log(`| of which the 8 creates | ${publish.createPhaseRoundTrips.toFixed(2)} | 8 |`);
	console.log(`| unpublish (delete) | ${publish.unpublishRoundTrips.toFixed(2)} | ${publish.apiCallsUnpublish} |`);
	console.log(`| of which the 8 deletes | ${publish.deletePhaseRoundTrips.toFixed(2)} | 8 |`);
}

function memory(): void {
	console.log('\n## (d) Replay-guard memory for one trigger (goal ≤ 20 MB after 100,000 deliveries, flat after the bound)\n');
	const memory = benchmarkReplayMemory();
	console.log(`| bound (entries) | growth at the bound | after 100,000 | after 200,000 |`);
	console.log('|---|---|---|---|');
	console.log(
		`| ${memory.maxEntries} | ${memory.growthAtBoundMb.toFixed(2)} MB | ${memory.growthAfter100kMb.toFixed(2)} MB | ${memory.growthAfter200kMb.toFixed(2)} MB |`,
	);
}

async function throughN8n(): Promise<void> {
	console.log(
		"\n## (b) Through a real n8n: our triggers vs n8n's own Webhook node on the same instance, per n8n configuration (goal with LAZY_ACQUIRE and v2 triggers: ≥ 0.95× throughput and p99 ≤ 1.1× at 1 and 50 senders)\n",
	);
	const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
	const custom = Object.fromEntries(
		(process.env.BENCH_N8N_ENV ?? '')
			.split(',')
			.filter(Boolean)
			.map((setting) => setting.split('=', 2) as [string, string]),
	);
	const chosen = process.env.BENCH_N8N_CONFIGS?.split(',').map((name) => name.trim().toLowerCase());
	const configurations = Object.keys(custom).length
		? [{ name: `${JSON.stringify(custom)}, triggers v2`, env: custom, triggerVersion: 2 as const }]
		: N8N_CONFIGURATIONS.filter((configuration) => !chosen || chosen.some((name) => configuration.name.toLowerCase().includes(name)));
	const bench = await benchmarkN8n({
		concurrencies: process.env.BENCH_N8N_SENDERS?.split(',').map(Number),
		configurations,
		rounds: number('BENCH_N8N_ROUNDS'),
		perSender: number('BENCH_N8N_PER_SENDER'),
		minimum: number('BENCH_N8N_MINIMUM'),
	});
	const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
	console.log(
		`n8n ${bench.n8nVersion} on Node 24 (SQLite, executions saved as n8n does by default), a fresh n8n per configuration, each workflow trigger → No Operation; ${bench.rounds} rounds per concurrency, targets in rotating order; load average before ${load(bench.loadBefore)}, after ${load(bench.loadAfter)}.\n`,
	);
	console.log(`| n8n configuration | senders | target | deliveries/s | p50 ack | p99 ack | throughput vs ${WEBHOOK_NODE} | p99 vs ${WEBHOOK_NODE} |`);
	console.log('|---|---|---|---|---|---|---|---|');
	for (const { configuration, senders, targets } of bench.results) {
		for (const target of targets) {
			const baseline = target.name === WEBHOOK_NODE;
			console.log(
				`| ${configuration} | ${senders} | ${target.name}${target.errors ? ` (${target.errors} errors)` : ''} | ${target.deliveriesPerSecond.toFixed(0)} | ${target.p50Ms.toFixed(1)} ms | ${target.p99Ms.toFixed(1)} ms | ${baseline ? '1' : target.throughputRatio.toFixed(2)}× | ${baseline ? '1' : target.p99Ratio.toFixed(2)}× |`,
			);
		}
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
