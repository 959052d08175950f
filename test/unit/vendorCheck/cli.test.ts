import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CliIo, Terminal } from '../../../scripts/vendorCheck/cli';
import { main, parseArguments, readCredentials, UsageError, vendorNamed } from '../../../scripts/vendorCheck/cli';

/**
 * The command line of `npm run vendor:check`: vendors in every spelling, environments from the
 * credential's own list, https only (http on this machine for the sandbox), and the API key never
 * from an argument: an option or a word that could be one is refused without being echoed.
 */

const KEY = 'hero-key-that-must-never-be-echoed-0123';

function fakeTerminal(answers: { hidden?: string[]; plain?: string[] } = {}, interactive = true) {
	const asked: string[] = [];
	const terminal: Terminal = {
		interactive,
		askHidden: async (question) => {
			asked.push(`hidden: ${question}`);
			return answers.hidden?.shift() ?? '';
		},
		ask: async (question) => {
			asked.push(`plain: ${question}`);
			return answers.plain?.shift() ?? '';
		},
	};
	return { terminal, asked };
}

function usageError(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof UsageError) return error.message;
		throw error;
	}
	throw new Error('no usage error');
}

describe('vendorNamed', () => {
	it.each([
		['heroHealth', 'heroHealth'],
		['hero-health', 'heroHealth'],
		['HeroHealth', 'heroHealth'],
		['n8n-nodes-herohealth', 'heroHealth'],
		['healthie', 'healthie'],
		['hearlink', 'hearLink'],
		['n8n-nodes-hearlink', 'hearLink'],
		['rx-scale', 'rxScale'],
		['rxScale', 'rxScale'],
	])('%s is %s', (name, slug) => {
		expect(vendorNamed(name)?.slug).toBe(slug);
	});

	it('knows no other vendor', () => {
		expect(vendorNamed('acme')).toBeUndefined();
	});
});

describe('parseArguments', () => {
	it('defaults to the vendor’s test environment, from its credential’s list', () => {
		expect(parseArguments(['heroHealth']).environment).toBe('staging');
		expect(parseArguments(['healthie']).environment).toBe('sandbox');
		expect(parseArguments(['rxScale']).environment).toBe('development');
		expect(parseArguments(['hearLink']).environment).toBe('production');
	});

	it('takes only the credential’s environments', () => {
		expect(usageError(() => parseArguments(['heroHealth', '--environment', 'development']))).toMatch(/staging, production, custom|production, staging, custom/);
		expect(parseArguments(['rxScale', '--environment', 'production']).environment).toBe('production');
	});

	it('needs --base-url for custom, and only there', () => {
		expect(usageError(() => parseArguments(['heroHealth', '--environment', 'custom']))).toMatch(/needs --base-url/);
		expect(usageError(() => parseArguments(['heroHealth', '--base-url', 'https://example.org']))).toMatch(/for --environment custom/);
	});

	it.each(['http://example.org/heroHealth', 'http://10.0.0.5:8787/heroHealth', 'ftp://example.org', 'not a url', 'https://user:pass@example.org'])(
		'refuses the custom base URL %s',
		(url) => {
			expect(() => parseArguments(['heroHealth', '--environment', 'custom', '--base-url', url])).toThrow(UsageError);
		},
	);

	it.each(['https://hero.example.org', 'http://127.0.0.1:8787/heroHealth', 'http://localhost:8787/heroHealth'])('accepts the custom base URL %s', (url) => {
		expect(parseArguments(['heroHealth', '--environment', 'custom', '--base-url', url]).baseUrl).toBe(url);
	});

	it('takes an http receiver only when the API is on this machine too (the sandbox)', () => {
		const loopback = ['--environment', 'custom', '--base-url', 'http://127.0.0.1:8787/rxScale'];
		expect(parseArguments(['rxScale', ...loopback, '--receiver-url', 'http://127.0.0.1:9000/hook', '--receiver-port', '9000']).receiver).toEqual({ url: 'http://127.0.0.1:9000/hook', port: 9000 });
		expect(() => parseArguments(['rxScale', '--receiver-url', 'http://127.0.0.1:9000/hook', '--receiver-port', '9000'])).toThrow(/https/);
		expect(() => parseArguments(['rxScale', '--receiver-url', 'https://tunnel.example.org/hook'])).toThrow(/go together/);
		expect(() => parseArguments(['rxScale', '--receiver-url', 'https://tunnel.example.org/hook', '--receiver-port', '70000'])).toThrow(/port/);
	});

	it.each([
		['--api-key', KEY],
		[`--api-key=${KEY}`],
		['--key', KEY],
		['--signing-secret', KEY],
		['--practice-group-id', KEY],
		['--token', KEY],
	])('refuses %s without echoing its value', (...options) => {
		const message = usageError(() => parseArguments(['heroHealth', ...options]));
		expect(message).toMatch(/never taken from the command line/);
		expect(message).not.toContain(KEY);
	});

	it('refuses a word after the vendor (a key typed on the command line) without echoing it', () => {
		const message = usageError(() => parseArguments(['heroHealth', KEY]));
		expect(message).toMatch(/environment variable/);
		expect(message).not.toContain(KEY);
	});

	it('refuses an unknown option, echoing it only when it cannot be a secret', () => {
		const secretLike = 'hx7Q0a9c2f41d8e6b3a5c7e9f1d2';
		const message = usageError(() => parseArguments(['heroHealth', `--${secretLike}`]));
		expect(message).toMatch(/unknown option/);
		expect(message).not.toContain(secretLike);
		expect(usageError(() => parseArguments(['heroHealth', `--${KEY}`]))).not.toContain(KEY);
		expect(usageError(() => parseArguments(['heroHealth', '--enviroment', 'staging']))).toMatch(/unknown option --enviroment/);
	});

	it('collects diagnostics lines and the other options', () => {
		const parsed = parseArguments(['hero-health', '--yes', '--wait', '30', '--delivery-diagnostics', 'one', '--delivery-diagnostics', 'two', '--report', 'out.json']);
		expect(parsed).toMatchObject({ yes: true, waitSeconds: 30, diagnostics: ['one', 'two'], reportPath: 'out.json' });
		expect(() => parseArguments(['heroHealth', '--api-version', '2026-01-01'])).toThrow(/Healthie only/);
		expect(parseArguments(['healthie', '--api-version', '2025-10-15']).apiVersion).toBe('2025-10-15');
	});
});

