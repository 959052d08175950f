import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FakeAnswer, RecordedRequest, Responder } from '../../support/fakeVendor';
import { FakeVendor, offTargetRequests, urlViolation } from '../../support/fakeVendor';
import { hostileId, hostileString } from '../../support/hostile';
import { captureN8nLogs } from '../../support/logCapture';
import { ActionHarness } from '../../support/n8nCore';
import type { ActionSubject } from './catalogue';
import { ACTION_SUBJECTS, operationsOf, parametersFor, textParameterPaths, withValueAt } from './catalogue';
import type { Outcome, TriggerSubject } from './triggers';
import { answerProblem, TRIGGER_SUBJECTS, TriggerRig, TRIGGERS } from './triggers';
import type { VendorSetup } from './vendors';
import { cycling, plainValues } from './vendors';

/**
 * Invariant (ii): no vendor- or user-controlled string sends a request anywhere but the
 * credential's API.
 *
 * Every request the nodes make is recorded by a fake vendor in place of n8n's
 * `httpRequestWithAuthentication`, and must go to exactly the credential's origin, below its base
 * path (every vendor here has one), with no `.`/`..` segment. Strings come from `hostileString()`:
 * one text parameter of an operation (chosen among all the operation's text fields, collections
 * included), the vendor's answers (ids, tokens, cursors that later requests may be built from),
 * the vendor-chosen fields of signed deliveries, and the subscriptions a vendor lists. The nodes
 * may refuse such strings, but only with n8n's own NodeApiError / NodeOperationError, never by
 * crashing, and a trigger's `webhook()` never throws.
 */

const SEED = 20261125;
const ACTION_RUNS = 40;
const TRIGGER_RUNS = 80;
const LIFECYCLE_RUNS = 60;

let logs: ReturnType<typeof captureN8nLogs>;
beforeAll(() => {
	logs = captureN8nLogs();
});
afterAll(() => logs.restore());

/** Messages that are JavaScript's own words: a TypeError (or similar) escaped the node's handling. */
const RAW_JS_ERROR =
	/Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|is not defined|Cannot convert (undefined|null|a Symbol)|Maximum call stack|Invalid time value|Invalid array length|undefined is not|null is not|Cannot create property/i;

/** Why `error` is not an acceptable way for a node to fail (undefined when it is). */
function errorProblem(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) {
		return `threw ${(error as Error)?.constructor?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`;
	}
	if (RAW_JS_ERROR.test(error.message)) return `failed with JavaScript's own words: ${error.message}`;
	const cause = (error as { cause?: unknown }).cause;
	if (cause instanceof TypeError || cause instanceof RangeError || cause instanceof ReferenceError) {
		return `wraps a ${cause.name}: ${cause.message}`;
	}
	return undefined;
}

type AnswerMode = 'plausible' | 'hostile' | 'emptyObject' | 'emptyArray' | 'emptyData';

function answering(vendor: VendorSetup, mode: AnswerMode, hostileValues: string[]): Responder {
	const value = mode === 'hostile' ? cycling(hostileValues) : plainValues();
	return (request) => {
		if (mode === 'emptyObject') return { status: 200, body: {} };
		if (mode === 'emptyArray') return { status: 200, body: [] };
		if (mode === 'emptyData') return { status: 200, body: { data: [] } };
		return { status: 200, body: vendor.answer(request, value) };
	};
}

const answerMode = fc.constantFrom<AnswerMode>('plausible', 'hostile', 'hostile', 'emptyObject', 'emptyArray', 'emptyData');

function harnessFor(subject: ActionSubject): ActionHarness {
	return new ActionHarness({
		node: subject.node,
		credentialTypes: [subject.vendor.credentialType],
		credentials: { [subject.vendor.credentialType.name]: subject.vendor.credentials({ apiKey: 'k-requests', signingSecret: 's-requests' }) },
	});
}

/** The hostile text arrives the way data from an earlier node does: an expression reading the input item. */
const HOSTILE_EXPRESSION = '={{ $json.hostile }}';

