import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CUSTOM_ENVIRONMENT } from '../../nodes/shared/environment';
import type { CheckIo, VendorCheck } from './common';
import { healthieCheck } from './healthie';
import { hearLinkCheck } from './hearLink';
import { heroHealthCheck } from './heroHealth';
import type { CheckReport } from './run';
import { reportTable, runVendorCheck } from './run';
import { rxScaleCheck } from './rxScale';

/**
 * `npm run vendor:check -- <vendor> [options]`: the command line around `runVendorCheck`. The API
 * key (and Hero's practice group) come from environment variables or a hidden prompt, never from an
 * argument or a file; an option that looks like one is refused without echoing it. How to use it:
 * docs/VENDOR-CHECK.md.
 */

export const VENDOR_CHECKS: VendorCheck[] = [heroHealthCheck, healthieCheck, hearLinkCheck, rxScaleCheck];

const DEFAULT_WAIT_SECONDS = 120;

export const USAGE = `Checks every inferred fact about a vendor against your account (docs/VENDOR-CHECK.md).

  npm run vendor:check -- <vendor> [options]

  <vendor>                    heroHealth | healthie | hearLink | rxScale (or hero-health, rx-scale, n8n-nodes-hearlink, …)
  --environment <name>        one of the credential's environments, or custom (default: the vendor's test environment)
  --base-url <url>            with --environment custom: the API root (https, or http on 127.0.0.1 / localhost)
  --api-version <release>     Healthie only: the API version the credential would use (default 2026-01-01)
  --yes                       create (and delete at once) the throwaway subscriptions without asking
  --receiver-url <url>        a public https address that forwards to --receiver-port on this machine:
  --receiver-port <port>      the check listens there for a real delivery and checks its signature
  --wait <seconds>            how long to wait for deliveries (default ${DEFAULT_WAIT_SECONDS})
  --delivery-diagnostics "<line>"   the line n8n's debug log wrote when a trigger refused a delivery (may repeat)
  --report <path>             where to write the JSON report (default vendor-check-<vendor>-<date>.json here)

The API key is read from an environment variable (or asked for, hidden, on a terminal):
${VENDOR_CHECKS.map((vendor) => `  ${vendor.slug}: ${vendor.inputs.map((input) => `${input.env}${input.required ? '' : ' (optional)'}`).join(', ')}`).join('\n')}`;

export class UsageError extends Error {}

export interface ParsedArguments {
	vendor: VendorCheck;
	environment: string;
	baseUrl?: string;
	apiVersion?: string;
	yes: boolean;
	receiver?: { url: string; port: number };
	waitSeconds: number;
	diagnostics: string[];
	reportPath?: string;
	help: boolean;
}

const VALUE_OPTIONS = ['--environment', '--base-url', '--api-version', '--receiver-url', '--receiver-port', '--wait', '--delivery-diagnostics', '--report'];

/** The vendor named in any of its spellings: `heroHealth`, `hero-health`, `n8n-nodes-herohealth`, … */
export function vendorNamed(name: string): VendorCheck | undefined {
	const wanted = name.toLowerCase().replace(/^n8n-nodes-/, '').replace(/[-_\s]/g, '');
	return VENDOR_CHECKS.find((vendor) => [vendor.slug.toLowerCase(), vendor.docsPage.replace(/-/g, '')].includes(wanted));
}