describe('readCredentials', () => {
	const hero = vendorNamed('heroHealth')!;

	it('reads the key and the practice group from the environment', async () => {
		const { terminal, asked } = fakeTerminal();
		await expect(readCredentials(hero, { HERO_HEALTH_API_KEY: ` ${KEY} `, HERO_HEALTH_PRACTICE_GROUP_ID: '1234' }, terminal, false)).resolves.toEqual({ apiKey: KEY, practiceGroupId: '1234' });
		expect(asked).toEqual([]);
	});

	it('asks for what is missing, hidden, on a terminal', async () => {
		const { terminal, asked } = fakeTerminal({ hidden: [KEY, '1234'] });
		await expect(readCredentials(hero, {}, terminal, false)).resolves.toEqual({ apiKey: KEY, practiceGroupId: '1234' });
		expect(asked).toEqual([expect.stringMatching(/^hidden: Hero Health API key/), expect.stringMatching(/^hidden: Hero Health practice group ID/)]);
	});

	it('without a terminal, names the variables to set', async () => {
		const { terminal } = fakeTerminal({}, false);
		await expect(readCredentials(hero, {}, terminal, false)).rejects.toThrow('set HERO_HEALTH_API_KEY and HERO_HEALTH_PRACTICE_GROUP_ID');
	});

	it('asks for an optional signing secret only when a receiver will need it', async () => {
		const hearLink = vendorNamed('hearLink')!;
		const withoutReceiver = fakeTerminal({ hidden: [KEY] });
		await readCredentials(hearLink, {}, withoutReceiver.terminal, false);
		expect(withoutReceiver.asked).toHaveLength(1);
		const withReceiver = fakeTerminal({ hidden: [KEY, ''] });
		await expect(readCredentials(hearLink, {}, withReceiver.terminal, true)).resolves.toEqual({ apiKey: KEY });
		expect(withReceiver.asked[1]).toMatch(/signing secret \(optional/);
	});
});

describe('main', () => {
	it('never takes the API key from the command line: a key there stops the run before any request', async () => {
		let requests = 0;
		const server = createServer((_request, response) => {
			requests++;
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/heroHealth`;
		const lines: string[] = [];
		const written: string[] = [];
		const io: CliIo = {
			say: (line) => lines.push(line),
			terminal: fakeTerminal({}, false).terminal,
			env: {},
			cwd: '/nowhere',
			write: (path) => written.push(path),
		};
		try {
			for (const argv of [
				['heroHealth', '--environment', 'custom', '--base-url', baseUrl, KEY],
				['heroHealth', '--environment', 'custom', '--base-url', baseUrl, '--api-key', KEY],
				['heroHealth', '--environment', 'custom', '--base-url', baseUrl, `--api-key=${KEY}`],
				['heroHealth', '--environment', 'custom', '--base-url', baseUrl],
			]) {
				await expect(main(argv, io)).resolves.toEqual({ code: 2 });
			}
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		expect(requests).toBe(0);
		expect(written).toEqual([]);
		expect(lines.join('\n')).not.toContain(KEY);
		expect(lines.at(-1)).toMatch(/set HERO_HEALTH_API_KEY/);
	});

	it('prints the usage with every vendor’s variables', async () => {
		const lines: string[] = [];
		await expect(main(['--help'], { say: (line) => lines.push(line), terminal: fakeTerminal().terminal, env: {}, cwd: '/', write: () => undefined })).resolves.toEqual({ code: 0 });
		for (const name of ['HERO_HEALTH_API_KEY', 'HEALTHIE_API_KEY', 'HEARLINK_API_KEY', 'RXSCALE_API_KEY']) expect(lines.join('\n')).toContain(name);
	});
});
