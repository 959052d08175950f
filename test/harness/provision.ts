import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Installs, once, a real n8n into a cache outside the repo: Node 24 from the npm registry (n8n
 * ≥ 2.36 refuses older Node) and the pinned n8n, with its sqlite3 binding rebuilt against that
 * Node's bundled headers (nothing is downloaded but npm packages). A marker is written only after
 * everything checked out; a cache that is present is checked again and repaired when broken.
 * See docs/TESTING.md#provisioning (Node 24 from the npm registry, n8n installed with --ignore-scripts, sqlite3 rebuilt with node-gyp; 2.41.3 does not install from this registry).
 */

export const N8N_VERSION = '2.41.1';
/** The `node` package's platform binary (what `npm install node@24` pulls in), pinned. */
export const NODE_VERSION = '24.21.0';

export const CACHE_ROOT =
	process.env.N8N_NODES_HEALTH_PRACTICE_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-health-practice');

export interface Provisioned {
	/** The Node 24 executable. */
	node: string;
	/** Its `bin/` folder, to put first on PATH for n8n's child processes. */
	nodeBinDir: string;
	/** n8n's package folder (`…/node_modules/n8n`). */
	n8nPackage: string;
	/** `bin/n8n` inside it. */
	n8nBin: string;
	n8nVersion: string;
}

const NODE_PLATFORM_PACKAGE = `node-${process.platform}-${process.arch}`;
const nodeDir = join(CACHE_ROOT, `node-${NODE_VERSION}`);
const n8nDir = join(CACHE_ROOT, `n8n-${N8N_VERSION}`);
const nodeHome = join(nodeDir, 'node_modules', NODE_PLATFORM_PACKAGE);
const markerFile = join(n8nDir, '.provisioned.json');
const lockDir = join(CACHE_ROOT, '.lock');

export function provisionedPaths(): Provisioned {
	const n8nPackage = join(n8nDir, 'node_modules', 'n8n');
	return {
		node: join(nodeHome, 'bin', 'node'),
		nodeBinDir: join(nodeHome, 'bin'),
		n8nPackage,
		n8nBin: join(n8nPackage, 'bin', 'n8n'),
		n8nVersion: N8N_VERSION,
	};
}

/** Makes sure the cache holds a working Node 24 + n8n; installs or repairs what is missing. */
export async function provision(log: (line: string) => void = (line) => console.log(line)): Promise<Provisioned> {
	mkdirSync(CACHE_ROOT, { recursive: true });
	const release = await lock(log);
	try {
		return await provisionLocked(log);
	} finally {
		release();
	}
}

