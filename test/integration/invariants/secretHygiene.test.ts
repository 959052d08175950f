import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FakeAnswer, RecordedRequest } from '../../support/fakeVendor';
import { FakeVendor } from '../../support/fakeVendor';
import { captureN8nLogs } from '../../support/logCapture';
import { ActionHarness } from '../../support/n8nCore';
import type { ActionSubject } from './catalogue';
import { ACTION_SUBJECTS, operationsOf, parametersFor } from './catalogue';
import type { Outcome, TriggerSubject } from './triggers';
import { TRIGGER_SUBJECTS, TriggerRig, TRIGGERS } from './triggers';
import type { Secrets, VendorSetup } from './vendors';
import { cycling } from './vendors';

/**
 * Invariant (iii): whatever a vendor echoes, no credential secret appears anywhere a user or an
 * admin can see it.
 *
 * Credentials hold distinctive secrets (an `sk_live_…` API key; a `whsec_…` webhook signing secret
 * for HearLink and RxScale). The fake vendor answers every request — actions, a trigger's "Include
 * Full Record" fetch, the subscription lifecycle — with a status among 200/4xx/5xx and a body that
 * echoes the secrets (as the whole body, in `message`, `error`, `error.message`, GraphQL `errors`
 * (for Healthie also inside an HTTP 200), `detail`, `description`, nested lists and objects, inside
 * longer text, repeated), or fails like a network error whose message holds the key. Secrets a
 * request carried (Hero's generated signing key, RxScale's test header value) count as secrets too.
 * No secret may appear in a thrown error (message, description, messages, context, errorResponse,
 * cause), in an output item (with and without Continue On Fail), in a log line, or — for triggers
 * — in the HTTP response written or the item emitted.
 */

const SEED = 20261126;
const ACTION_RUNS = 25;
const TRIGGER_RUNS = 40;
const LIFECYCLE_RUNS = 40;

let logs: ReturnType<typeof captureN8nLogs>;
beforeAll(() => {
	logs = captureN8nLogs();
});
afterAll(() => logs.restore());

const secretsArbitrary: fc.Arbitrary<Secrets> = fc.record({
	apiKey: fc.stringMatching(/^[A-Za-z0-9]{32}$/).map((tail) => `sk_live_${tail}`),
	signingSecret: fc.stringMatching(/^[A-Za-z0-9]{32}$/).map((tail) => `whsec_${tail}`),
});

const STATUSES = [200, 400, 401, 403, 404, 409, 422, 429, 500, 503] as const;

/** How one answer echoes `secret`: shapes every vendor uses, then each vendor's own error shape. */
const ECHOES: Array<(secret: string, vendor: VendorSetup) => unknown> = [
	(secret) => secret,
	(secret) => `Invalid API key: ${secret}`,
	(secret) => ({ message: secret }),
	(secret) => ({ message: `The key ${secret} was rejected` }),
	(secret) => ({ error: secret }),
	(secret) => ({ error: { message: secret, code: 'invalid_api_key' } }),
	(secret) => ({ errors: [{ message: secret }, { message: `again: ${secret}` }] }),
	(secret) => ({ detail: secret, description: `${secret}${secret} ${secret}` }),
	(secret) => ({ data: [{ token: secret }, [secret, { deep: { deeper: `x-api-key=${secret}` } }]], note: `sent ${secret}` }),
	(secret, vendor) => vendor.echoes.error(secret),
	(secret, vendor) => vendor.echoes.success(secret),
];

/** One answer of the fake vendor: a status and an echo, or a network failure. */
interface EchoPlan {
	status: (typeof STATUSES)[number];
	echo: number;
	/** Which of the known secrets this answer echoes (indexes into the run's secrets; cycled). */
	which: number;
	/** The whole answer in the vendor's plausible shape, every value carrying the secret. */
	plausible: boolean;
	network: boolean;
}

function echoPlans(statuses: ReadonlyArray<EchoPlan['status']>, networkFailures: boolean): fc.Arbitrary<EchoPlan> {
	return fc.record({
		status: fc.constantFrom(...statuses),
		echo: fc.nat({ max: ECHOES.length - 1 }),
		which: fc.nat({ max: 7 }),
		plausible: fc.boolean(),
		// One answer in five is a network failure; shrinks towards an answer.
		network: networkFailures ? fc.nat({ max: 4 }).map((roll) => roll === 4) : fc.constant(false),
	});
}

/** Any answer: every status, and network failures. */
const echoPlan = echoPlans(STATUSES, true);
/** Refusals and failures: 4xx, 5xx, network. */
const failurePlan = echoPlans(
	STATUSES.filter((status) => status >= 400),
	true,
);
/** HTTP 200 answers (which for Healthie may still carry GraphQL errors). */
const successPlan = echoPlans([200], false);

