import { rootCertificates } from 'node:tls';

import { Agent, request } from 'undici';

import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { LoadBalancer } from '../support/loadBalancer';
import { freePort, N8n } from './n8nProcess';
import type { PostgresService, QueueService } from './queueServices';
import { startPostgres, startRedis } from './queueServices';
import type { Stack, StackOptions } from './stack';

/**
 * n8n in queue mode, as an operations team runs it: Postgres and Redis, a main process (editor,
 * API, publishing; no production webhooks), webhook processors (`n8n webhook`) and workers
 * (`n8n worker`), each with the package in its own user folder and the same encryption key, behind
 * an https front that sends production webhooks round-robin to the processors and the rest to
 * main. `stack.n8n` is main; `N8N_WEBHOOK_URL` everywhere is the front.
 */

export interface QueueOptions {
	webhookProcessors: number;
	workers: number;
}

export interface QueueStack extends Stack {
	front: LoadBalancer;
	processors: N8n[];
	workers: N8n[];
	postgres: PostgresService;
	redis: QueueService;
}

export async function startQueueStack(options: StackOptions & { queue: QueueOptions }, resolved: Pick<N8nStartBasics, 'provisioned' | 'packageTarball'>): Promise<QueueStack> {
	const cleanups: Array<() => Promise<unknown>> = [];
	const stopAll = async () => {
		for (const cleanup of cleanups.reverse()) await Promise.allSettled([cleanup()]);
	};
	try {
		const [started, redis] = await startedTogether<QueueService>([startPostgres(), startRedis()], cleanups);
		const postgres = started as PostgresService;

		const mainPort = await freePort();
		const processorPorts = await Promise.all(Array.from({ length: options.queue.webhookProcessors }, () => freePort()));
		const front = await LoadBalancer.start({
			main: `http://127.0.0.1:${mainPort}`,
			processors: processorPorts.map((port) => `http://127.0.0.1:${port}`),
		});
		const dispatcher = new Agent({ connect: { ca: [...rootCertificates, front.certificate.cert] } });
		cleanups.push(() => front.stop(), () => dispatcher.close());

		const sandbox: Sandbox = await startSandbox({ ...options.sandbox, trustedCertificates: [...(options.sandbox?.trustedCertificates ?? []), front.certificate.cert] });
		cleanups.push(() => sandbox.stop());

		const env = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_DATABASE: postgres.database,
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Production webhooks only on the processors, as the front routes them.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			...options.env,
		};
		const base = { ...options, ...resolved, env, webhookBaseUrl: `${front.url}/` };

		// Main first: it migrates the database the others read.
		const main = await N8n.start({ ...base, port: mainPort, command: 'start' });
		cleanups.push(() => main.stop());
		const processes = await startedTogether<N8n>(
			[
				...processorPorts.map((port) => N8n.start({ ...base, port, command: 'webhook' })),
				...Array.from({ length: options.queue.workers }, () => N8n.start({ ...base, command: 'worker' })),
			],
			cleanups,
		);

		return {
			sandbox,
			n8n: main,
			front,
			processors: processes.slice(0, processorPorts.length),
			workers: processes.slice(processorPorts.length),
			postgres,
			redis,
			post: async (url, init) => {
				const response = await request(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...init.headers },
					body: init.body,
					dispatcher,
				});
				return { status: response.statusCode, body: await response.body.text() };
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

interface N8nStartBasics {
	provisioned: Parameters<typeof N8n.start>[0]['provisioned'];
	packageTarball: string;
}

/**
 * Starts side by side; every one that started is registered for the clean-up, so that when one
 * fails, none of the others is left running.
 */
async function startedTogether<T extends { stop(): Promise<unknown> }>(starts: Array<Promise<T>>, cleanups: Array<() => Promise<unknown>>): Promise<T[]> {
	const outcomes = await Promise.allSettled(starts);
	for (const outcome of outcomes) if (outcome.status === 'fulfilled') cleanups.push(() => outcome.value.stop());
	const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	if (failed) throw failed.reason;
	return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
