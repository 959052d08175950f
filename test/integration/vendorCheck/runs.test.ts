import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

import type { CliIo } from '../../../scripts/vendorCheck/cli';
import { main, vendorNamed } from '../../../scripts/vendorCheck/cli';
import type { CheckReport } from '../../../scripts/vendorCheck/run';
import { runVendorCheck } from '../../../scripts/vendorCheck/run';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { checkAgainstSandbox, freePort, receiverUrlFor } from './sandboxCheck';

/**
 * How a run goes when not everything is there: no permission to create, no delivery, a vendor that
 * limits requests, diagnostics lines that are not the vendor's; and the command itself, asking
 * before it creates anything and writing its report where the admin runs it.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rxScale: { settings: { allowHttpTargets: true } } });
});

afterAll(async () => await sandbox.stop());

beforeEach(() => sandbox.server.reset());

/** What the check asked the vendor to create or remove: subscription and webhook calls that are not reads. */
function writes(): string[] {
	return sandbox.server.requests
		.filter((request) => request.method !== 'GET' && (/webhooks|subscriptions/.test(request.path) || /createWebhook|deleteWebhook/.test(JSON.stringify(request.body ?? ''))))
		.map((request) => `${request.vendor} ${request.method} ${request.path}`);
}

describe('without permission to create', () => {
	it.each(['heroHealth', 'healthie', 'rxScale'] as const)('%s: nothing is created, and the facts that need it say why they could not tell', async (slug) => {
		const { report } = await checkAgainstSandbox(sandbox, slug, { mayCreate: false, receiver: false });
		expect(writes()).toEqual([]);
		const needing = report.facts.filter((fact) => /allow (it|them)|throwaway/.test(fact.note ?? ''));
		expect(needing.length).toBeGreaterThan(3);
		for (const fact of needing) expect(fact.verdict).toBe('could not tell');
		expect(report.notes.join('\n')).toMatch(/Nothing was created/);
		expect(report.how.throwawaySubscriptions).toBe(false);
	});
});

describe('with a receiver but no delivery', () => {
	it('the delivery facts say no delivery came, and what to do', async () => {
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { deliver: false, waitMs: 300 });
		for (const id of ['signature-encoding', 'timestamp-unit', 'delivery-retries']) {
			expect(check.fact(id)).toMatchObject({ verdict: 'could not tell', checkedBy: 'delivery', seen: expect.stringMatching(/no delivery reached the receiver/), note: expect.stringMatching(/make an event happen|receiver URL/) });
		}
		expect(check.report.cleanup).toEqual({ created: 9, left: 0 });
	});
});

describe('a vendor that limits requests', () => {
	it('a 429 with Retry-After: rate-limits holds', async () => {
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', path: '^/v1/webhooks$', kind: 'rateLimit', retryAfterSeconds: 0 });
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { receiver: false });
		expect(check.fact('rate-limits')).toMatchObject({ verdict: 'holds', seen: '1 of the check’s requests were answered 429, 1 of them with Retry-After' });
		expect(check.fact('webhook-list-echoes-url').verdict).toBe('holds');
	});

	it('a 429 without Retry-After: rate-limits differs', async () => {
		sandbox.server.faults.inject({ vendor: 'rxScale', method: 'POST', path: '^/v1/management/notification-subscriptions/?$', kind: 'status', status: 429 });
		const check = await checkAgainstSandbox(sandbox, 'rxScale', { receiver: false });
		expect(check.fact('rate-limits')).toMatchObject({ verdict: 'differs', seen: '1 of the check’s requests were answered 429, 0 of them with Retry-After' });
	});
});

describe('diagnostics lines', () => {
	const heroLine =
		'Hero Health trigger "Hero Health Trigger" refused a delivery (401): timestamp too old. The request: x-herohealth-signature: no prefix, 44 chars base64; x-herohealth-timestamp: 10 digits (Unix seconds?); content-type: application/json; body: 87 bytes';

	it('judge the delivery facts without a receiver, and say which lines were not used', async () => {
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', {
			receiver: false,
			diagnostics: [heroLine, heroLine.replace('Hero Health trigger "Hero Health Trigger"', 'Healthie trigger "Healthie Trigger"'), 'nothing useful'],
		});
		expect(check.fact('signature-encoding')).toMatchObject({ verdict: 'differs', checkedBy: 'diagnostics', seen: expect.stringMatching(/44 chars, base64/) });
		expect(check.fact('timestamp-unit')).toMatchObject({ verdict: 'holds', checkedBy: 'diagnostics' });
		expect(check.report.notes).toEqual([
			expect.stringMatching(/^--delivery-diagnostics #2 is a Healthie line/),
			expect.stringMatching(/^--delivery-diagnostics #3: this is not a refused-delivery line/),
		]);
	});

	it('give way to a delivery, which shows more', async () => {
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { diagnostics: [heroLine] });
		expect(check.fact('signature-encoding')).toMatchObject({ verdict: 'holds', checkedBy: 'delivery' });
	});
});