/** Parses the command line. Never echoes a value it refuses: it may be a key typed in the wrong place. */
export function parseArguments(argv: string[]): ParsedArguments {
	const values = new Map<string, string[]>();
	const positional: string[] = [];
	let yes = false;
	let help = false;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--help' || argument === '-h') help = true;
		else if (argument === '--yes' || argument === '-y') yes = true;
		else if (argument.startsWith('-')) {
			const [name, inline] = argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
			if (/key|secret|token|password|practice|group|credential/i.test(name)) {
				throw new UsageError(`${shown(name)}: the API key, signing secrets and Hero's practice group are never taken from the command line (it ends up in shell history). Set the environment variable instead, or run on a terminal to be asked (see --help).`);
			}
			if (!VALUE_OPTIONS.includes(name)) throw new UsageError(`unknown option ${shown(name)} (see --help)`);
			const value = inline ?? argv[++index];
			if (value === undefined) throw new UsageError(`${name} needs a value`);
			values.set(name, [...(values.get(name) ?? []), value]);
		} else positional.push(argument);
	}
	if (help) return { help, vendor: VENDOR_CHECKS[0], environment: '', yes, waitSeconds: DEFAULT_WAIT_SECONDS, diagnostics: [] };
	if (positional.length === 0) throw new UsageError('name the vendor: heroHealth, healthie, hearLink or rxScale (see --help)');
	if (positional.length > 1) throw new UsageError('one vendor only, and nothing else on the command line: the API key comes from an environment variable (see --help)');
	const vendor = vendorNamed(positional[0]);
	if (!vendor) throw new UsageError('unknown vendor: heroHealth, healthie, hearLink or rxScale');
	const one = (name: string) => {
		const given = values.get(name);
		if (given && given.length > 1) throw new UsageError(`${name} may be given once`);
		return given?.[0];
	};

	const environment = one('--environment') ?? vendor.defaultEnvironment;
	const known = [...Object.keys(vendor.environments), CUSTOM_ENVIRONMENT];
	if (!known.includes(environment)) throw new UsageError(`${vendor.binding.name}'s credential has the environments ${known.join(', ')}`);
	const baseUrl = one('--base-url');
	if (environment === CUSTOM_ENVIRONMENT) {
		if (!baseUrl) throw new UsageError('--environment custom needs --base-url');
		checkAddress(baseUrl, '--base-url', true);
	} else if (baseUrl) {
		throw new UsageError(`--base-url is for --environment custom; ${environment} is ${vendor.environments[environment].url}`);
	}
	const apiLoopback = environment === CUSTOM_ENVIRONMENT && isLoopback(baseUrl!);

	const receiverUrl = one('--receiver-url');
	const receiverPort = one('--receiver-port');
	let receiver: ParsedArguments['receiver'];
	if (receiverUrl || receiverPort) {
		if (!receiverUrl || !receiverPort) throw new UsageError('--receiver-url and --receiver-port go together');
		checkAddress(receiverUrl, '--receiver-url', apiLoopback);
		const port = Number(receiverPort);
		if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--receiver-port is a port number (1-65535)');
		receiver = { url: receiverUrl, port };
	}

	const waitText = one('--wait');
	const waitSeconds = waitText === undefined ? DEFAULT_WAIT_SECONDS : Number(waitText);
	if (!Number.isFinite(waitSeconds) || waitSeconds <= 0 || waitSeconds > 3600) throw new UsageError('--wait is a number of seconds (at most 3600)');

	const apiVersion = one('--api-version');
	if (apiVersion !== undefined && vendor.slug !== 'healthie') throw new UsageError('--api-version is for Healthie only');

	return {
		help,
		vendor,
		environment,
		...(environment === CUSTOM_ENVIRONMENT ? { baseUrl } : {}),
		...(apiVersion ? { apiVersion } : {}),
		yes,
		...(receiver ? { receiver } : {}),
		waitSeconds,
		diagnostics: values.get('--delivery-diagnostics') ?? [],
		...(one('--report') ? { reportPath: one('--report') } : {}),
	};
}

/** An option's name as typed, when it looks like one (short, lower-case words); otherwise not echoed: it may be a key. */
function shown(name: string): string {
	return /^--?[a-z][a-z-]{0,23}$/.test(name) ? name : '(an option not shown: it may hold a secret)';
}

function isLoopback(url: string): boolean {
	try {
		return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
	} catch {
		return false;
	}
}

/** https only, unless `loopbackHttp` and the host is this machine (the sandbox); no user or password in it. */
function checkAddress(url: string, option: string, loopbackHttp: boolean): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UsageError(`${option} is not an address`);
	}
	if (parsed.username || parsed.password) throw new UsageError(`${option} must not carry a user or password`);
	if (parsed.protocol === 'https:') return;
	if (parsed.protocol === 'http:' && loopbackHttp && isLoopback(url)) return;
	throw new UsageError(`${option} must be an https address${loopbackHttp ? ' (http only on 127.0.0.1 or localhost, for the sandbox)' : ''}`);
}

export interface Terminal {
	interactive: boolean;
	/** Asks for a secret without showing what is typed. */
	askHidden(question: string): Promise<string>;
	ask(question: string): Promise<string>;
}

/** The credential fields from the environment, or asked for (hidden) on a terminal; never from anywhere else. */
export async function readCredentials(
	vendor: VendorCheck,
	env: Record<string, string | undefined>,
	terminal: Terminal,
	withReceiver: boolean,
): Promise<ICredentialDataDecryptedObject> {
	const credentials: ICredentialDataDecryptedObject = {};
	const missing: string[] = [];
	for (const input of vendor.inputs) {
		let value = env[input.env]?.trim();
		if (!value && terminal.interactive && (input.required || withReceiver)) {
			value = (await terminal.askHidden(`${input.label}${input.required ? '' : ' (optional: Enter to skip)'} (${input.env}): `)).trim();
		}
		if (value) credentials[input.field] = value;
		else if (input.required) missing.push(input.env);
	}
	if (missing.length > 0) throw new UsageError(`set ${missing.join(' and ')} (or run on a terminal to be asked)`);
	return credentials;
}

export interface CliIo extends CheckIo {
	terminal: Terminal;
	/** Aborted on the first Ctrl-C (see `runCli`). */
	interrupt?: AbortSignal;
	env: Record<string, string | undefined>;
	cwd: string;
	write(path: string, text: string): void;
}

