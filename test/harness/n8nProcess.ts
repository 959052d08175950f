import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { fetch } from 'undici';

import type { Owner } from './n8nApi';
import { N8nApi, TIMEOUTS, withLog } from './n8nApi';
import { packageNameOf } from './package';
import type { Provisioned } from './provision';

/**
 * A real n8n (the provisioned one) with this package installed as a community package, on a free
 * loopback port, in a temporary user folder. Its output goes to `n8n.log` in that folder, and
 * every failure carries the log's tail. `N8nApi` speaks n8n's internal REST API (the editor's,
 * with the owner's login cookie) and its public API (with an API key made at start).
 * (test/support/n8nCore.ts, by contrast, runs node code in n8n-core's contexts without any n8n.)
 */

export const PACKAGE_NAME = 'n8n-nodes-health-practice';

/** n8n's processes: `start` (main: editor, API, publishing), `webhook` (a webhook processor), `worker`. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nOptions {
	provisioned: Provisioned;
	/** Which n8n process to run; default `start`. Only `start` has the editor and the API. */
	command?: N8nCommand;
	/** `npm pack` output to install into the user folder's `nodes/node_modules`; none: n8n alone. */
	packageTarball?: string;
	/** Default: a free loopback port. */
	port?: number;
	/**
	 * n8n's public webhook base (`N8N_WEBHOOK_URL`), e.g. a TLS proxy in front of it for vendors
	 * that only deliver to https. Default: n8n's own loopback URL.
	 */
	webhookBaseUrl?: string;
	/** Default: a new temporary folder, removed on stop. */
	userFolder?: string;
	owner?: Partial<Owner>;
	/** Extra environment for n8n. */
	env?: Record<string, string>;
	/** Also echo n8n's output here (the demo shows it on request). */
	echo?: NodeJS.WritableStream;
	/** Called when n8n exits by itself (not through `stop` or `restart`). */
	onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export class N8n {
	readonly url: string;
	/** Where n8n's webhook URLs point (`N8N_WEBHOOK_URL`, without the trailing slash). */
	readonly webhookBaseUrl: string;
	readonly logFile: string;
	readonly api: N8nApi;
	private child?: ChildProcess;
	private ready = false;
	private exited?: Promise<void>;

	private constructor(
		private readonly options: N8nOptions,
		readonly port: number,
		readonly userFolder: string,
		private readonly ownsUserFolder: boolean,
		readonly owner: Owner,
		private readonly env: NodeJS.ProcessEnv,
	) {
		this.url = `http://127.0.0.1:${port}`;
		this.webhookBaseUrl = (options.webhookBaseUrl ?? this.url).replace(/\/+$/, '');
		this.logFile = join(userFolder, 'n8n.log');
		this.api = new N8nApi(this.url, owner, (lines) => this.logTail(lines));
	}

	static async start(options: N8nOptions): Promise<N8n> {
		const ownsUserFolder = options.userFolder === undefined;
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		const [port, brokerPort] = options.port ? [options.port, await freePort()] : await freePorts(2);
		const owner: Owner = {
			email: 'owner@example.com',
			password: `Owner-${randomBytes(6).toString('hex')}-9`,
			firstName: 'Practice',
			lastName: 'Admin',
			...options.owner,
		};
		const env = n8nEnvironment(options, userFolder, port, brokerPort, owner);
		const n8n = new N8n(options, port, userFolder, ownsUserFolder, owner, env);
		try {
			if (options.packageTarball) installPackage(options.packageTarball, userFolder);
			await n8n.launch();
			if (n8n.command === 'start') await n8n.api.connect();
			return n8n;
		} catch (error) {
			// The folder stays, so that the log the error points at can be read.
			await n8n.stop({ keepUserFolder: true });
			throw withLog(error, n8n.logTail());
		}
	}

	get command(): N8nCommand {
		return this.options.command ?? 'start';
	}

	/** n8n's URL for a webhook node with this `webhookId` (n8n-workflow `getNodeWebhookPath`). */
	webhookUrl(webhookId: string, mode: 'production' | 'test' = 'production', path = 'webhook'): string {
		return `${this.webhookBaseUrl}/${mode === 'production' ? 'webhook' : 'webhook-test'}/${webhookId}/${path}`;
	}

	/** Stops n8n (SIGTERM, as an admin would) and starts it again on the same port and database. */
	async restart(): Promise<void> {
		await this.terminate();
		try {
			await this.launch();
			if (this.command === 'start') await this.api.connect();
		} catch (error) {
			throw withLog(error, this.logTail());
		}
	}

	async stop(options: { keepUserFolder?: boolean } = {}): Promise<void> {
		await this.terminate();
		if (this.ownsUserFolder && !options.keepUserFolder && !process.env.E2E_KEEP) {
			rmSync(this.userFolder, { recursive: true, force: true });
		}
	}

	/** The last `lines` lines n8n printed (all its starts in this folder). */
	logTail(lines = 60): string {
		if (!existsSync(this.logFile)) return '(n8n wrote no log)';
		const text = readFileSync(this.logFile, 'utf8').trimEnd().split('\n');
		return `--- last ${Math.min(lines, text.length)} lines of ${this.logFile} ---\n${text.slice(-lines).join('\n')}`;
	}

	private async launch(): Promise<void> {
		this.ready = false;
		mkdirSync(this.userFolder, { recursive: true });
		const log = openSync(this.logFile, 'a');
		const child = spawn(this.options.provisioned.node, [this.options.provisioned.n8nBin, this.command], {
			cwd: this.userFolder,
			env: this.env,
			stdio: ['ignore', this.options.echo ? 'pipe' : log, this.options.echo ? 'pipe' : log],
			// Its own process group, so that stopping it also stops the task runners it spawns.
			detached: true,
		});
		if (this.options.echo) {
			const echo = this.options.echo;
			const tee = (chunk: Buffer) => {
				echo.write(chunk);
				writeSync(log, chunk);
			};
			child.stdout?.on('data', tee);
			child.stderr?.on('data', tee);
			child.once('close', () => closeSync(log));
		} else {
			closeSync(log);
		}
		this.child = child;
		this.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => {
				if (this.child === child && this.ready) this.options.onUnexpectedExit?.(code, signal);
				resolve();
			}),
		);
		liveChildren.add(child);
		void this.exited.then(() => liveChildren.delete(child));

		const deadline = Date.now() + TIMEOUTS.startup;
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`n8n exited during startup (code ${child.exitCode}, signal ${child.signalCode})`);
			}
			try {
				const response = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(5000) });
				if (response.status === 200) {
					this.ready = true;
					return;
				}
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`n8n was not ready after ${TIMEOUTS.startup / 1000} s`);
			await sleep(500);
		}
	}

	private async terminate(): Promise<void> {
		const child = this.child;
		if (!child?.pid || !this.exited) return;
		this.child = undefined;
		this.ready = false;
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const patience = new AbortController();
			const stopped = await Promise.race([
				this.exited.then(() => true),
				sleep(TIMEOUTS.stop, false, { signal: patience.signal }).catch(() => true),
			]);
			patience.abort();
			if (!stopped) killGroup(child.pid, 'SIGKILL');
			await this.exited;
		}
		// Whatever n8n left in its group (task runners) goes too.
		killGroup(child.pid, 'SIGKILL');
	}
}