describe('what it sends', () => {
	it('arrays in a query as the nodes send them: repeated keys without brackets', async () => {
		await checkAgainstSandbox(sandbox, 'heroHealth', { receiver: false, mayCreate: false });
		const sent = sandbox.server.requestsTo('heroHealth', { method: 'GET', path: '/v1/appointment_types' }).map((request) => request.search);
		expect(sent).toContain('?location_ids=5&location_ids=6');
	});
});

describe('a subscription an earlier, killed run left at the receiver', () => {
	it('its delivery, signed with another key, is ignored rather than judged as this run’s', async () => {
		const port = await freePort();
		const { apiKey, practiceGroupId, baseUrl } = sandbox.heroHealth.credentials();
		const leftover = await fetch(`${String(baseUrl)}/v1/webhooks`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': String(apiKey), 'x-practice-group-id': String(practiceGroupId) },
			body: JSON.stringify({ event_type: 'appointment.confirmed', url: `${receiverUrlFor(port)}/vendor-check-0123456789ab`, signing_key: 'a key this run never sent, 32 chars' }),
		});
		expect(leftover.status).toBe(200);
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { receiverPort: port });
		expect(check.fact('signature-encoding')).toMatchObject({ verdict: 'holds', checkedBy: 'delivery' });
		expect(check.report.notes.join('\n')).toMatch(/^[1-9]\d* deliveries reached the receiver for another address/m);
	});
});

describe('a sender that drops the connection half-way through a POST to the receiver', () => {
	// That the command's process survives it is shown by test/e2e/vendorCheckCommand.e2e.test.ts.
	it('the delivery still comes and is judged, and everything is removed', async () => {
		const port = await freePort();
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', {
			receiverPort: port,
			whileWaiting: async () => {
				const socket = connect(port, '127.0.0.1');
				await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
				socket.write('POST /vendor-check/hook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"half":');
				await new Promise((resolve) => setTimeout(resolve, 50));
				socket.destroy();
			},
		});
		expect(check.fact('signature-encoding')).toMatchObject({ verdict: 'holds', checkedBy: 'delivery' });
		expect(check.report.cleanup).toEqual({ created: 9, left: 0 });
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
	});
});

describe('HearLink: a POST to another path of the receiver', () => {
	it('is ignored, not judged as HearLink’s delivery', async () => {
		const port = await freePort();
		const check = await checkAgainstSandbox(sandbox, 'hearLink', {
			receiverPort: port,
			deliver: false,
			waitMs: 1500,
			whileWaiting: async () => {
				await fetch(`http://127.0.0.1:${port}/wp-login.php`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'patient.created', id: 'x' }) });
			},
		});
		expect(check.report.how.deliveriesReceived).toBe(0);
		expect(check.report.notes.join('\n')).toMatch(/^1 deliveries reached the receiver for another address/m);
	});
});

describe('clean-up when the vendor’s answers hide what it made', () => {
	it('a subscription made but whose answer was lost is found at the run’s address and removed', async () => {
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'POST', path: '^/v1/webhooks$', kind: 'dropAfterHandling', times: 1 });
		await checkAgainstSandbox(sandbox, 'heroHealth', { receiver: false });
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
	});

	it('a list that leaves the check’s subscriptions out does not make them stay', async () => {
		sandbox.server.faults.inject({ vendor: 'heroHealth', method: 'GET', path: '^/v1/webhooks$', kind: 'status', status: 200, body: { data: [], count: 0 }, times: 1000 });
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { deliver: false, waitMs: 300 });
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
		expect(check.report.cleanup?.left).toBe(0);
	});
});

describe('vendor-chosen text in an answer', () => {
	it('reaches the report as a code when it looks like one, and otherwise only as its length', async () => {
		const personal = 'Jane Doe born 01/02/1960 at 1 High Street';
		sandbox.server.faults.inject({
			vendor: 'rxScale',
			method: 'GET',
			path: '^/v1/management/scheduling/appointments',
			kind: 'status',
			status: 200,
			body: { data: [{ uid: 'a1', status: 'booked', [personal]: 1 }, { uid: 'a2', status: personal }], count: 2 },
			times: 1000,
		});
		const { report } = await checkAgainstSandbox(sandbox, 'rxScale', { receiver: false });
		const text = JSON.stringify(report);
		expect(text).toContain('booked');
		expect(text).toContain(`<a text of ${personal.length} characters>`);
		expect(text).not.toContain('Jane');
	});
});

describe('Ctrl-C while the check waits for a delivery', () => {
	it('the wait ends at once, what was created is removed, and the report says it was interrupted', async () => {
		// Were the wait not cut short, it would outlast the test's own timeout (20 s).
		const check = await checkAgainstSandbox(sandbox, 'heroHealth', { deliver: false, waitMs: 120_000, interruptWhileWaiting: true });
		expect(check.report.cleanup).toEqual({ created: 9, left: 0 });
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
		expect(check.fact('timestamp-unit')).toMatchObject({ verdict: 'could not tell' });
		expect(check.report.notes.join('\n')).toMatch(/interrupted/);
	}, 20_000);
});

