import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { FaultRule } from '../sandbox/faults';
import type { Random } from '../support/seeded';
import { seeded } from '../support/seeded';
import type { SoakSubject } from '../support/soakSubjects';
import { soakSubjects } from '../support/soakSubjects';
import type { CredentialRef, PublicationStatus, Stack } from '../harness';
import { nodeType, startStack, TIMEOUTS, triggerWorkflow } from '../harness';
import { sandboxCredentials } from '../vendors';

/**
 * The lifecycle soak in a real n8n (test/integration/lifecycleSoak.test.ts plays n8n's part
 * itself; here n8n 2.41 decides when to call checkExists/create/delete and retries them its own
 * way: create up to 5 times with 1 s doubling, delete up to 3 times). Per self-registering trigger,
 * SOAK_CYCLES publish/unpublish cycles (default 6; `SOAK_CYCLES=50 npx jest -c jest.e2e.config.js
 * test/e2e/soak.e2e.test.ts` for the full run) with seeded faults at the sandbox during publish and
 * unpublish: 5xx, 429 with Retry-After, a hung request that is then dropped, a dropped connection,
 * an answer lost after the vendor acted. Some cycles lose a subscription at the vendor (deleted,
 * or disabled where the vendor can) and then change the events; one cycle restarts n8n while
 * published; one publish fails for good (the vendor answers 503 to every attempt). At every point
 * no duplicate; after every unpublish no orphan; every failed publication names the vendor's
 * answer. One n8n behind the https front (RxScale only registers https targets).
 */

const CYCLES = Number(process.env.SOAK_CYCLES ?? 6);

let stack: Stack;

beforeAll(async () => {
	stack = await startStack({ https: true });
});

afterAll(async () => {
	await stack?.stop();
});

/** A fault that heals within n8n's retries: at most two failing calls. */
function transientFault(random: Random, vendor: string, method: string): FaultRule {
	const times = 1 + Math.floor(random.next() * 2);
	const kinds: FaultRule[] = [
		{ vendor, method, kind: 'status', status: random.pick([500, 502, 503]), times },
		{ vendor, method, kind: 'rateLimit', retryAfterSeconds: 1, times },
		{ vendor, method, kind: 'timeout', hangMs: 1000, times },
		{ vendor, method, kind: 'drop', times },
		{ vendor, method, kind: 'dropAfterHandling', times },
	];
	return { ...random.pick(kinds), after: Math.floor(random.next() * 3) };
}

const SETTLED = new Set<PublicationStatus['status']>(['published', 'failed', 'partial']);