describe.each(ACTION_SUBJECTS.map((subject) => [subject.node.description.displayName, subject] as const))('%s actions', (_name, subject) => {
	const harness = harnessFor(subject);
	const operations = operationsOf(subject.node);

	it('has a catalogue entry for every operation in its Operation pickers, and none other', () => {
		expect(operations.length).toBeGreaterThan(0);
		expect(Object.keys(subject.catalogue).sort()).toEqual([...operations].sort());
		expect(Object.keys(subject.textNeverSent).filter((key) => !operations.includes(key))).toEqual([]);
	});

	it.each(operations)('%s: the catalogue entry runs against plausible answers, with every request on target', async (key) => {
		const vendor = new FakeVendor(answering(subject.vendor, 'plausible', []));
		const [output] = await harness.run({ parameters: parametersFor(subject, key), httpRequestWithAuthentication: vendor.helper });
		expect(output.length).toBeGreaterThan(0);
		expect(vendor.requests.length).toBeGreaterThan(0);
		expect(offTargetRequests(vendor.requests, subject.vendor.baseUrl)).toEqual([]);
	});

	it.each(operations.filter((key) => textParameterPaths(subject, key).length > 0 && !(key in subject.textNeverSent)))(
		'%s: a value put in a text field by expression reaches the vendor (the suite can inject)',
		async (key) => {
			const reached: string[] = [];
			// Some fields take only digits, an https address or a JSON object: one of these passes each field's checks.
			const candidates = [
				['mkr424242', 'mkr424242'],
				['987424242', '987424242'],
				['https://mkr424242.example/hook', 'mkr424242'],
				['{"m":"mkr424242"}', 'mkr424242'],
			];
			for (const path of textParameterPaths(subject, key)) {
				for (const [value, token] of candidates) {
					const vendor = new FakeVendor(answering(subject.vendor, 'plausible', []));
					await harness
						.run({
							parameters: withValueAt(parametersFor(subject, key), path, HOSTILE_EXPRESSION),
							items: [{ hostile: value }],
							httpRequestWithAuthentication: vendor.helper,
						})
						.catch(() => undefined);
					if (JSON.stringify(vendor.requests).includes(token)) reached.push(path.join('.'));
				}
			}
			expect(reached.length).toBeGreaterThan(0);
		},
	);

	it.each(operations)('%s: hostile text in any text field or in the answers never sends a request elsewhere', async (key) => {
		const paths = textParameterPaths(subject, key);
		await fc.assert(
			fc.asyncProperty(
				paths.length > 0 ? fc.nat({ max: paths.length - 1 }).map((index) => paths[index]) : fc.constant(undefined),
				hostileString(),
				answerMode,
				fc.array(hostileString(), { minLength: 1, maxLength: 6 }),
				async (path, hostile, mode, answerValues) => {
					const vendor = new FakeVendor(answering(subject.vendor, mode, answerValues));
					const base = parametersFor(subject, key);
					let failure: unknown;
					try {
						await harness.run({
							parameters: path ? withValueAt(base, path, HOSTILE_EXPRESSION) : base,
							items: [{ hostile }],
							httpRequestWithAuthentication: vendor.helper,
						});
					} catch (error) {
						failure = error;
					}
					expect(offTargetRequests(vendor.requests, subject.vendor.baseUrl)).toEqual([]);
					if (failure !== undefined) expect(errorProblem(failure)).toBeUndefined();
				},
			),
			{ numRuns: ACTION_RUNS, seed: SEED },
		);
	});
});

describe('the request-target rule itself', () => {
	it.each([
		['https://api.example.test/base/v1/x', undefined],
		['https://api.example.test/base', undefined],
		['https://api.example.test/base?x=1', undefined],
		['http://evil.example/x', 'does not start'],
		['https://api.example.test/basement/x', 'does not start'],
		['https://api.example.test/base/v1/..', 'dot segment'],
		['https://api.example.test/base/v1/%2E%2e/x', 'dot segment'],
		['https://api.example.test/base/v1/./x', 'dot segment'],
		['https://api.example.test/base/../x', 'resolves to /x'],
		['https://api.example.test/base/v1/.\t./x', 'tab'],
		['https://api.example.test/base@evil.example/x', 'does not start'],
		['https://api.example.test/base/v1/%2e%2e%2fx', undefined],
	])('%s → %s', (url, problem) => {
		const why = urlViolation(url, 'https://api.example.test/base');
		if (problem === undefined) expect(why).toBeUndefined();
		else expect(why).toContain(problem);
	});
});