describe('a vendor that cannot be reached', () => {
	it.each(['heroHealth', 'healthie', 'hearLink', 'rxScale'] as const)('%s: says so, and asks nothing more', async (slug) => {
		const closed = `http://127.0.0.1:${await freePort()}/${slug}`;
		const lines: string[] = [];
		const report = await runVendorCheck({
			vendor: vendorNamed(slug)!,
			environment: 'custom',
			baseUrl: closed,
			credentials: { ...sandbox[slug].credentials(), baseUrl: closed },
			mayCreate: true,
			waitMs: 100,
			diagnostics: [],
			io: { say: (line) => lines.push(line) },
		});
		expect(lines.join('\n')).toMatch(/could not be reached/);
		expect(report.facts.filter((fact) => fact.verdict !== 'could not tell').map((fact) => `${fact.id}: ${fact.verdict}`)).toEqual([]);
		expect(report.calls.every((call) => call.status === 'no answer' || call.status === 0)).toBe(true);
		expect(report.calls.length).toBeLessThanOrEqual(6);
	});
});

describe('the command', () => {
	function io(env: Record<string, string>, answer: string | undefined) {
		const lines: string[] = [];
		const files = new Map<string, string>();
		const asked: string[] = [];
		const cli: CliIo = {
			say: (line) => lines.push(line),
			terminal: {
				interactive: answer !== undefined,
				ask: async (question) => {
					asked.push(question);
					return answer ?? '';
				},
				askHidden: async () => {
					throw new Error('no secret should be asked for: it is in the environment');
				},
			},
			env,
			cwd: '/practice-admin',
			write: (path, text) => files.set(path, text),
		};
		return { cli, lines, files, asked };
	}
	const env = () => ({ HERO_HEALTH_API_KEY: sandbox.heroHealth.apiKey, HERO_HEALTH_PRACTICE_GROUP_ID: sandbox.heroHealth.practiceGroupId });
	const argv = () => ['hero-health', '--environment', 'custom', '--base-url', sandbox.heroHealth.baseUrl];

	it('says what it will create, asks, and creates nothing when the answer is no', async () => {
		const { cli, lines, files, asked } = io(env(), 'n');
		const { code, report, reportPath } = await main(argv(), cli);
		expect(code).toBe(0);
		expect(asked).toEqual(['Go ahead? [y/N] ']);
		expect(lines[0]).toMatch(/The check will create, at Hero Health http:\/\/127\.0\.0\.1:\d+\/heroHealth:\n {2}- one webhook subscription/);
		expect(writes()).toEqual([]);
		expect(report?.notes.join('\n')).toMatch(/you answered no/);
		expect(reportPath).toMatch(/^\/practice-admin\/vendor-check-heroHealth-\d{4}-\d{2}-\d{2}\.json$/);
		const written = JSON.parse(files.get(reportPath!)!) as CheckReport;
		expect(written.summary).toEqual(report!.summary);
		expect(files.get(reportPath!)).not.toContain(sandbox.heroHealth.apiKey);
		expect(lines.join('\n')).not.toContain(sandbox.heroHealth.apiKey);
	});

	it('creates (and removes) its throwaway subscriptions with a yes, or --yes without a terminal', async () => {
		for (const [extra, answer] of [[[], 'y'], [['--yes'], undefined]] as const) {
			sandbox.server.reset();
			const { cli, lines } = io(env(), answer);
			const { report } = await main([...argv(), ...extra], cli);
			expect(report?.how.throwawaySubscriptions).toBe(true);
			expect(writes()).toEqual(expect.arrayContaining(['heroHealth POST /v1/webhooks', expect.stringMatching(/^heroHealth DELETE \/v1\/webhooks\/\d+$/)]));
			expect(sandbox.heroHealth.webhooks.size).toBe(0);
			expect(lines.join('\n')).toMatch(/Removed the check’s subscriptions/);
		}
	});

	it('without a terminal and without --yes, creates nothing', async () => {
		const { cli } = io(env(), undefined);
		const { report } = await main([...argv(), '--report', 'out.json'], cli);
		expect(report?.notes.join('\n')).toMatch(/no terminal to ask and no --yes/);
		expect(writes()).toEqual([]);
	});

	it('the docs show the command as it is', () => {
		const docs = readFileSync(`${__dirname}/../../../docs/VENDOR-CHECK.md`, 'utf8');
		for (const name of ['HERO_HEALTH_API_KEY', 'HERO_HEALTH_PRACTICE_GROUP_ID', 'HEALTHIE_API_KEY', 'HEARLINK_API_KEY', 'HEARLINK_WEBHOOK_SIGNING_SECRET', 'RXSCALE_API_KEY', 'RXSCALE_WEBHOOK_SIGNING_SECRET']) {
			expect(docs).toContain(name);
		}
		for (const option of ['--environment', '--base-url', '--api-version', '--yes', '--receiver-url', '--receiver-port', '--wait', '--delivery-diagnostics', '--report']) expect(docs).toContain(option);
	});
});