describe.each(soakSubjects.map((subject) => [subject.vendor, subject] as const))('%s trigger soak in n8n', (_vendor, subject: SoakSubject) => {
	it(`survives ${CYCLES} publish/unpublish cycles with vendor faults, lost subscriptions and a restart: no duplicate, no orphan`, async () => {
		const { api } = stack.n8n;
		const { sandbox } = stack;
		sandbox.server.reset();
		const random = seeded(11);
		const violations: string[] = [];
		const failedPublications: string[] = [];
		const harness = subject.harness(sandbox, 0);
		const triggerName = harness.trigger.description.defaults.name!;
		const credentialType = harness.trigger.description.credentials![0].name;
		const credential: CredentialRef = await api.createCredential(`${subject.vendor} soak`, credentialType, sandboxCredentials(subject.kit, sandbox));
		const webhookId = randomUUID();
		const productionUrl = stack.n8n.webhookUrl(webhookId);
		const definition = (events: string[]) =>
			triggerWorkflow({
				name: `${subject.vendor} soak`,
				triggerName,
				type: nodeType(harness.trigger.description.name),
				parameters: { events },
				credential,
				webhookId,
			});
		const workflow = await api.createWorkflow(definition(subject.eventSets[0]));

		const remote = () => subject.subscriptionsAt(sandbox, productionUrl);
		const check = (when: string, expected: string[]) => {
			const events = remote().flatMap((subscription) => subscription.events).sort();
			if (new Set(events).size !== events.length) violations.push(`${when}: duplicate events ${events.join(',')}`);
			if (events.join(',') !== [...expected].sort().join(',')) {
				violations.push(`${when}: registered ${events.join(',') || 'nothing'}, expected ${expected.join(',')}`);
			}
		};
		/** Waits until n8n has settled the publication; a failed one must name the vendor's answer. */
		const settle = async (when: string, versionId?: string) => {
			const status = await api.poll(`${when} to settle`, TIMEOUTS.publication, async () => {
				const current = await api.publicationStatus(workflow.id);
				const live = versionId === undefined || current.liveVersionId === versionId || current.status !== 'published';
				return SETTLED.has(current.status) && live ? current : undefined;
			});
			if (status.status === 'published') return true;
			const messages = (status.triggers ?? []).map((trigger) => trigger.errorMessage ?? '');
			failedPublications.push(`${when}: ${messages.join('; ')}`);
			for (const message of messages) {
				if (!subject.namesVendorAnswer(message)) violations.push(`${when}: the failure does not name the vendor's answer: ${message}`);
			}
			return false;
		};
		const unpublish = async (when: string) => {
			await api.unpublish(workflow.id);
			const gone = await api
				.poll(`${when}: unpublished and nothing left at the vendor`, TIMEOUTS.publication, async () =>
					(await api.publicationStatus(workflow.id)).status === 'not_published' && remote().length === 0 ? true : undefined,
				)
				.catch(() => false);
			if (!gone) violations.push(`${when}: ${remote().length} orphan subscription(s) at the vendor`);
		};
		let faultsInjected = 0;
		let subscriptionsLost = 0;
		const injectFaults = (methods: string[]) => {
			for (const method of methods) {
				if (!random.chance(0.5)) continue;
				sandbox.server.faults.inject(transientFault(random, subject.vendor, method));
				faultsInjected++;
			}
		};
		const restartCycle = Math.ceil(CYCLES / 2);

		// A publication that fails for good: the vendor answers 503 to every call.
		sandbox.server.faults.inject({ vendor: subject.vendor, kind: 'status', status: 503, times: 10_000 });
		await api.publish(workflow.id);
		expect(await settle('publish while the vendor is down')).toBe(false);
		sandbox.server.faults.clear();
		await unpublish('unpublish after the failed publication');
		expect(failedPublications.join('\n')).toMatch(/503/);

		for (let cycle = 1; cycle <= CYCLES; cycle++) {
			let events = random.pick(subject.eventSets);
			await api.updateWorkflow(workflow.id, definition(events));

			injectFaults(subject.publishMethods);
			await api.publish(workflow.id);
			const published = await settle(`cycle ${cycle} publish`);
			sandbox.server.faults.clear();
			if (!published) {
				await unpublish(`cycle ${cycle} unpublish after a failed publication`);
				await api.publish(workflow.id);
				if (!(await settle(`cycle ${cycle} publish once the vendor recovered`))) {
					violations.push(`cycle ${cycle}: publish never succeeded`);
				}
			}
			check(`cycle ${cycle} published`, events);

			// Cycles 2 and 3 always lose one (deleted, then disabled where the vendor can), others by chance.
			if (cycle === 2 || cycle === 3 || random.chance(0.3)) {
				const [victim] = remote();
				subscriptionsLost++;
				if (subject.disable && (cycle === 3 || (cycle !== 2 && random.chance(0.5)))) subject.disable(sandbox, victim.id);
				else subject.drop(sandbox, victim.id);
				// n8n 2.41 runs no hook for an unchanged published trigger; a change re-registers it.
				events = subject.eventSets.find((set) => set.join() !== events.join())!;
				const updated = await api.updateWorkflow(workflow.id, definition(events));
				await settle(`cycle ${cycle} republish after the vendor lost a subscription`, updated.versionId);
				check(`cycle ${cycle} after the vendor lost a subscription`, events);
			}
			if (cycle === restartCycle) {
				await stack.n8n.restart();
				await settle(`cycle ${cycle} after n8n restarted`);
				check(`cycle ${cycle} after n8n restarted`, events);
			}

			injectFaults(subject.unpublishMethods);
			await unpublish(`cycle ${cycle} unpublish`);
			sandbox.server.faults.clear();
			// n8n's teardown retries are 1 s apart; a hung request may still be on its way.
			await sleep(100);
		}

		expect(violations).toEqual([]);
		expect(remote()).toEqual([]);
		expect(failedPublications.length).toBeGreaterThan(0);
		expect(faultsInjected).toBeGreaterThan(0);
		process.stderr.write(
			`${subject.vendor}: ${CYCLES} cycles, ${faultsInjected} faults injected, ${subscriptionsLost} subscriptions lost at the vendor, ${sandbox.server.requestsTo(subject.vendor).length} vendor calls; failed publications:\n  ${failedPublications.join('\n  ')}\n`,
		);
	});
});
