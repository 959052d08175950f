import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { HealthieApi } from '../../credentials/HealthieApi.credentials';
import type { CollectionSpec } from '../../nodes/Healthie/collections';
import { APPOINTMENT_TYPES, APPOINTMENTS, collectionForms, FORM_ANSWER_GROUPS, PATIENTS, PROVIDERS } from '../../nodes/Healthie/collections';
import { apiVersionOf, HEALTHIE_DEFAULT_API_VERSION, HEALTHIE_ENVIRONMENTS } from '../../nodes/Healthie/environments';
import { apiShapeFor, healthieApi, healthieGraphql } from '../../nodes/Healthie/graphql';
import { HealthieTrigger } from '../../nodes/Healthie/HealthieTrigger.node';
import { HEALTHIE_RECORD_QUERIES } from '../../nodes/Healthie/records';
import { afterFirstEquals, CONTENT_DIGEST_HEADER, healthieStringToSign, SIGNATURE_HEADER, verifyHealthieDelivery } from '../../nodes/Healthie/signature';
import { healthieSubscriptions } from '../../nodes/Healthie/subscriptions';
import { digestMatches, hmacSha256 } from '../../nodes/shared/signature';
import type { StoredSubscription } from '../../nodes/shared/subscriptions';
import { sameUrl } from '../../nodes/shared/subscriptions';
import { testCredentialAsN8nDoes } from '../../test/support/credentialTest';
import type { RunContext, VendorCheck } from './common';
import { clean, cleanUp, codeToken, errorCode, isRecord, lowerCased, needsDelivery, ok, refusedAnyway, seconds, vendorWords } from './common';
import type { CheckedBy, FactCatalogue, Findings } from './findings';
import type { CapturedDelivery } from './receiver';
import type { DeliveryShape } from './shapes';
import { describeValue, digestEncoding, shapeOfDelivery, valueFields } from './shapes';
import type { RawAnswer } from './session';

/**
 * Healthie's inferred facts (docs/vendors/healthie.md#inferred-facts-open-questions), asked with the
 * nodes' own GraphQL transport, webhook adapter, record queries, list forms and verifier; the
 * schema's own description (introspection) where Healthie allows it. Healthie documents
 * `sendTestWebhook`, so with a receiver the check needs no real event.
 */

const EVENT = 'test.created';
const NEEDS_THROWAWAY = 'needs a throwaway webhook: run again and allow it (or pass --yes)';
const DELIVERY_HOW = 'allow the throwaway webhook (the check then asks Healthie for a test delivery with sendTestWebhook)';
const SIGNED_COMPONENTS = ['@method', '@path', '@query', 'content-digest', 'content-type', 'content-length'];