const liveChildren = new Set<ChildProcess>();
// A test run that is torn down abruptly must not leave n8n running.
process.once('exit', () => {
	for (const child of liveChildren) if (child.pid) killGroup(child.pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

function n8nEnvironment(
	options: N8nOptions,
	userFolder: string,
	port: number,
	brokerPort: number,
	owner: Owner,
): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => !/^(N8N_|DB_|EXECUTIONS_|WEBHOOK_URL$|NODE_OPTIONS$|npm_|JEST_|NODE_ENV$)/.test(key),
		),
	);
	return {
		...inherited,
		PATH: `${options.provisioned.nodeBinDir}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		// The sandbox delivers to the URL n8n gives our triggers: everything stays on loopback.
		N8N_WEBHOOK_URL: `${(options.webhookBaseUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '')}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: 'n8n-nodes-health-practice-e2e-only',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// Keep n8n on loopback: no MCP-server catalogue from api.n8n.io.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(options.provisioned, owner.password),
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		// A worker answers health checks on its own server (here: the process's port).
		...(options.command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
		...options.env,
	};
}

/** The owner's password hash, made by n8n's own bcryptjs on the provisioned Node (no new dependency). */
function bcryptHash(provisioned: Provisioned, password: string): string {
	return execFileSync(
		provisioned.node,
		['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password],
		{ cwd: provisioned.n8nPackage, encoding: 'utf8', timeout: 60_000 },
	);
}

/** Unpacks the package where n8n's own installer puts community packages, so types are `<package>.<node>`. */
function installPackage(tarball: string, userFolder: string): void {
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', packageNameOf(tarball));
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
}

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}