/** Secrets a request itself carried, which an echo must not reveal either. */
function secretsInRequest(request: RecordedRequest): string[] {
	const body = (request.body ?? {}) as IDataObject;
	return [body.signing_key, body.header_value].filter((value): value is string => typeof value === 'string' && value.length >= 8);
}

/** The fake vendor's answer per call (plans cycled), echoing the run's secrets and any the request carried. */
function echoingResponder(vendor: VendorSetup, plans: EchoPlan[], known: string[]) {
	return (request: RecordedRequest, index: number): FakeAnswer => {
		for (const secret of secretsInRequest(request)) if (!known.includes(secret)) known.push(secret);
		const plan = plans[index % plans.length];
		const secret = known[plan.which % known.length];
		if (plan.network) return { networkError: `connect ECONNREFUSED while sending x-api-key ${secret}` };
		const text = `${secret} (echoed) ${secret}`;
		const body = plan.plausible ? vendor.answer(request, cycling([text, secret])) : ECHOES[plan.echo](secret, vendor);
		return { status: plan.status, body };
	};
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, inner: unknown) => {
				if (typeof inner === 'object' && inner !== null) {
					if (seen.has(inner)) return '[circular]';
					seen.add(inner);
				}
				if (inner instanceof Error) return { ...inner, name: inner.name, message: inner.message };
				return inner;
			}) ?? ''
		);
	} catch {
		return String(value);
	}
}

/** What n8n shows of an error: its message and description, the messages list, and the context, response and cause it carries. */
function visibleOfError(error: unknown): Record<string, string> {
	const record = (error ?? {}) as Record<string, unknown>;
	const cause = record.cause as { message?: unknown } | undefined;
	return {
		'error.message': String(record.message ?? ''),
		'error.description': String(record.description ?? ''),
		'error.messages': safeJson(record.messages),
		'error.context': safeJson(record.context),
		'error.errorResponse': safeJson(record.errorResponse),
		'error.cause': `${String(cause?.message ?? '')} ${safeJson(cause)}`,
	};
}

/** Every place that shows a secret: `place: secret-label`. */
function leaks(secrets: string[], places: Record<string, string>): string[] {
	return Object.entries(places).flatMap(([place, text]) =>
		secrets.flatMap((secret, index) => (text.includes(secret) ? [`${place} shows secret #${index} (${secret.slice(0, 12)}…)`] : [])),
	);
}

function logPlaces(): Record<string, string> {
	return { logs: logs.lines.join('\n') };
}