export const HEALTHIE_FACTS: FactCatalogue = {
	'content-digest-format': {
		assumed: 'Content-Digest is "sha-256=" and the body’s SHA-256 in padded base64, and the signed string holds it exactly as sent after the first "="',
		checkedBy: ['delivery', 'diagnostics'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'signature-input': {
		assumed: `Signature-Input names the six signed parts: ${SIGNED_COMPONENTS.join(' ')}`,
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'signed-query': {
		assumed: 'for a URL without a query the signed string’s query part is empty (two spaces follow the path)',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'signed-content-length': {
		assumed: 'the signed length is the raw body’s length in bytes',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'signature-secret-readable': {
		assumed: 'not relied on; the sandbox lets the webhooks query read a webhook’s signature_secret later',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'multi-event-webhooks': {
		assumed: 'not relied on (the nodes make one webhook per event)',
		checkedBy: [],
		otherwise: 'only deliveries of two different events to one webhook would show it, and the check causes no events (sendTestWebhook sends one test event)',
	},
	'webhooks-list-shape': {
		assumed: 'the webhooks query is read in the form apiShapeFor(version) tries first (a connection from 2025-10-15, a list before)',
		checkedBy: ['api'],
		otherwise: 'the webhooks query could not be asked',
	},
	'delivery-timeout-and-duplicates': {
		assumed: 'a delivery answered 500 is sent again with the same body (so the body’s hash drops it as a duplicate); no delivery id',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(`${DELIVERY_HOW}; the receiver answers the first delivery 500 to see a retry`),
	},
	'disabled-webhooks': {
		assumed: 'a webhook Healthie disabled is recreated, not re-enabled',
		checkedBy: [],
		otherwise: 'Healthie disables a webhook only after days of failed deliveries, which a check cannot wait for',
	},
	'delete-unknown-webhook': {
		assumed: 'deleteWebhook for a webhook that is gone answers "not found" (the sandbox: messages [{ field: "id", message: "Webhook not found" }])',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'developer-permission-error': {
		assumed: 'a key whose user lacks the developer permission gets an error the nodes show in Healthie’s words',
		checkedBy: [],
		otherwise: 'needs a second key whose user lacks "Can view and manage developer features"; the check uses one key',
	},
	'invalid-key-answer': {
		assumed: 'a refused key gets HTTP 401, and the credential’s Test fails',
		checkedBy: ['api'],
		otherwise: 'Healthie could not be asked',
	},
	'rate-limits': {
		assumed: 'a limited request gets TOO_MANY_REQUESTS (or HTTP 429)',
		checkedBy: ['api'],
		otherwise: 'the check sends a few dozen requests and was not limited; provoking a limit would take a burst it does not send',
	},
	'resource-id-type': {
		assumed: 'resource_id arrives as a string',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'fetch-after-delete': {
		assumed: 'a record read after *.deleted answers null or an error, which the trigger passes on as recordError',
		checkedBy: [],
		otherwise: 'only a deleted record would show it, and the check deletes no records',
	},
	'single-record-queries': {
		assumed: `the record queries the trigger reads exist: ${[...HEALTHIE_RECORD_QUERIES.values()].map((query) => query.field).join(', ')}`,
		checkedBy: ['api'],
		otherwise: 'Healthie did not describe its schema (introspection refused)',
	},
	'authorization-scheme': {
		assumed: 'Authorization: Basic <key> (with AuthorizationSource: API) is accepted',
		checkedBy: ['api'],
		otherwise: 'Healthie could not be asked',
	},
	'api-version-2026-07-01': {
		assumed: 'release 2026-07-01 is accepted',
		checkedBy: ['api'],
		otherwise: 'Healthie could not be asked',
	},
	'collections-list-shape': {
		assumed: 'users, organizationMembers, appointments, appointmentTypes and formAnswerGroups have, for this API version, the form collectionForms() tries first',
		checkedBy: ['api'],
		otherwise: 'Healthie did not describe its schema (introspection refused)',
	},
	'appointment-and-search-semantics': {
		assumed: 'keywords and appointment filters select as the node page describes',
		checkedBy: [],
		otherwise: 'only searching patients and appointments would show it, and the check sends no patient data',
	},
	'datetime-argument-types': {
		assumed: 'appointments(startDate, endDate) and formAnswerGroups(user_id) take the types collections.ts sends for this API version',
		checkedBy: ['api'],
		otherwise: 'Healthie did not describe its schema (introspection refused)',
	},
};

export const healthieCheck: VendorCheck = {
	slug: 'healthie',
	docsPage: 'healthie',
	binding: { name: 'Healthie', credentialType: new HealthieApi(), trigger: new HealthieTrigger(), api: healthieApi },
	environments: HEALTHIE_ENVIRONMENTS,
	defaultEnvironment: 'sandbox',
	catalogue: HEALTHIE_FACTS,
	inputs: [
		{ field: 'apiKey', env: 'HEALTHIE_API_KEY', label: 'Healthie API key', required: true },
		{ field: 'authorizationShard', env: 'HEALTHIE_SHARD_ID', label: 'Healthie shard ID', required: false },
	],
	extraCredentials: (options): ICredentialDataDecryptedObject => ({ apiVersion: options.apiVersion ?? HEALTHIE_DEFAULT_API_VERSION }),
	creates: ({ receiver }) => [
		`one webhook (${EVENT}) to ${receiver ? 'the receiver URL, and a test delivery to it (sendTestWebhook)' : 'an https address that cannot exist'}; deleted at the end`,
	],
	signedHeaders: { signature: [SIGNATURE_HEADER, CONTENT_DIGEST_HEADER] },
	run: runHealthie,
	judgeDiagnostics: (shape, findings) => judgeDigest(shape, findings, 'diagnostics'),
};

const CURRENT_USER = 'query n8nVendorCheck { currentUser { id } }';

async function runHealthie(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const ask = async (query: string, variables: IDataObject = {}, purpose = 'a GraphQL document') =>
		await session.raw({ method: 'POST', path: '', body: { query, variables }, headers: { 'Content-Type': 'application/json' }, purpose });
	const userOf = (answer: RawAnswer) => (isRecord(answer.body) && isRecord(answer.body.data) && isRecord(answer.body.data.currentUser) ? answer.body.data.currentUser.id : undefined);

	const current = await ask(CURRENT_USER, {}, 'the credential’s user');
	if (current.status === 0) {
		findings.cannotTell('authorization-scheme', 'api', `no answer (${vendorWords(record, current)})`, 'Healthie could not be reached: check the environment or --base-url, and the network');
		run.io.say(`Healthie could not be reached (${vendorWords(record, current)}): check the environment or --base-url, and the network.`);
		return;
	}
	const bearer = await session.raw({
		method: 'POST',
		path: '',
		body: { query: CURRENT_USER },
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${String(session.credentials.apiKey)}`, AuthorizationSource: 'API', 'Healthie-GraphQL-API-Version': String(session.credentials.apiVersion) },
		unauthenticated: true,
		purpose: 'the same with Authorization: Bearer',
	});
	const basicWorks = ok(current.status) && userOf(current) !== undefined;
	const schemeSeen = `Basic: ${current.status} ${basicWorks ? 'with the user' : `(${vendorWords(record, current)})`}; Bearer: ${bearer.status} ${userOf(bearer) !== undefined ? 'with the user' : `(${vendorWords(record, bearer)})`}`;
	if (basicWorks) findings.holds('authorization-scheme', 'api', schemeSeen);
	else if (userOf(bearer) !== undefined) findings.differs('authorization-scheme', 'api', schemeSeen, 'only Bearer works: every request of the nodes is refused; HealthieApi.authenticate must send Bearer');
	else findings.cannotTell('authorization-scheme', 'api', schemeSeen, 'neither scheme was accepted: check the key, the environment and the shard first');

	const madeUp = session.with({ apiKey: `n8n-vendor-check-made-up-${run.runId}` });
	const refused = await madeUp.raw({ method: 'POST', path: '', body: { query: CURRENT_USER }, headers: { 'Content-Type': 'application/json' }, purpose: 'a made-up key' });
	const testButton = await testCredentialAsN8nDoes(healthieCheck.binding.credentialType, madeUp.credentials);
	const refusedSeen = `a made-up key: HTTP ${statusOf(refused)}${errorCode(refused.body) ? ` ${errorCode(refused.body)}` : ''} (${vendorWords(record, refused)}); the credential’s Test says ${testButton.status}: "${clean(record, testButton.message)}"`;
	if (refused.status === 0) findings.cannotTell('invalid-key-answer', 'api', refusedSeen, 'Healthie did not answer the made-up key');
	else if (refused.status === 401 && testButton.status === 'Error') findings.holds('invalid-key-answer', 'api', refusedSeen);
	else if (testButton.status === 'Error') findings.differs('invalid-key-answer', 'api', refusedSeen, 'the Test button still fails for a refused key, but with its generic words');
	else findings.differs('invalid-key-answer', 'api', refusedSeen, 'the Test button says "Connection successful" for a key Healthie refused: the credential’s rules must read this answer');

	const latest = await session.with({ apiVersion: '2026-07-01' }).raw({ method: 'POST', path: '', body: { query: CURRENT_USER }, headers: { 'Content-Type': 'application/json' }, purpose: 'release 2026-07-01' });
	const latestSeen = `with Healthie-GraphQL-API-Version 2026-07-01: ${statusOf(latest)}${userOf(latest) !== undefined ? ' with the user' : ` (${vendorWords(record, latest)})`}`;
	if (userOf(latest) !== undefined) findings.holds('api-version-2026-07-01', 'api', latestSeen);
	else if (errorCode(latest.body) === 'UNSUPPORTED_API_VERSION') findings.differs('api-version-2026-07-01', 'api', latestSeen, 'a credential set to 2026-07-01 fails for this account: choose 2026-01-01');
	else findings.cannotTell('api-version-2026-07-01', 'api', latestSeen, 'refused for another reason');

	if (!basicWorks) {
		run.io.say(`Healthie refused the key (${vendorWords(record, current)}); the other checks need a working key.`);
		return;
	}

	await checkSchema(run, ask);
	await checkWebhooksListShape(run, ask);
	if (run.mayCreate) await checkWebhook(run, ask);
	else {
		for (const fact of ['content-digest-format', 'signature-input', 'signed-query', 'signed-content-length', 'resource-id-type', 'delivery-timeout-and-duplicates']) {
			if (!findings.has(fact)) findings.cannotTell(fact, 'none', 'no throwaway webhook', HEALTHIE_FACTS[fact].otherwise);
		}
	}
}

function statusOf(answer: RawAnswer): string {
	return answer.status === 0 ? 'no answer' : String(answer.status);
}

type Ask = (query: string, variables?: IDataObject, purpose?: string) => Promise<RawAnswer>;

interface TypeRef {
	kind?: string;
	name?: string | null;
	ofType?: TypeRef | null;
}

interface QueryField {
	name: string;
	args: Array<{ name: string; type: TypeRef }>;
	type: TypeRef;
}

const INTROSPECTION = `query n8nVendorCheckSchema {
  __schema { queryType { fields { name args { name type { ...Ref } } type { ...Ref } } } }
}
fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

/** The named type under NON_NULL wrappers, and whether it is a list. */
function unwrap(type: TypeRef | null | undefined): { name?: string; list: boolean } {
	let current = type;
	let list = false;
	while (current && (current.kind === 'NON_NULL' || current.kind === 'LIST')) {
		if (current.kind === 'LIST') list = true;
		current = current.ofType;
	}
	return { name: current?.name ?? undefined, list };
}

/** Record queries, list forms and argument types, from the schema's own description for this API version. */
async function checkSchema(run: RunContext, ask: Ask): Promise<void> {
	const { session, findings, record } = run;
	const answer = await ask(INTROSPECTION, {}, 'the schema’s description of its queries (introspection)');
	const fields = isRecord(answer.body) && isRecord(answer.body.data) && isRecord(answer.body.data.__schema) && isRecord(answer.body.data.__schema.queryType)
		? (answer.body.data.__schema.queryType.fields as QueryField[] | undefined)
		: undefined;
	if (!Array.isArray(fields)) {
		const seen = `introspection: ${statusOf(answer)} (${vendorWords(record, answer)})`;
		for (const fact of ['single-record-queries', 'collections-list-shape', 'datetime-argument-types']) findings.cannotTell(fact, 'api', seen, HEALTHIE_FACTS[fact].otherwise);
		return;
	}
	const byName = new Map(fields.map((field) => [field.name, field]));
	const version = apiVersionOf(session.credentials);
	const versionLabel = version ?? 'no version header (the baseline)';

	const wanted = [...new Set([...HEALTHIE_RECORD_QUERIES.values()].map((query) => query.field))];
	const missing = wanted.filter((name) => !byName.has(name));
	const course = byName.get('courseMembership');
	const extra = ['diagnosis', 'allergySensitivity', 'courseMembership'].map((name) => `${name}: ${byName.has(name) ? `yes${name === 'courseMembership' && course ? ` (arguments ${course.args.map((arg) => arg.name).join(', ')})` : ''}` : 'no'}`);
	const recordSeen = `${wanted.length - missing.length} of the ${wanted.length} record queries exist${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}; other single-record queries: ${extra.join(', ')}`;
	if (missing.length === 0) findings.holds('single-record-queries', 'api', recordSeen);
	else findings.differs('single-record-queries', 'api', recordSeen, 'Include Full Record fails for those types (recordError): nodes/Healthie/records.ts must change');

	const specs: CollectionSpec[] = [PATIENTS, PROVIDERS, APPOINTMENTS, APPOINTMENT_TYPES, FORM_ANSWER_GROUPS];
	const forms = specs.map((spec) => {
		const type = unwrap(byName.get(spec.field)?.type);
		const actual = !byName.has(spec.field) ? 'missing' : type.list ? 'list' : /Connection$/.test(type.name ?? '') ? 'connection' : `${type.name}`;
		return { spec, actual, expected: collectionForms(version, spec) };
	});
	const formsSeen = `for ${versionLabel}: ${forms.map(({ spec, actual }) => `${spec.field} ${actual}`).join(', ')}`;
	const wrong = forms.filter(({ actual, expected }) => actual !== expected[0]);
	if (wrong.length === 0) findings.holds('collections-list-shape', 'api', formsSeen);
	else {
		const fallsBack = wrong.every(({ actual, expected }) => expected.includes(actual as 'list' | 'connection'));
		findings.differs('collections-list-shape', 'api', formsSeen, fallsBack ? `the nodes try the other form after Healthie refuses the first (one extra request) for ${wrong.map(({ spec }) => spec.field).join(', ')}` : `Get Many and From List fail for ${wrong.map(({ spec }) => spec.field).join(', ')}: collections.ts’ listUntil must change`);
	}

	const argumentTypes: Array<[CollectionSpec, string]> = [
		[APPOINTMENTS, 'startDate'],
		[APPOINTMENTS, 'endDate'],
		[FORM_ANSWER_GROUPS, 'user_id'],
	];
	const typed = argumentTypes.map(([spec, name]) => {
		const declared = spec.arguments[name].type;
		const expected = typeof declared === 'function' ? declared(version) : declared;
		const actual = unwrap(byName.get(spec.field)?.args.find((arg) => arg.name === name)?.type).name ?? 'missing';
		return { label: `${spec.field}(${name})`, expected, actual };
	});
	const typesSeen = `for ${versionLabel}: ${typed.map(({ label, actual }) => `${label} ${actual}`).join(', ')}`;
	const mismatched = typed.filter(({ expected, actual }) => expected !== actual);
	if (mismatched.length === 0) findings.holds('datetime-argument-types', 'api', typesSeen);
	else findings.differs('datetime-argument-types', 'api', typesSeen, `Healthie refuses the node’s documents when these filters are used: ${mismatched.map(({ label, expected }) => `${label} is sent as ${expected}`).join('; ')} (nodes/Healthie/collections.ts)`);
}

/** Which form of the webhooks query Healthie accepts for this version, against the one the nodes try first; and the nodes' own list. */
async function checkWebhooksListShape(run: RunContext, ask: Ask): Promise<void> {
	const { session, findings, record } = run;
	const shape = apiShapeFor(apiVersionOf(session.credentials));
	const connection = await ask('query n8nVendorCheckWebhooks { webhooks(first: 1) { nodes { id } } }', {}, 'the webhooks query as a connection');
	const list = await ask('query n8nVendorCheckWebhooks { webhooks(offset: 0, page_size: 1) { id } }', {}, 'the webhooks query as a list');
	const accepted = (answer: RawAnswer) => ok(answer.status) && isRecord(answer.body) && !Array.isArray(answer.body.errors) && isRecord(answer.body.data);
	let nodes = 'the nodes’ own list: ';
	try {
		nodes += `${(await healthieSubscriptions(session.context).list()).length} webhooks`;
	} catch (error) {
		nodes += `failed (${clean(record, (error as Error).message)})`;
	}
	const forms = [accepted(connection) ? 'connection' : undefined, accepted(list) ? 'list' : undefined].filter(Boolean) as Array<'connection' | 'list'>;
	const seen = `for ${shape.version ?? 'the baseline'}: ${forms.length > 0 ? `Healthie accepts the ${forms.join(' and the ')} form` : `neither form (${vendorWords(record, connection)})`}; the nodes try ${shape.webhookLists.join(', then ')}; ${nodes}`;
	if (forms.length === 0) findings.cannotTell('webhooks-list-shape', 'api', seen, 'the webhooks query was refused in both forms: does the key’s user have the developer permission?');
	else if (forms.includes(shape.webhookLists[0])) findings.holds('webhooks-list-shape', 'api', seen);
	else if (shape.webhookLists.some((form) => forms.includes(form))) findings.differs('webhooks-list-shape', 'api', seen, 'the nodes fall back to the other form after the first is refused (one extra request each time)');
	else findings.differs('webhooks-list-shape', 'api', seen, 'the trigger cannot list webhooks with this API version: apiShapeFor (nodes/Healthie/graphql.ts) must change');
}

async function checkWebhook(run: RunContext, ask: Ask): Promise<void> {
	const { session, findings, record } = run;
	const adapter = healthieSubscriptions(session.context);
	const url = run.targetUrl;
	let made: StoredSubscription;
	try {
		made = await adapter.create({ url, events: [EVENT], signingKey: '' });
	} catch (error) {
		const words = clean(record, (error as Error).message);
		for (const fact of ['signature-secret-readable', 'delete-unknown-webhook']) findings.cannotTell(fact, 'api', `createWebhook failed: ${words}`, 'the throwaway webhook was refused (see the words above); if it refuses the address itself, give it a real one with --receiver-url');
		return;
	}
	record.placeholder('webhook', made.id);
	record.addSecret(made.secret);
	try {
		await checkSecretReadable(run, ask, made);
		if (run.receiver) await checkDelivery(run, made);
		try {
			await adapter.remove({ id: made.id, url, events: made.events });
		} catch (error) {
			findings.cannotTell('delete-unknown-webhook', 'api', `deleting the webhook failed: ${clean(record, (error as Error).message)}`, 'the webhook could not be deleted a first time, so a second delete was not tried');
			return;
		}
		const again = await ask('mutation n8nVendorCheckDelete($id: ID) { deleteWebhook(input: { id: $id }) { webhook { id } messages { field message } } }', { id: made.id }, 'deleteWebhook for the webhook just deleted');
		const messages = isRecord(answerData(again)?.deleteWebhook) ? ((answerData(again)!.deleteWebhook as { messages?: unknown }).messages as unknown[] | undefined) : undefined;
		const words = Array.isArray(messages) && messages.length > 0 ? messages.map((entry) => (isRecord(entry) ? `${String(entry.field ?? '')}: ${String(entry.message ?? '')}` : '')).join('; ') : vendorWords(record, again);
		const seen = `HTTP ${statusOf(again)}; ${clean(record, words)}`;
		if (again.status === 404 || /not found|couldn't find|could not find/i.test(words)) findings.holds('delete-unknown-webhook', 'api', seen);
		else findings.differs('delete-unknown-webhook', 'api', seen, 'the nodes still count it as deleted once it is no longer listed (one more request)');
	} finally {
		await cleanUp(run, [{ id: made.id, events: made.events }], async (subscription) => await adapter.remove(subscription), async () =>
			(await adapter.list()).filter((remote) => sameUrl(remote.url, url) || remote.id === made.id),
		);
	}
}

function answerData(answer: RawAnswer): Record<string, unknown> | undefined {
	return isRecord(answer.body) && isRecord(answer.body.data) ? answer.body.data : undefined;
}

async function checkSecretReadable(run: RunContext, ask: Ask, made: StoredSubscription): Promise<void> {
	const { session, findings, record } = run;
	const shape = apiShapeFor(apiVersionOf(session.credentials));
	const form = shape.webhookLists[0];
	const answer = await ask(
		form === 'connection'
			? 'query n8nVendorCheckSecrets { webhooks(first: 100) { nodes { id signature_secret } } }'
			: 'query n8nVendorCheckSecrets { webhooks(offset: 0, page_size: 100) { id signature_secret } }',
		{},
		'the webhooks with signature_secret',
	);
	const data = answerData(answer)?.webhooks;
	const rows = (Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.nodes) ? data.nodes : []) as unknown[];
	const ours = rows.find((row) => isRecord(row) && String(row.id) === made.id) as Record<string, unknown> | undefined;
	if (!ok(answer.status) || Array.isArray((answer.body as { errors?: unknown })?.errors)) {
		findings.differs('signature-secret-readable', 'api', `asking for signature_secret in the list: ${vendorWords(record, answer)}`, 'not relied on: the trigger keeps the secret createWebhook returned');
	} else if (!ours) {
		findings.cannotTell('signature-secret-readable', 'api', 'the new webhook is not in the first 100 listed', 'the account has too many webhooks to find it on one page');
	} else if (made.secret && ours.signature_secret === made.secret) {
		findings.holds('signature-secret-readable', 'api', 'the list shows the same signature_secret createWebhook returned');
	} else {
		findings.differs('signature-secret-readable', 'api', `the list shows ${ours.signature_secret === null || ours.signature_secret === undefined ? 'no signature_secret (null)' : 'another (masked?) signature_secret'}${made.secret ? '' : '; createWebhook returned none'}`, 'not relied on: the trigger keeps the secret createWebhook returned');
	}
}

/** A test delivery to the receiver (answered 500 first, to see a retry), judged with the trigger's own verifier. */
async function checkDelivery(run: RunContext, made: StoredSubscription): Promise<void> {
	const { session, findings, record } = run;
	const receiver = run.receiver!;
	receiver.refuseFirst = true;
	try {
		const data = await healthieGraphql.call(session.context, {
			query: 'mutation n8nVendorCheckTest($id: ID!) { sendTestWebhook(input: { id: $id }) { sent messages { field message } } }',
			variables: { id: made.id },
		});
		if ((data.sendTestWebhook as { sent?: unknown } | undefined)?.sent === false) run.io.say('Healthie says it did not send the test delivery.');
	} catch (error) {
		run.io.say(`Healthie refused sendTestWebhook: ${clean(record, (error as Error).message)}`);
	}
	run.io.say(`Waiting up to ${seconds(run.waitMs)} for Healthie's test delivery (the first is answered 500, to see a retry).`);
	await run.io.waiting?.('healthie: test delivery asked');
	const deliveries = await receiver.waitFor((got) => got.length >= 2, run.waitMs);
	record.deliveries = deliveries.length;
	if (deliveries.length === 0) {
		for (const fact of ['content-digest-format', 'signature-input', 'signed-query', 'signed-content-length', 'resource-id-type', 'delivery-timeout-and-duplicates']) {
			findings.cannotTell(fact, 'delivery', `no delivery reached the receiver in ${seconds(run.waitMs)}`, 'check that the receiver URL forwards to --receiver-port');
		}
		return;
	}
	const [first, second] = deliveries;
	const path = new URL(run.targetUrl).pathname;
	const reading = signedStringReading(first, made.secret ?? '', path);
	judgeDigest(shapeOfDelivery(first.headers, first.rawBody, healthieCheck.signedHeaders), findings, 'delivery', reading);

	const input = String(lowerCased(first.headers)['signature-input'] ?? '');
	const components = [...input.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
	const inputSeen = input ? `Signature-Input lists ${components.map(codeToken).join(' ') || 'no components'}` : 'no Signature-Input header';
	const sameParts = components.length === SIGNED_COMPONENTS.length && SIGNED_COMPONENTS.every((part) => components.includes(part));
	if (sameParts && reading.verified) findings.holds('signature-input', 'delivery', inputSeen);
	else if (!sameParts) findings.differs('signature-input', 'delivery', inputSeen, reading.verified ? 'the trigger does not read it and verified the delivery all the same' : 'the trigger signs the six documented parts and refused this delivery: the signed string must follow these components');
	else findings.differs('signature-input', 'delivery', `${inputSeen}; ${reading.seen}`, 'the parts are as documented but their forms differ (see signed-query, signed-content-length, content-digest-format)');

	const byteLength = first.rawBody.length;
	const characters = characterLength(first.rawBody);
	if (reading.match?.query === '?') findings.differs('signed-query', 'delivery', reading.seen, 'the trigger signs an empty query and refuses these deliveries: nodes/Healthie/signature.ts must sign "?" for a URL without a query');
	else if (reading.verified) findings.holds('signed-query', 'delivery', 'the signed string’s query part is empty for the URL without a query');
	else findings.cannotTell('signed-query', 'delivery', reading.seen, 'no signed string the check tried matched');
	if (reading.match?.length === 'characters' && byteLength !== characters) findings.differs('signed-content-length', 'delivery', reading.seen, 'the trigger signs the byte length and refuses deliveries with non-ASCII text: nodes/Healthie/signature.ts must sign JSON.stringify(body).length');
	else if (byteLength === characters) findings.cannotTell('signed-content-length', 'delivery', `the test delivery’s body is ASCII (${byteLength} bytes, as many characters)`, 'bytes and characters agree for ASCII; a delivery about a record with a non-ASCII name (e.g. "Zoë") would tell, and the check creates no records');
	else if (reading.verified) findings.holds('signed-content-length', 'delivery', `the body has ${byteLength} bytes and ${characters} characters; the byte length was signed`);
	else findings.cannotTell('signed-content-length', 'delivery', reading.seen, 'no signed string the check tried matched');

	const body = parseJson(first.rawBody);
	const resourceId = isRecord(body) ? body.resource_id : undefined;
	const idSeen = `resource_id is a ${typeof resourceId} in the ${isRecord(body) ? codeToken(String(body.event_type)) : '?'} delivery`;
	if (typeof resourceId === 'string') findings.holds('resource-id-type', 'delivery', idSeen);
	else if (typeof resourceId === 'number') findings.differs('resource-id-type', 'delivery', idSeen, 'the trigger accepts numbers too and emits it as a string');
	else findings.differs('resource-id-type', 'delivery', idSeen, 'the trigger refuses deliveries without a string or number resource_id (400)');

	const idHeaders = Object.keys(first.headers).filter((name) => /id$|delivery|event/i.test(name) && !['content-digest', 'signature', 'signature-input'].includes(name.toLowerCase()));
	const idSeenHeaders = idHeaders.length > 0 ? `headers that may identify it: ${idHeaders.join(', ')}` : 'no header that identifies a delivery';
	if (!second) {
		findings.cannotTell('delivery-timeout-and-duplicates', 'delivery', `the first delivery was answered 500 and no other came in ${seconds(run.waitMs)}; ${idSeenHeaders}`, 'Healthie may retry later than the check waited (--wait)');
	} else {
		const same = first.rawBody.equals(second.rawBody) && String(lowerCased(first.headers)[SIGNATURE_HEADER]) === String(lowerCased(second.headers)[SIGNATURE_HEADER]);
		const seen = `after the 500, another delivery came ${seconds(second.at - first.at)} later ${same ? 'with the same body and signature' : 'with another body or signature'}; ${idSeenHeaders}`;
		if (same && idHeaders.length === 0) findings.holds('delivery-timeout-and-duplicates', 'delivery', seen);
		else if (same) findings.differs('delivery-timeout-and-duplicates', 'delivery', seen, 'a delivery id exists: the trigger could use it, but the body’s hash already drops the retry');
		else findings.cannotTell('delivery-timeout-and-duplicates', 'delivery', seen, 'the second delivery was not a copy of the first');
	}
}

interface SignedStringReading {
	verified: boolean;
	/** The variant of the signed string that matched, when the documented one did not. */
	match?: { digest: string; query: string; length: string; method: string; path: string };
	seen: string;
}

/**
 * Whether the trigger's own verifier accepts the delivery and, when it does not, which variant of
 * the signed string does: the digest as sent / without padding / the whole header, an empty query or
 * "?", the length in bytes or characters, the method's case, the path or the whole URL.
 */
function signedStringReading(delivery: CapturedDelivery, secret: string, path: string): SignedStringReading {
	const headers = lowerCased(delivery.headers);
	const verified = verifyHealthieDelivery({ rawBody: delivery.rawBody, headers, secrets: [secret], nowMs: delivery.at }, path).ok;
	if (verified) return { verified, seen: 'the trigger’s verifier accepted the delivery' };
	const header = String(headers[CONTENT_DIGEST_HEADER] ?? '');
	const signature = afterFirstEquals(String(headers[SIGNATURE_HEADER] ?? ''));
	const digests: Array<[string, string]> = [
		['as sent after the first "="', afterFirstEquals(header)],
		['without its "=" padding (split("=")[1], as Healthie’s sample code)', header.split('=')[1] ?? ''],
		['the whole header', header],
	];
	const lengths: Array<[string, number]> = [
		['bytes', delivery.rawBody.length],
		['characters', characterLength(delivery.rawBody)],
	];
	for (const [digestLabel, digest] of digests) {
		for (const query of ['', '?']) {
			for (const [lengthLabel, length] of lengths) {
				for (const method of ['post', 'POST']) {
					for (const [pathLabel, signedPath] of [
						['path', path],
						['url', delivery.path],
					]) {
						const text = healthieStringToSign({ path: signedPath, query, digest, contentLength: length }).replace(/^post /, `${method} `);
						if (digestMatches(signature, hmacSha256(secret, text), ['hex'])) {
							const match = { digest: digestLabel, query, length: lengthLabel, method, path: pathLabel };
							return { verified, match, seen: `the HMAC matched with the digest ${digestLabel}, query "${query}", the length in ${lengthLabel}, method ${method}, the ${pathLabel === 'path' ? 'registered path' : 'path as received'}` };
						}
					}
				}
			}
		}
	}
	return { verified, seen: 'no signed string the check tried matched (digest as sent, without padding or the whole header; query "" or "?"; length in bytes or characters; post or POST)' };
}

function characterLength(raw: Buffer): number {
	const body = parseJson(raw);
	return body === undefined ? raw.toString('utf8').length : JSON.stringify(body).length;
}

function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

/** The Content-Digest's label and encoding, and (from a delivery) which digest form the signed string holds. */
function judgeDigest(shape: DeliveryShape, findings: Findings, by: CheckedBy, reading?: SignedStringReading): void {
	const [value] = valueFields(shape.headers.get(CONTENT_DIGEST_HEADER));
	const [signature] = valueFields(shape.headers.get(SIGNATURE_HEADER));
	if (!value) {
		findings.cannotTell('content-digest-format', by, 'Content-Digest: absent', 'the delivery carried no Content-Digest');
		return;
	}
	const encoding = digestEncoding(value);
	const seen = `Content-Digest: ${describeValue(value)}${signature ? `; Signature: ${describeValue(signature)}` : ''}${reading ? `; ${reading.seen}` : ''}`;
	const asAssumed = value.prefix === 'sha-256' && encoding === 'base64' && value.length === 44;
	if (reading && !reading.verified && reading.match && reading.match.digest !== 'as sent after the first "="') {
		findings.differs('content-digest-format', by, seen, 'the trigger signs the digest as sent and refuses these deliveries: nodes/Healthie/signature.ts must sign this form');
	} else if (reading && !reading.verified && !reading.match) {
		findings.differs('content-digest-format', by, seen, 'the trigger refuses these deliveries and no variant the check knows matched: send this report to the maintainers');
	} else if (asAssumed) {
		if (by === 'diagnostics' && shape.reason === 'signature does not match') findings.cannotTell('content-digest-format', by, seen, 'the digest is as assumed, yet the signature did not match: the signed string differs (path, query, length); run with --receiver-url to tell which');
		else findings.holds('content-digest-format', by, seen);
	} else if (encoding) {
		findings.differs('content-digest-format', by, seen, `the trigger reads this form too (${value.prefix ?? 'no'} label, ${encoding})${refusedAnyway(shape)}`);
	} else {
		findings.differs('content-digest-format', by, seen, 'the trigger cannot compare this digest with the body and refuses these deliveries: nodes/Healthie/signature.ts must read it');
	}
}
