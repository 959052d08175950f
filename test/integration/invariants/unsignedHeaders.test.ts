import fc from 'fast-check';

import type { Delivery } from '../../support/forgery';
import type { TriggerSubject } from './triggers';
import { answerProblem, TRIGGER_SUBJECTS, TriggerRig } from './triggers';

/**
 * Invariant (i): unsigned headers never decide whether, or how often, a workflow runs.
 *
 * For each trigger the vendor signs (or the trigger verifies) a few headers. Take a valid signed
 * delivery D and any sequence of variants of D in which other headers are added, removed or
 * changed — the vendors' own unsigned headers (X-Webhook-Test, X-Webhook-Event,
 * X-HearLink-Delivery, Content-Type), proxy headers, and arbitrary ones. Delivering D and all
 * variants to the trigger's real `webhook()` runs the workflow exactly once (D is valid, so at
 * least once; the variants carry D's signed bytes, so at most once). And a refused delivery (wrong
 * secret, stale signed timestamp) stays refused whatever headers are added to it.
 */

const SEED = 20261124;
const ACCEPTED_RUNS = 60;
const REFUSED_RUNS = 30;

type HeaderChange = { op: 'set'; name: string; value: string } | { op: 'remove'; name: string };

const PROXY_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'forwarded', 'user-agent', 'x-request-id'];
const VENDOR_UNSIGNED = ['x-webhook-test', 'x-webhook-event', 'x-hearlink-delivery', 'content-type'];

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);

function headerValue(name: string): fc.Arbitrary<string> {
	if (name === 'x-webhook-test') return fc.constantFrom('true', 'TRUE', 'True', 'false', '1', '', ' true ');
	if (name === 'content-type') {
		return fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded');
	}
	if (name === 'x-forwarded-proto') return fc.constantFrom('http', 'https', 'https,http', '');
	if (name === 'x-webhook-event') return fc.oneof(fc.constantFrom('pharmacy_order_updated', 'test', ''), printable);
	return printable;
}

function headerChanges(subject: TriggerSubject): fc.Arbitrary<HeaderChange[]> {
	const signed = new Set(subject.signedHeaders);
	const known = [...new Set([...VENDOR_UNSIGNED, ...subject.ownUnsignedHeaders, ...PROXY_HEADERS])].filter((name) => !signed.has(name));
	const name = fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...known) },
		{ weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/).filter((candidate) => !signed.has(candidate)) },
	);
	const change: fc.Arbitrary<HeaderChange> = name.chain((header) =>
		fc.oneof(
			{ weight: 3, arbitrary: headerValue(header).map((value): HeaderChange => ({ op: 'set', name: header, value })) },
			{ weight: 1, arbitrary: fc.constant<HeaderChange>({ op: 'remove', name: header }) },
		),
	);
	return fc.array(change, { minLength: 1, maxLength: 4 });
}

function variantOf(delivery: Delivery, changes: HeaderChange[]): Delivery {
	const headers = { ...delivery.headers };
	for (const change of changes) {
		if (change.op === 'remove') delete headers[change.name];
		else headers[change.name] = change.value;
	}
	return { rawBody: delivery.rawBody, headers };
}

let envelopeCounter = 0;

describe.each(TRIGGER_SUBJECTS.map((subject) => [subject.trigger.description.displayName, subject] as const))('%s', (_name, subject) => {
	it('runs a valid delivery exactly once, whatever unsigned headers its copies add, drop or change', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(headerChanges(subject), { minLength: 1, maxLength: 5 }),
				fc.nat(),
				async (variants, position) => {
					const rig = new TriggerRig(subject);
					const original = rig.signed(subject.envelope(++envelopeCounter, Math.floor(Date.now() / 1000)));
					const sequence = variants.map((changes) => variantOf(original, changes));
					sequence.splice(position % (sequence.length + 1), 0, original);

					let executions = 0;
					for (const delivery of sequence) {
						const outcome = await rig.deliver(delivery);
						expect(answerProblem(outcome)).toBeUndefined();
						if (outcome.result.workflowData) executions++;
					}
					expect(executions).toBe(1);
				},
			),
			{ numRuns: ACCEPTED_RUNS, seed: SEED },
		);
	});

	it.each(subject.refusals.map((refusal) => [refusal.kind, refusal] as const))(
		'keeps refusing a delivery with a %s, whatever unsigned headers are added, dropped or changed',
		async (_kind, refusal) => {
			await fc.assert(
				fc.asyncProperty(fc.array(headerChanges(subject), { minLength: 0, maxLength: 4 }), async (variants) => {
					const rig = new TriggerRig(subject);
					const refused = refusal.make(rig, ++envelopeCounter);
					for (const delivery of [refused, ...variants.map((changes) => variantOf(refused, changes))]) {
						const { result, response } = await rig.deliver(delivery);
						expect(result.workflowData).toBeUndefined();
						expect(result.noWebhookResponse).toBe(true);
						expect([400, 401]).toContain(response.status);
					}
				}),
				{ numRuns: REFUSED_RUNS, seed: SEED },
			);
		},
	);
});