describe('the leak detector', () => {
	it('sees what the nodes log through n8n-core’s contexts', async () => {
		const rig = new TriggerRig(TRIGGERS.hearLink);
		logs.clear();
		await TRIGGERS.hearLink.trigger.webhookMethods!.default!.create.call(rig.harness.hookContext('production'));
		expect(logs.lines.join('\n')).toContain(`is listening at ${rig.harness.productionUrl()}`);
	});

	it('finds a secret in an error’s description, context, response and cause, in items and in logs', () => {
		const secret = 'sk_live_detector0000000000000000000000';
		const error = new NodeApiError({ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, { nested: { key: secret } }, {
			message: 'plain',
			description: `has ${secret}`,
		});
		expect(leaks([secret], visibleOfError(error))).toEqual([
			expect.stringContaining('error.description'),
			expect.stringContaining('error.errorResponse'),
		]);
		const wrapped = new Error('plain', { cause: new Error(secret) });
		expect(leaks([secret], visibleOfError(wrapped))).toEqual([expect.stringContaining('error.cause')]);
		expect(leaks([secret, 'other-secret'], { items: safeJson([{ json: { a: [secret] } }]) })).toHaveLength(1);
	});
});

const answerKinds = [
	['a refusal, a failure or a network error', failurePlan],
	['an HTTP 200 answer', successPlan],
] as const;

describe.each(ACTION_SUBJECTS.map((subject) => [subject.node.description.displayName, subject] as const))('%s actions', (_name, subject) => {
	describe.each(answerKinds)('when the vendor echoes secrets in %s', (_kind, plan) => {
		it.each(operationsOf(subject.node))('%s: no secret reaches an error, an output item or the log', async (key) => {
			await fc.assert(
				fc.asyncProperty(secretsArbitrary, fc.array(plan, { minLength: 1, maxLength: 3 }), fc.boolean(), async (secrets, plans, continueOnFail) => {
					const known = subject.vendor.secretsOf(secrets);
					const vendor = new FakeVendor(echoingResponder(subject.vendor, plans, known));
					const harness = harnessFor(subject, secrets);
					logs.clear();
					let output: INodeExecutionData[][] = [];
					let failure: unknown;
					try {
						output = await harness.run({ parameters: parametersFor(subject, key), continueOnFail, httpRequestWithAuthentication: vendor.helper });
					} catch (error) {
						failure = error;
					}
					expect(vendor.requests.length).toBeGreaterThan(0);
					const places = {
						...(failure === undefined ? {} : visibleOfError(failure)),
						items: safeJson(output),
						...logPlaces(),
					};
					expect(leaks(known, places)).toEqual([]);
				}),
				{ numRuns: ACTION_RUNS, seed: SEED },
			);
		});
	});
});

function harnessFor(subject: ActionSubject, secrets: Secrets): ActionHarness {
	return new ActionHarness({
		node: subject.node,
		credentialTypes: [subject.vendor.credentialType],
		credentials: { [subject.vendor.credentialType.name]: subject.vendor.credentials(secrets) },
	});
}

function outcomePlaces(outcome: Outcome): Record<string, string> {
	return {
		'written response': safeJson(outcome.response.body),
		'webhook answer': safeJson(outcome.result.webhookResponse),
		'emitted items': safeJson(outcome.result.workflowData),
	};
}

/** Triggers whose deliveries make the trigger call the vendor ("Include Full Record"). */
const fetchingTriggers: Array<[TriggerSubject, IDataObject]> = TRIGGER_SUBJECTS.filter((subject) => subject.fetchesRecords).map((subject) => [
	subject,
	{ events: subject.parameters.events, options: { includeFullRecord: true } },
]);

describe.each(fetchingTriggers.map(([subject, parameters]) => [subject.trigger.description.displayName, subject, parameters] as const))(
	'%s with Include Full Record',
	(_name, subject, parameters) => {
		it('no secret the vendor echoes while the record is fetched reaches the emitted item, the response or the log', async () => {
			let envelope = 0;
			await fc.assert(
				fc.asyncProperty(secretsArbitrary, fc.array(echoPlan, { minLength: 1, maxLength: 2 }), async (secrets, plans) => {
					const known = [...subject.vendor.secretsOf(secrets)];
					const rig = new TriggerRig(subject, { parameters, secrets, responder: echoingResponder(subject.vendor, plans, known) });
					logs.clear();
					const outcome = await rig.deliver(rig.signed(subject.envelope(++envelope, Math.floor(Date.now() / 1000))));
					expect(outcome.result.workflowData).toBeDefined();
					expect(rig.vendor.requests.length).toBeGreaterThan(0);
					expect(leaks(known, { ...outcomePlaces(outcome), ...logPlaces() })).toEqual([]);
				}),
				{ numRuns: TRIGGER_RUNS, seed: SEED },
			);
		});
	},
);

describe.each(TRIGGER_SUBJECTS.map((subject) => [subject.trigger.description.displayName, subject] as const))('%s deliveries', (_name, subject) => {
	it('neither an accepted nor a refused delivery shows a secret in the response, the item or the log', async () => {
		let envelope = 0;
		await fc.assert(
			fc.asyncProperty(secretsArbitrary, fc.nat({ max: subject.refusals.length }), async (secrets, which) => {
				const rig = new TriggerRig(subject, { secrets });
				const known = [...subject.vendor.secretsOf(secrets), rig.signingSecret];
				logs.clear();
				const delivery =
					which === subject.refusals.length
						? rig.signed(subject.envelope(++envelope, Math.floor(Date.now() / 1000)))
						: subject.refusals[which].make(rig, ++envelope);
				const outcome = await rig.deliver(delivery);
				expect(leaks(known, { ...outcomePlaces(outcome), ...logPlaces() })).toEqual([]);
			}),
			{ numRuns: 20, seed: SEED },
		);
	});
});

const lifecycleTriggers: Array<[TriggerSubject, string[]]> = TRIGGER_SUBJECTS.map((subject) => [subject, subject.lifecycleEvents]);

describe.each(lifecycleTriggers.map(([subject, events]) => [subject.trigger.description.displayName, subject, events] as const))(
	'%s subscription lifecycle',
	(_name, subject, events) => {
		it('no secret the vendor echoes while publishing or unpublishing reaches an error or the log', async () => {
			await fc.assert(
				fc.asyncProperty(secretsArbitrary, fc.array(echoPlan, { minLength: 1, maxLength: 5 }), async (secrets, plans) => {
					const known = [...subject.vendor.secretsOf(secrets)];
					const rig = new TriggerRig(subject, { parameters: { events, options: {} }, secrets, responder: echoingResponder(subject.vendor, plans, known) });
					logs.clear();
					const places: Record<string, string> = {};
					for (const method of ['checkExists', 'create', 'delete'] as const) {
						const context = rig.harness.hookContext('production');
						context.helpers.httpRequestWithAuthentication = rig.vendor.helper;
						try {
							await subject.trigger.webhookMethods!.default![method].call(context);
						} catch (error) {
							for (const [place, text] of Object.entries(visibleOfError(error))) places[`${method} ${place}`] = text;
						}
					}
					if (subject.vendor.key !== 'hearLink') expect(rig.vendor.requests.length).toBeGreaterThan(0);
					expect(leaks(known, { ...places, ...logPlaces() })).toEqual([]);
				}),
				{ numRuns: LIFECYCLE_RUNS, seed: SEED },
			);
		});
	},
);