/** A signed delivery whose vendor-chosen fields are hostile, with the events it names selected. */
interface HostileDelivery {
	envelope: IDataObject;
	events: string[];
	options: IDataObject;
}

/** n8n reads a parameter value that starts with "=" as an expression: such events cannot be selected as typed. */
const selectable = (events: unknown[]) => events.filter((event): event is string => typeof event === 'string' && !event.startsWith('='));

const nowSeconds = () => Math.floor(Date.now() / 1000);

const heroEnvelope = (object: fc.Arbitrary<string>) =>
	fc
		.record({
			object,
			id: hostileId(),
			practice_group_id: fc.oneof(fc.constant('1234'), hostileId()),
			event: fc.oneof(fc.constant('appointment.confirmed'), hostileString()),
		})
		.map((envelope) => ({ envelope, events: selectable(['appointment.confirmed', envelope.event]), options: { includeFullRecord: true } }));

const healthieEnvelope = (type: fc.Arbitrary<string>) =>
	fc
		.record({
			resource_id: hostileId(),
			resource_id_type: type,
			event_type: fc.oneof(fc.constant('appointment.created'), hostileString()),
			changed_fields: fc.array(hostileString(), { maxLength: 2 }),
		})
		.map((envelope) => ({ envelope, events: selectable(['appointment.created', envelope.event_type]), options: { includeFullRecord: true } }));

/**
 * Per trigger, deliveries whose vendor-chosen fields are hostile. For the triggers that fetch the
 * record a delivery names, the record's type and its id are varied in separate properties, so that
 * each kind of defect gets its own counter-example.
 */
const hostileDeliveries: Array<[TriggerSubject, string, fc.Arbitrary<HostileDelivery>]> = [
	[TRIGGERS.heroHealth, 'hostile ids, events and practice groups of known objects', heroEnvelope(fc.constantFrom('Appointment', 'Patient', 'Prescription'))],
	[TRIGGERS.heroHealth, 'hostile object types', heroEnvelope(hostileString())],
	[TRIGGERS.healthie, 'hostile ids and events of known record types', healthieEnvelope(fc.constantFrom('User', 'Appointment', 'FormAnswerGroup', 'ConversationMembership'))],
	[TRIGGERS.healthie, 'hostile record types', healthieEnvelope(hostileString())],
	[
		TRIGGERS.hearLink,
		'hostile ids, types and data',
		fc
			.record({
				id: hostileString(),
				type: fc.oneof(fc.constant('patient.created'), hostileString()),
				createdAt: fc.constant('2026-11-24T10:00:00Z'),
				data: fc.oneof(hostileString(), fc.dictionary(hostileString(), hostileString(), { maxKeys: 3 }), fc.jsonValue({ maxDepth: 2 })),
			})
			.chain((envelope) =>
				fc.boolean().map((outputDataOnly) => ({ envelope, events: selectable(['patient.created', envelope.type]), options: { outputDataOnly } })),
			),
	],
	[
		TRIGGERS.rxScale,
		'hostile event types, timestamps and data.uid',
		fc
			.record({
				event_type: fc.oneof(fc.constant('pharmacy_order_created'), hostileString()),
				timestamp: fc.oneof(fc.constant('now'), hostileString()),
				payload_version: fc.constant('1'),
				data: fc.record({ uid: hostileId(), status: hostileString() }),
			})
			.map((envelope) => ({
				envelope: { ...envelope, timestamp: envelope.timestamp === 'now' ? nowSeconds() : envelope.timestamp },
				events: selectable(['pharmacy_order_created', envelope.event_type]),
				options: {},
			})),
	],
];

