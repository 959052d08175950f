import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { VendorSlug } from '../../vendors';
import { checkAgainstSandbox } from './sandboxCheck';

/**
 * `npm run vendor:check` against the sandbox, which answers as the nodes assume: every inferred
 * fact holds, except the few no call of the check can show even at the real vendor (each named here
 * with its reason), and the report carries no secret and none of the sandbox's patient data.
 */

/** The facts the check cannot decide against a sandbox that behaves as assumed, and why. */
const CANNOT_TELL: Record<VendorSlug, Record<string, RegExp>> = {
	heroHealth: {
		'timestamp-tolerance': /receiver’s choice/,
		'webhook-scope': /never which scope/,
		'booking-link-endpoint': /creates no records/,
		'verify-identity-status': /no patient data/,
		'send-at-format': /sends none/,
		'batch-recipient-dob': /no patient data/,
		'nhs-number-spaces': /no patient data/,
		'attachment-file-encoding': /creates no records/,
		'message-fallback-default': /sends none/,
		'rate-limits': /provoking a 429/,
	},
	healthie: {
		'signed-content-length': /ASCII/,
		'multi-event-webhooks': /two different events/,
		'disabled-webhooks': /days of failed deliveries/,
		'developer-permission-error': /second key/,
		'rate-limits': /provoking a limit/,
		'fetch-after-delete': /deletes no records/,
		'appointment-and-search-semantics': /no patient data/,
	},
	hearLink: {
		'production-base-url': /--environment production/,
		'organisation-time-zone': /creates no records/,
		'timestamp-tolerance': /receiver’s choice/,
		'deleted-event-payload': /deletes no records/,
		'create-status': /creates no records/,
		'rate-limits': /provoking a 429/,
		'api-key-permissions': /second key/,
		'name-matching': /creates no records/,
		'money-units': /no patient records/,
	},
	rxScale: {
		'retry-schedule': /test deliveries are sent once/,
		'rate-limits': /provoking a 429/,
		'order-search-matching': /no patient data/,
		'patient-email-matching': /no patient data/,
	},
};

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rxScale: { settings: { allowHttpTargets: true } } });
});

afterAll(async () => await sandbox.stop());

beforeEach(() => sandbox.server.reset());

describe.each(Object.keys(CANNOT_TELL) as VendorSlug[])('%s', (slug) => {
	it('every inferred fact holds, but those no allowed call can show, each with its reason', async () => {
		const { report, fact } = await checkAgainstSandbox(sandbox, slug);
		const undecided = report.facts.filter((result) => result.verdict !== 'holds');
		expect(undecided.map((result) => `${result.id}: ${result.verdict}`)).toEqual(Object.keys(CANNOT_TELL[slug]).map((id) => `${id}: could not tell`));
		for (const [id, reason] of Object.entries(CANNOT_TELL[slug])) expect(fact(id).note).toMatch(reason);
		expect(report.summary.differs).toBe(0);
		expect(report.notes).toEqual([]);
	});

	it('writes a report without a secret or the sandbox’s patient data, and leaves nothing at the vendor', async () => {
		const { report, secrets, patientData, receiverUrl } = await checkAgainstSandbox(sandbox, slug);
		const text = JSON.stringify(report);
		expect(secrets.length).toBeGreaterThan(0);
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(patientData.length).toBeGreaterThan(3);
		for (const value of patientData) expect(text).not.toContain(value);
		expect(text).not.toContain(receiverUrl);
		// Calls name query parameters, never their values.
		for (const call of report.calls) expect(call.path).not.toMatch(/=[^…]/);
		if (report.cleanup) expect(report.cleanup.left).toBe(0);
		expect(sandbox.heroHealth.webhooks.size).toBe(0);
		expect(sandbox.healthie.webhooks.size).toBe(0);
		expect(sandbox.rxScale.active()).toEqual([]);
	});
});
