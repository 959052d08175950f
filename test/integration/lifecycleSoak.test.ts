import type { FaultRule } from '../sandbox/faults';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import type { Random } from '../support/seeded';
import { seeded } from '../support/seeded';
import type { SoakSubject } from '../support/soakSubjects';
import { soakSubjects } from '../support/soakSubjects';

/**
 * Lifecycle soak against the sandbox: many publish/unpublish cycles per self-registering trigger
 * while the vendor fails in every way the sandbox can (5xx, 429 with Retry-After, hung requests,
 * dropped connections, answers lost after the vendor acted), subscriptions vanish at the vendor,
 * and n8n "restarts" with or without its static data. n8n's own retries are played as n8n does
 * them (publish: up to 5 attempts of checkExists → create; unpublish: up to 3 attempts of delete).
 * At every point: no duplicate; after every unpublish: no orphan; every failed attempt names the
 * vendor's answer. SOAK_CYCLES sets the size (npm test: 10; npm run test:soak: 50).
 */

const CYCLES = Number(process.env.SOAK_CYCLES ?? 10);
const PUBLISH_ATTEMPTS = 5;
const DELETE_ATTEMPTS = 3;

function randomFault(random: Random, vendor: string, method: string): FaultRule {
	const times = 1 + Math.floor(random.next() * 2);
	const kinds: FaultRule[] = [
		{ vendor, method, kind: 'status', status: random.pick([500, 502, 503]), times },
		{ vendor, method, kind: 'rateLimit', retryAfterSeconds: random.pick([0, 1]), times },
		{ vendor, method, kind: 'timeout', hangMs: 30, times },
		{ vendor, method, kind: 'drop', times },
		{ vendor, method, kind: 'dropAfterHandling', times },
	];
	return { ...random.pick(kinds), after: Math.floor(random.next() * 3) };
}

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.stop();
});

describe.each(soakSubjects.map((subject) => [subject.vendor, subject] as const))('%s trigger soak', (_vendor, subject: SoakSubject) => {
	it(`survives ${CYCLES} publish/unpublish cycles under injected faults with no duplicate and no orphan`, async () => {
		sandbox.server.reset();
		const random = seeded(7);
		const trigger = subject.harness(sandbox, 0);
		const failures: string[] = [];
		const violations: string[] = [];

		const check = (when: string, expected: string[] | 'none') => {
			const remote = subject.subscriptionsAt(sandbox, trigger.productionUrl());
			const events = remote.flatMap((subscription) => subscription.events).sort();
			if (expected === 'none') {
				if (remote.length > 0) violations.push(`${when}: ${remote.length} orphan subscription(s)`);
				return;
			}
			if (new Set(events).size !== events.length) violations.push(`${when}: duplicate events ${events.join(',')}`);
			if (events.join(',') !== [...expected].sort().join(',')) {
				violations.push(`${when}: registered ${events.join(',') || 'nothing'}, expected ${expected.join(',')}`);
			}
		};

		const attempt = async (what: string, run: () => Promise<unknown>, attempts: number) => {
			for (let n = 1; n <= attempts; n++) {
				try {
					await run();
					return true;
				} catch (error) {
					const message = (error as Error).message;
					failures.push(`${what}: ${message}`);
					if (!subject.namesVendorAnswer(message)) violations.push(`${what}: error does not name the vendor's answer: ${message}`);
				}
			}
			return false;
		};
		const publish = (what: string) => attempt(what, () => trigger.publish(), PUBLISH_ATTEMPTS);
		const unpublish = (what: string) => attempt(what, () => trigger.unpublish(), DELETE_ATTEMPTS);

		for (let cycle = 1; cycle <= CYCLES; cycle++) {
			const events = random.pick(subject.eventSets);
			trigger.setParameters({ events });

			for (const method of subject.publishMethods) {
				if (random.chance(0.5)) sandbox.server.faults.inject(randomFault(random, subject.vendor, method));
			}
			const published = await publish(`cycle ${cycle} publish`);
			sandbox.server.faults.clear();
			if (published) check(`cycle ${cycle} after publish`, events);
			else if (!(await publish(`cycle ${cycle} publish once the vendor recovered`))) {
				violations.push(`cycle ${cycle}: publish never succeeded`);
			}
			check(`cycle ${cycle} published`, events);

			if (random.chance(0.3)) {
				const [victim] = subject.subscriptionsAt(sandbox, trigger.productionUrl());
				if (victim) {
					if (subject.disable && random.chance(0.5)) subject.disable(sandbox, victim.id);
					else subject.drop(sandbox, victim.id);
					await publish(`cycle ${cycle} republish after the vendor lost a subscription`);
					check(`cycle ${cycle} after the vendor lost a subscription`, events);
				}
			}
			if (random.chance(0.3)) {
				// a restart that runs the lifecycle again (n8n 1.x, or 2.x for unreported triggers)
				if (random.chance(0.5)) trigger.forgetStaticData();
				await publish(`cycle ${cycle} restart`);
				check(`cycle ${cycle} after a restart`, events);
			}

			for (const method of subject.unpublishMethods) {
				if (random.chance(0.5)) sandbox.server.faults.inject(randomFault(random, subject.vendor, method));
			}
			await unpublish(`cycle ${cycle} unpublish`);
			sandbox.server.faults.clear();
			check(`cycle ${cycle} after unpublish`, 'none');
		}

		expect(violations).toEqual([]);
		expect(subject.subscriptionsAt(sandbox, trigger.productionUrl())).toEqual([]);
		// The faults really bit: some attempts failed and were recovered from.
		if (CYCLES >= 10) expect(failures.length).toBeGreaterThan(0);
	}, 600_000);
});