describe.each(TRIGGER_SUBJECTS.map((subject) => [subject.trigger.description.displayName, subject] as const))(
	'%s deliveries',
	(_name, subject) => {
		it('a valid delivery runs, and the record it fetches (where the trigger fetches one) is fetched on target', async () => {
			const fetches = subject.fetchesRecords;
			const rig = new TriggerRig(subject, { parameters: { events: subject.parameters.events, options: fetches ? { includeFullRecord: true } : {} } });
			const outcome = await rig.deliver(rig.signed(subject.envelope(1, nowSeconds())));
			expect(outcome.result.workflowData).toBeDefined();
			expect(rig.vendor.requests).toHaveLength(fetches ? 1 : 0);
			expect(offTargetRequests(rig.vendor.requests, subject.vendor.baseUrl)).toEqual([]);
			if (fetches) expect(outcome.result.workflowData?.[0][0].json.record).toBeDefined();
		});

		// A vendor without hostile deliveries of its own here yet gets none (jest refuses an empty table).
		const hostile = hostileDeliveries.filter(([owner]) => owner === subject).map(([, name, arbitrary]) => [name, arbitrary] as const);
		if (hostile.length > 0) it.each(hostile)(
			'signed deliveries with %s never throw, answer as n8n can, and request only the API',
			async (_case, arbitrary) => {
				await fc.assert(
					fc.asyncProperty(
						arbitrary,
						fc.constantFrom<AnswerMode>('plausible', 'hostile', 'emptyObject'),
						fc.array(hostileString(), { minLength: 1, maxLength: 4 }),
						async (delivery, mode, answerValues) => {
							const rig = new TriggerRig(subject, {
								parameters: { events: delivery.events, options: delivery.options },
								responder: answering(subject.vendor, mode, answerValues),
							});
							let outcome: Outcome | undefined;
							let thrown: unknown;
							try {
								outcome = await rig.deliver(rig.signed(delivery.envelope));
							} catch (error) {
								thrown = error;
							}
							expect(thrown === undefined ? undefined : `webhook() threw ${String(thrown)}`).toBeUndefined();
							expect(answerProblem(outcome!)).toBeUndefined();
							expect(offTargetRequests(rig.vendor.requests, subject.vendor.baseUrl)).toEqual([]);
						},
					),
					{ numRuns: TRIGGER_RUNS, seed: SEED },
				);
			},
		);
	},
);

/** A subscription as a vendor lists it; `url` OURS means the trigger's own webhook URL. */
interface ListedSubscription {
	id: string | number;
	url: string;
	event: string;
	enabled: boolean;
}

interface LifecycleWorld {
	listed: ListedSubscription[];
	/** Ids of subscriptions the node's static data says it created. */
	stored: Array<string | number>;
	createdId: string | number;
	cursor: string;
	/** Which of the vendor's answers fail (by call number), to reach the error and fallback paths. */
	failing: number[];
	failStatus: number;
}

interface LifecycleSubject {
	subject: TriggerSubject;
	events: string[];
	answer(world: LifecycleWorld, ours: string): (request: RecordedRequest, index: number) => FakeAnswer;
}

const OURS = '<this trigger>';

function listedAt(world: LifecycleWorld, ours: string) {
	return world.listed.map((entry) => ({ ...entry, url: entry.url === OURS ? ours : entry.url === `${OURS}/` ? `${ours}/` : entry.url }));
}

const lifecycleSubjects: LifecycleSubject[] = [
	{
		subject: TRIGGERS.heroHealth,
		events: ['appointment.confirmed', 'appointment.cancelled'],
		answer: (world, ours) => (request) => {
			if (request.method === 'GET') {
				const data = listedAt(world, ours).map((entry) => ({ id: entry.id, url: entry.url, event_type: entry.event }));
				return { status: 200, body: { data, count: data.length } };
			}
			if (request.method === 'POST') return { status: 201, body: { id: world.createdId } };
			return { status: 204, body: '' };
		},
	},
	{
		subject: TRIGGERS.healthie,
		events: ['appointment.created'],
		answer: (world, ours) => (request) => {
			const body = request.body as { query?: string; variables?: IDataObject };
			const query = String(body?.query ?? '');
			if (query.includes('n8nListWebhooks')) {
				const firstPage = body.variables?.after === undefined;
				const nodes = firstPage
					? listedAt(world, ours).map((entry) => ({
							id: entry.id,
							url: entry.url,
							is_enabled: entry.enabled,
							event_type: entry.event,
							webhook_events: [{ event_type: entry.event }],
						}))
					: [];
				return {
					status: 200,
					body: { data: { webhooks: { nodes, page_info: { has_next_page: firstPage, end_cursor: world.cursor } } } },
				};
			}
			if (query.includes('n8nCreateWebhook')) {
				return { status: 200, body: { data: { createWebhook: { webhook: { id: world.createdId, signature_secret: 'whsec_created' }, messages: [] } } } };
			}
			return { status: 200, body: { data: { deleteWebhook: { webhook: { id: body.variables?.id ?? null }, messages: [] } } } };
		},
	},
	{
		subject: TRIGGERS.rxScale,
		events: ['pharmacy_order_created', 'pharmacy_order_updated'],
		answer: (world, ours) => (request, index) => {
			if (request.method === 'GET') {
				return { status: 200, body: listedAt(world, ours).map((entry) => ({ uid: entry.id, notification_type: entry.event, target: entry.url })) };
			}
			if (request.method === 'POST') {
				// A registration may meet a conflict (every third one), which makes the node take over what is listed.
				if (index % 3 === 1 && listedAt(world, ours).length > 0) {
					return { status: 409, body: { error: 'Notification subscription already exists' } };
				}
				return { status: 201, body: { uid: world.createdId, signing_secret: 'whsec_created' } };
			}
			return { status: 200, body: {} };
		},
	},
];

