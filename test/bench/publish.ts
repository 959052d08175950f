import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import { startSandbox } from '../sandbox';
import { HERO_EVENTS } from '../sandbox/heroHealth';
import { TriggerHarness } from '../support/n8nCore';

/**
 * (c) Publishing and unpublishing an 8-event Hero Health trigger against the sandbox with a fixed
 * latency per API call, in round trips (elapsed / latency): the subscriptions are created and
 * removed concurrently (at most 8 at a time), so 8 events cost about 1 round trip, not 8.
 */

export interface PublishResult {
	latencyMs: number;
	publishRoundTrips: number;
	createPhaseRoundTrips: number;
	unpublishRoundTrips: number;
	deletePhaseRoundTrips: number;
	apiCallsPublish: number;
	apiCallsUnpublish: number;
}

/** Every event Hero offers: eight subscriptions. */
const EIGHT_EVENTS = HERO_EVENTS;

export async function benchmarkPublish(latencyMs = 100): Promise<PublishResult> {
	const sandbox = await startSandbox();
	try {
		const trigger = new TriggerHarness({
			trigger: new HeroHealthTrigger(),
			credentialTypes: [new HeroHealthApi()],
			credentials: { heroHealthApi: sandbox.heroHealth.credentials() },
			parameters: { events: EIGHT_EVENTS },
			n8nBaseUrl: 'http://127.0.0.1:5678',
		});
		await trigger.publish(); // warm the connection pool and code paths
		await trigger.unpublish();
		sandbox.server.requests.length = 0;
		sandbox.server.faults.setLatency('heroHealth', latencyMs);

		const timed = async (fn: () => Promise<unknown>) => {
			const start = process.hrtime.bigint();
			await fn();
			return Number(process.hrtime.bigint() - start) / 1e6 / latencyMs;
		};
		const lists = (from: number) => sandbox.server.requests.slice(from).filter((request) => request.method === 'GET').length;
		const checkExists = await timed(() => trigger.runHook('checkExists'));
		const beforeCreate = sandbox.server.requests.length;
		const create = await timed(() => trigger.runHook('create'));
		// create lists again only when it cannot reuse the list checkExists just made
		const listsInCreate = lists(beforeCreate);
		const subscriptions = () => sandbox.heroHealth.webhooks.size;
		if (subscriptions() !== 8) throw new Error(`expected 8 subscriptions, found ${subscriptions()}`);
		const createCalls = sandbox.server.requestsTo('heroHealth', { method: 'POST', path: '/v1/webhooks' }).length;
		const apiCallsPublish = sandbox.server.requests.length;

		sandbox.server.requests.length = 0;
		const unpublish = await timed(() => trigger.unpublish());
		if (subscriptions() !== 0) throw new Error('unpublish left subscriptions behind');
		const apiCallsUnpublish = sandbox.server.requests.length;
		const listsInUnpublish = lists(0);
		if (createCalls !== 8) throw new Error(`expected 8 creates, saw ${createCalls}`);

		return {
			latencyMs,
			publishRoundTrips: checkExists + create,
			// each list is one round trip before the creates or deletes start
			createPhaseRoundTrips: create - listsInCreate,
			unpublishRoundTrips: unpublish,
			deletePhaseRoundTrips: unpublish - listsInUnpublish,
			apiCallsPublish,
			apiCallsUnpublish,
		};
	} finally {
		await sandbox.stop();
	}
}