async function provisionLocked(log: (line: string) => void): Promise<Provisioned> {
	const paths = provisionedPaths();
	if (existsSync(markerFile) && problems(paths).length === 0) return paths;

	const started = Date.now();
	log(`Provisioning n8n ${N8N_VERSION} on Node ${NODE_VERSION} into ${CACHE_ROOT} (once; a few minutes)…`);

	if (nodeProblem(paths)) {
		log(`  installing ${NODE_PLATFORM_PACKAGE}@${NODE_VERSION} from the npm registry`);
		rmSync(nodeDir, { recursive: true, force: true });
		await npmInstall(nodeDir, `${NODE_PLATFORM_PACKAGE}@${NODE_VERSION}`, process.env.PATH ?? '');
		const problem = nodeProblem(paths);
		if (problem) throw new Error(`Node ${NODE_VERSION} did not install: ${problem}`);
	}

	rmSync(markerFile, { force: true });
	const withNode24 = `${paths.nodeBinDir}:${process.env.PATH ?? ''}`;
	if (n8nInstallProblem(paths)) {
		log(`  installing n8n@${N8N_VERSION} (npm install --ignore-scripts; ~3-10 min)`);
		rmSync(n8nDir, { recursive: true, force: true });
		await npmInstall(n8nDir, `n8n@${N8N_VERSION}`, withNode24);
	}
	if (sqliteProblem(paths)) {
		const missing = ['python3', 'make', 'g++'].filter((tool) => tryRun('sh', ['-c', `command -v ${tool}`]) === undefined);
		if (missing.length > 0) {
			throw new Error(
				`Building n8n's sqlite3 binding needs ${missing.join(', ')}: install them ` +
					'(Debian: apt-get install -y python3 make g++) and run again.',
			);
		}
		log('  building sqlite3 against Node 24 headers (node-gyp; ~1-3 min)');
		await run(paths.node, [join(n8nDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), 'rebuild'], {
			cwd: join(n8nDir, 'node_modules', 'sqlite3'),
			env: buildEnv(withNode24),
		});
	}

	const remaining = problems(paths);
	if (remaining.length > 0) throw new Error(`n8n provisioning failed: ${remaining.join('; ')}`);
	writeFileSync(
		markerFile,
		JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, at: new Date().toISOString() }, null, 2),
	);
	log(`  ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return paths;
}

/** What is wrong with the cache, in words; empty when it is usable. */
export function problems(paths = provisionedPaths()): string[] {
	return [nodeProblem(paths), n8nInstallProblem(paths), sqliteProblem(paths)].filter(
		(problem): problem is string => problem !== undefined,
	);
}

function nodeProblem(paths: Provisioned): string | undefined {
	if (!existsSync(paths.node)) return `no Node executable at ${paths.node}`;
	const version = tryRun(paths.node, ['--version']);
	return version?.trim() === `v${NODE_VERSION}` ? undefined : `Node at ${paths.node} answers ${version ?? 'nothing'}`;
}

function n8nInstallProblem(paths: Provisioned): string | undefined {
	try {
		const manifest = JSON.parse(readFileSync(join(paths.n8nPackage, 'package.json'), 'utf8')) as { version: string };
		if (manifest.version !== N8N_VERSION) return `n8n ${manifest.version} installed, ${N8N_VERSION} wanted`;
	} catch {
		return `n8n is not installed in ${n8nDir}`;
	}
	return existsSync(paths.n8nBin) ? undefined : `no ${paths.n8nBin}`;
}

function sqliteProblem(paths: Provisioned): string | undefined {
	if (!existsSync(paths.node)) return 'no Node 24 to load sqlite3 with';
	const loaded = tryRun(paths.node, ['-e', "require('sqlite3'); process.stdout.write('ok')"], n8nDir);
	return loaded === 'ok' ? undefined : "n8n's sqlite3 binding does not load on Node 24";
}

function tryRun(command: string, args: string[], cwd?: string): string | undefined {
	try {
		return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
	} catch {
		return undefined;
	}
}

function buildEnv(path: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: path,
		// The headers ship inside the Node package; the user's npm config may point elsewhere.
		npm_config_nodedir: nodeHome,
		npm_config_ignore_scripts: 'true',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
	};
}

async function npmInstall(dir: string, spec: string, path: string): Promise<void> {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'n8n-e2e-cache', private: true }, null, 2));
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', spec], {
		cwd: dir,
		env: buildEnv(path),
	});
}

/** Runs a command with output captured; on failure the error carries the output's tail. */
async function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString('utf8')).slice(-20_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (code !== 0) {
		throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output.slice(-4000)}`);
	}
}

/** One provisioner at a time (npm start and the e2e suite may start together). */
async function lock(log: (line: string) => void): Promise<() => void> {
	const deadline = Date.now() + 30 * 60_000;
	let told = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			return () => rmSync(lockDir, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (!holderAlive()) {
			rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`${lockDir} is still held after 30 minutes`);
		if (!told) log(`Waiting for another process provisioning ${CACHE_ROOT}…`);
		told = true;
		await sleep(1000);
	}
}

function holderAlive(): boolean {
	try {
		const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
		if (!pid) return false;
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// The pid is written right after the folder is made: a folder without one is fresh or abandoned.
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
		try {
			return Date.now() - statSync(lockDir).mtimeMs < 10_000;
		} catch {
			return false;
		}
	}
}

if (require.main === module) {
	provision().then(
		(paths) => console.log(`n8n ${paths.n8nVersion}: ${paths.n8nBin}\nNode: ${paths.node}`),
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