function world(events: string[]): fc.Arbitrary<LifecycleWorld> {
	const listed = fc.record({
		id: hostileId(),
		url: fc.oneof(fc.constantFrom(OURS, `${OURS}/`), hostileString()),
		event: fc.oneof(fc.constantFrom(...events), hostileString()),
		enabled: fc.boolean(),
	});
	return fc.record({
		listed: fc.array(listed, { maxLength: 4 }),
		stored: fc.array(hostileId(), { maxLength: 2 }),
		createdId: fc.oneof(fc.constant('created-1'), hostileId()),
		cursor: hostileString(),
		failing: fc.array(fc.nat({ max: 6 }), { maxLength: 2 }),
		failStatus: fc.constantFrom(404, 409, 500),
	});
}

async function runHook(rig: TriggerRig, method: 'checkExists' | 'create' | 'delete'): Promise<unknown> {
	const context = rig.harness.hookContext('production');
	context.helpers.httpRequestWithAuthentication = rig.vendor.helper;
	try {
		await rig.subject.trigger.webhookMethods!.default![method].call(context);
		return undefined;
	} catch (error) {
		return error;
	}
}

describe.each(lifecycleSubjects.map((entry) => [entry.subject.trigger.description.displayName, entry] as const))(
	'%s subscription lifecycle',
	(_name, { subject, events, answer }) => {
		const rigFor = (state: LifecycleWorld) => {
			const rig = new TriggerRig(subject, { parameters: { events, options: {} } });
			const ours = rig.harness.productionUrl();
			const answers = answer(state, ours);
			rig.vendor.responder = (request, index) =>
				state.failing.includes(index) ? { status: state.failStatus, body: { message: 'failed on purpose' } } : answers(request, index);
			const staticData = rig.harness.staticData.production[`node:${rig.harness.node.name}`] as IDataObject;
			staticData.subscriptions = state.stored.map((id) => ({ id: String(id), events: [events[0]], secret: 'whsec_stored' }));
			return rig;
		};

		it('publishes and unpublishes against a plain vendor, with every request on target', async () => {
			const rig = rigFor({ listed: [], stored: [], createdId: 'created-1', cursor: 'c1', failing: [], failStatus: 500 });
			expect(await runHook(rig, 'checkExists')).toBeUndefined();
			expect(await runHook(rig, 'create')).toBeUndefined();
			expect(await runHook(rig, 'delete')).toBeUndefined();
			expect(rig.vendor.requests.length).toBeGreaterThanOrEqual(3);
			expect(offTargetRequests(rig.vendor.requests, subject.vendor.baseUrl)).toEqual([]);
		});

		it('hostile subscriptions in the vendor’s list never send a request elsewhere, and hooks fail only with n8n errors', async () => {
			await fc.assert(
				fc.asyncProperty(world(events), async (state) => {
					const rig = rigFor(state);
					const problems: string[] = [];
					for (const method of ['checkExists', 'create', 'delete'] as const) {
						const error = await runHook(rig, method);
						const problem = error === undefined ? undefined : errorProblem(error);
						if (problem) problems.push(`${method}: ${problem}`);
					}
					expect(problems).toEqual([]);
					expect(offTargetRequests(rig.vendor.requests, subject.vendor.baseUrl)).toEqual([]);
				}),
				{ numRuns: LIFECYCLE_RUNS, seed: SEED },
			);
		});
	},
);
