import './env';

import { cpus } from 'node:os';

import { retryPolicy } from '../../nodes/shared/http';
import { pipelineCases } from './cases';
import { formatNs } from './measure';
import { benchmarkPipeline } from './pipeline';
import { benchmarkPublish } from './publish';
import { benchmarkReplayMemory } from './replayMemory';

/**
 * `npm run bench`: prints ratios measured side by side in one run. Nothing here passes or fails
 * on absolute time; the goals are printed beside the measured ratios.
 */
async function main(): Promise<void> {
	retryPolicy.baseDelayMs = 5;
	console.log(`# Benchmarks — ${new Date().toISOString()}`);
	console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}\n`);

	console.log('## (a) Delivery pipeline: whole webhook() vs bare createHmac + JSON.parse over the same bytes (goal ≤ 1.3×)\n');
	console.log('Each trigger with its vendor\'s own small payload, and with about 4 KB and 32 KB of data in it.\n');
	console.log('| trigger | body | webhook() per delivery | bare HMAC + parse | ratio |');
	console.log('|---|---|---|---|---|');
	for (const testCase of pipelineCases) {
		for (const padBytes of [0, 4096, 32768]) {
			const result = await benchmarkPipeline(testCase, padBytes);
			const size = testCase.delivery(0, padBytes).rawBody.length;
			console.log(
				`| ${testCase.vendor} | ${size} B | ${formatNs(result.candidateNsPerOp)} | ${formatNs(result.baselineNsPerOp)} | ${result.ratio.toFixed(2)}× |`,
			);
		}
	}

	console.log('\n## (c) Publishing an 8-event Hero Health trigger, 100 ms per API call (goal: creates and deletes ≤ 2 round trips)\n');
	const publish = await benchmarkPublish(100);
	console.log('| | round trips (elapsed / 100 ms) | API calls |');
	console.log('|---|---|---|');
	console.log(`| publish (checkExists + create) | ${publish.publishRoundTrips.toFixed(2)} | ${publish.apiCallsPublish} |`);
	console.log(`| of which the 8 creates | ${publish.createPhaseRoundTrips.toFixed(2)} | 8 |`);
	console.log(`| unpublish (delete) | ${publish.unpublishRoundTrips.toFixed(2)} | ${publish.apiCallsUnpublish} |`);
	console.log(`| of which the 8 deletes | ${publish.deletePhaseRoundTrips.toFixed(2)} | 8 |`);

	console.log('\n## (d) Replay-guard memory for one trigger (goal ≤ 20 MB after 100,000 deliveries, flat after the bound)\n');
	const memory = benchmarkReplayMemory();
	console.log(`| bound (entries) | growth at the bound | after 100,000 | after 200,000 |`);
	console.log('|---|---|---|---|');
	console.log(
		`| ${memory.maxEntries} | ${memory.growthAtBoundMb.toFixed(2)} MB | ${memory.growthAfter100kMb.toFixed(2)} MB | ${memory.growthAfter200kMb.toFixed(2)} MB |`,
	);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