/** The whole command: returns the exit code (0: the check ran; 1: it could not; 2: a usage error; 130: interrupted before it began). */
export async function main(argv: string[], io: CliIo): Promise<{ code: number; report?: CheckReport; reportPath?: string }> {
	let parsed: ParsedArguments;
	try {
		parsed = parseArguments(argv);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.say(`vendor:check: ${error.message}`);
		return { code: 2 };
	}
	if (parsed.help) {
		io.say(USAGE);
		return { code: 0 };
	}
	const { vendor } = parsed;
	let credentials: ICredentialDataDecryptedObject;
	try {
		credentials = { ...(await readCredentials(vendor, io.env, io.terminal, Boolean(parsed.receiver))), ...vendor.extraCredentials?.({ apiVersion: parsed.apiVersion }) };
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.say(`vendor:check: ${error.message}`);
		return { code: 2 };
	}

	const creates = vendor.creates({ receiver: Boolean(parsed.receiver) });
	let mayCreate = true;
	let notCreatingBecause: string | undefined;
	if (creates.length > 0) {
		const where = parsed.environment === CUSTOM_ENVIRONMENT ? parsed.baseUrl : `${parsed.environment} (${vendor.environments[parsed.environment].url})`;
		io.say(`The check will create, at ${vendor.binding.name} ${where}:\n${creates.map((line) => `  - ${line}`).join('\n')}\nEverything else it does only reads, or asks for records that cannot exist.`);
		if (parsed.yes) mayCreate = true;
		else if (io.terminal.interactive) {
			mayCreate = /^y(es)?$/i.test((await io.terminal.ask('Go ahead? [y/N] ')).trim());
			if (!mayCreate) notCreatingBecause = 'you answered no';
		} else {
			mayCreate = false;
			notCreatingBecause = 'no terminal to ask and no --yes';
		}
		if (!mayCreate) io.say('Nothing will be created; the facts that need it will say "could not tell".');
	}

	if (io.interrupt?.aborted) {
		io.say('Interrupted before the check began: nothing was asked or created.');
		return { code: 130 };
	}
	const report = await runVendorCheck({
		vendor,
		environment: parsed.environment,
		baseUrl: parsed.baseUrl,
		credentials,
		mayCreate,
		notCreatingBecause,
		receiver: parsed.receiver,
		waitMs: parsed.waitSeconds * 1000,
		diagnostics: parsed.diagnostics,
		io,
		interrupt: io.interrupt,
	});
	const reportPath = resolve(io.cwd, parsed.reportPath ?? `vendor-check-${vendor.slug}-${report.ranAt.slice(0, 10)}.json`);
	io.write(reportPath, `${JSON.stringify(report, null, 2)}\n`);
	io.say(`\n${reportTable(report)}\n\nThe report (no secret, no patient data) is ${reportPath}: attach it to your bug report.`);
	return { code: 0, report, reportPath };
}

/** The terminal of this process: hidden input in raw mode, plain questions with readline. */
export function processTerminal(): Terminal {
	const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
	return {
		interactive,
		ask: async (question) => {
			const readline = await import('node:readline/promises');
			const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
			try {
				return await prompt.question(question);
			} finally {
				prompt.close();
			}
		},
		askHidden: async (question) =>
			await new Promise<string>((resolveAnswer, reject) => {
				const input = process.stdin;
				process.stdout.write(question);
				input.setRawMode(true);
				input.resume();
				input.setEncoding('utf8');
				let answer = '';
				const done = (error?: Error) => {
					input.setRawMode(false);
					input.pause();
					input.removeListener('data', onData);
					process.stdout.write('\n');
					if (error) reject(error);
					else resolveAnswer(answer);
				};
				const onData = (chunk: string) => {
					for (const character of chunk) {
						if (character === '\r' || character === '\n') return done();
						if (character === '\u0003') return done(new UsageError('cancelled'));
						if (character === '\u007f' || character === '\b') answer = answer.slice(0, -1);
						else if (character >= ' ') answer += character;
					}
				};
				input.on('data', onData);
			}),
	};
}

/** Runs the command in this process (the entry point is scripts/vendorCheck.ts). */
export async function runCli(): Promise<number> {
	// The first Ctrl-C ends the wait and lets the run remove what it created; a second one kills it.
	const interrupt = new AbortController();
	process.once('SIGINT', () => {
		console.log('\nStopping: removing what the check created (Ctrl-C again to quit without).');
		interrupt.abort();
	});
	const { code } = await main(process.argv.slice(2), {
		interrupt: interrupt.signal,
		say: (line) => console.log(line),
		terminal: processTerminal(),
		env: process.env,
		cwd: process.cwd(),
		write: (path, text) => writeFileSync(path, text),
	});
	return code;
}
