import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from './n8nProcess';

/**
 * Postgres and Redis for n8n's queue mode, from Debian's packages: installed once if missing
 * (`ensureQueueServices`, run by the e2e suite's global setup), then started per test file on
 * 127.0.0.1 with a throw-away data folder and a free port, and stopped with it.
 */

const APT_PACKAGES = ['postgresql', 'redis-server'];

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

function redisServer(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
}

/** Installs Postgres and Redis with apt-get when they are missing (as root); a clear error otherwise. */
export function ensureQueueServices(log: (line: string) => void = () => undefined): void {
	if (postgresBin() && redisServer()) return;
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error(`Queue-mode tests need Postgres and Redis: install Debian's ${APT_PACKAGES.join(' and ')} packages (apt-get install ${APT_PACKAGES.join(' ')}).`);
	}
	log(`Installing ${APT_PACKAGES.join(' and ')} from Debian's packages (once)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env, stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		install();
	} catch {
		// A fresh machine may have no package lists yet.
		execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		install();
	}
	if (!postgresBin() || !redisServer()) throw new Error(`apt-get installed ${APT_PACKAGES.join(' ')} but their programs are not where Debian puts them`);
}

export interface QueueService {
	host: string;
	port: number;
	stop(): Promise<void>;
}

export interface PostgresService extends QueueService {
	user: string;
	database: string;
}

/** A throw-away Postgres cluster (trust authentication on loopback, durability off: test data only). */
export async function startPostgres(): Promise<PostgresService> {
	const bin = postgresBin();
	if (!bin) throw new Error('Postgres is not installed: run the e2e suite with `npm run test:e2e`, which installs it.');
	const dataRoot = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
	// initdb and postgres refuse to run as root: as root, they run as Debian's postgres user (set by
	// Node itself, so no runuser or su has to be on the PATH).
	const asUser = process.getuid?.() === 0 ? postgresIds() : undefined;
	if (asUser) {
		chmodSync(dataRoot, 0o755);
		chownSync(dataRoot, asUser.uid, asUser.gid);
	}
	const dataDir = join(dataRoot, 'data');
	const user = 'n8n';
	run(asUser, join(bin, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--no-instructions']);
	const port = await freePort();
	const child = launch(asUser, join(bin, 'postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-k', dataRoot,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const service = {
		host: '127.0.0.1',
		port,
		user,
		database: 'postgres',
		stop: async () => {
			await stopChild(child);
			rmSync(dataRoot, { recursive: true, force: true });
		},
	};
	try {
		await waitUntil(async () => {
			execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user], { stdio: 'ignore' });
			return true;
		}, child, 'Postgres');
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}

/** A throw-away Redis, nothing saved to disk. */
export async function startRedis(): Promise<QueueService> {
	const server = redisServer();
	if (!server) throw new Error('Redis is not installed: run the e2e suite with `npm run test:e2e`, which installs it.');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	const child = launch(undefined, server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
	const service = {
		host: '127.0.0.1',
		port,
		stop: async () => {
			await stopChild(child);
			rmSync(dir, { recursive: true, force: true });
		},
	};
	try {
		await waitUntil(async () => (await redisPing(port)) === '+PONG', child, 'Redis');
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}

function postgresIds(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

interface RunAs {
	uid: number;
	gid: number;
}

function run(asUser: RunAs | undefined, program: string, args: string[]): void {
	execFileSync(program, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmpdir(), ...asUser });
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of children) if (child.pid) killGroup(child.pid);
});

function launch(asUser: RunAs | undefined, program: string, args: string[]): ChildProcess {
	const child = spawn(program, args, { stdio: 'ignore', detached: true, cwd: tmpdir(), ...asUser });
	// A service a failed test forgot must not keep the test process alive; its exit kills them all.
	child.unref();
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// Postgres: SIGINT is its fast shutdown; Redis stops on it too.
	killGroup(child.pid, 'SIGINT');
	const patience = new AbortController();
	const stopped = await Promise.race([exited.then(() => true), sleep(10_000, false, { signal: patience.signal }).catch(() => true)]);
	patience.abort();
	if (!stopped) killGroup(child.pid, 'SIGKILL');
	await exited;
}

async function waitUntil(ready: () => Promise<boolean>, child: ChildProcess, name: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during startup (code ${child.exitCode})`);
		try {
			if (await ready()) return;
		} catch {
			// not ready yet
		}
		if (Date.now() > deadline) throw new Error(`${name} was not ready after 60 s`);
		await sleep(200);
	}
}

function redisPing(port: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(2000, () => socket.destroy(new Error('timeout')));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) {
				socket.end();
				resolve(answer.trim());
			}
		});
		socket.on('error', reject);
	});
}
