import { HearLinkApi } from '../../credentials/HearLinkApi.credentials';
import { HEARLINK_KEY_REFUSED_CODES, HEARLINK_NOT_PERMITTED_CODES, HEARLINK_PROBE_PATH } from '../../nodes/HearLink/credentialTest';
import { hearLinkEnvelope } from '../../nodes/HearLink/envelope';
import { HEARLINK_ENVIRONMENTS } from '../../nodes/HearLink/environments';
import { HearLinkTrigger } from '../../nodes/HearLink/HearLinkTrigger.node';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyHearLinkDelivery } from '../../nodes/HearLink/signature';
import { hearLinkApi } from '../../nodes/HearLink/transport';
import { CUSTOM_ENVIRONMENT } from '../../nodes/shared/environment';
import { digestMatches, hmacSha256, parseKeyValueHeader } from '../../nodes/shared/signature';
import { testCredentialAsN8nDoes } from '../../test/support/credentialTest';
import type { RunContext, VendorCheck } from './common';
import { answerKind, clean, codeToken, errorCode, fieldNames, isRecord, lowerCased, needsDelivery, refusedAnyway, seconds } from './common';
import type { CheckedBy, FactCatalogue, Findings } from './findings';
import type { CapturedDelivery } from './receiver';
import type { DeliveryShape } from './shapes';
import { describeTime, shapeOfDelivery, timeOf, valueFields } from './shapes';
import type { RawAnswer } from './session';

/**
 * HearLink's inferred facts (docs/vendors/hearlink.md#inferred-facts-open-questions). HearLink has
 * no webhook API, so the check creates nothing: it asks the credential's own probe (with the key and
 * with a made-up one), records that cannot exist, and, with a receiver, judges the delivery the
 * portal's Test button sends to a webhook the admin points at the receiver.
 */

/** The read paths of the action node (nodes/HearLink/actions/*\/get.ts). */
const READ_PATHS = { patient: '/patients', appointment: '/appointments', invoice: '/invoices' };
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const EVENT_HEADER = 'x-hearlink-event';
const DELIVERY_HOW =
	'in HearLink’s portal (Organisation Settings → Webhooks) create a webhook for the receiver URL, set HEARLINK_WEBHOOK_SIGNING_SECRET to the secret it shows, and press its Test button while the check waits';

export const HEARLINK_FACTS: FactCatalogue = {
	'production-base-url': {
		assumed: `${HEARLINK_ENVIRONMENTS.production.url} is HearLink’s production API`,
		checkedBy: ['api'],
		otherwise: 'HearLink could not be asked',
	},
	'credential-test-answer': {
		assumed: `the probe (GET ${HEARLINK_PROBE_PATH}) answers 404 with HearLink’s error body to a working key, and the credential’s Test says "Connection successful"`,
		checkedBy: ['api'],
		otherwise: 'HearLink could not be asked',
	},
	'key-refusal-codes': {
		assumed: 'a refused key gets 401 with error.code UNAUTHORIZED, one of the codes the credential refuses',
		checkedBy: ['api'],
		otherwise: 'HearLink could not be asked',
	},
	'organisation-time-zone': {
		assumed: 'a UK organisation reads appointment times as UK time',
		checkedBy: [],
		otherwise: 'only booking an appointment would show it, and the check creates no records',
	},
	'appointment-and-invoice-endpoints': {
		assumed: 'GET /patients/{id}, /appointments/{id} and /invoices/{id} exist',
		checkedBy: ['api'],
		otherwise: 'HearLink could not be asked',
	},
	'timestamp-tolerance': {
		assumed: 't may be 300 s off the receiver’s clock (the Signature Window)',
		checkedBy: [],
		otherwise: 'the tolerance is the receiver’s choice and no answer or delivery of HearLink’s shows the one it intends: ask HearLink',
	},
	'timestamp-unit': {
		assumed: 't is in whole Unix seconds',
		checkedBy: ['delivery', 'diagnostics'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'secret-rotation': {
		assumed: 'during a rotation a delivery carries a v1 for each secret',
		checkedBy: ['delivery'],
		otherwise: 'only a delivery sent while a secret is being rotated would show it',
	},
	'test-event-signed': {
		assumed: 'the portal’s Test delivery (webhook.test) is signed like every delivery',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'retry-schedule': {
		assumed: 'a delivery answered 500 is retried, with the same envelope id and a new t',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(`${DELIVERY_HOW}; the receiver answers the first delivery 500 to see a retry`),
	},
	'delivery-id-per-attempt': {
		assumed: 'X-HearLink-Delivery is new for each attempt',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(`${DELIVERY_HOW}; the receiver answers the first delivery 500 to see a retry`),
	},
	'event-type-source': {
		assumed: 'the body’s type names the event (X-HearLink-Event, when sent, agrees)',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'deleted-event-payload': {
		assumed: 'a *.deleted event’s data is passed on whatever its shape',
		checkedBy: ['delivery'],
		otherwise: 'only a *.deleted event would show it, and the check deletes no records',
	},
	'uid-format': {
		assumed: 'ids are opaque text (the envelope id a non-empty string)',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'create-status': {
		assumed: 'a create answers 2xx (200 in the spec copy)',
		checkedBy: [],
		otherwise: 'only creating a patient or an appointment would show it, and the check creates no records',
	},
	'rate-limits': {
		assumed: 'a 429 comes with Retry-After',
		checkedBy: ['api'],
		otherwise: 'the check sends a handful of requests and was not limited; provoking a 429 would take a burst it does not send',
	},
	'api-key-permissions': {
		assumed: 'a key without a permission gets 403',
		checkedBy: [],
		otherwise: 'needs a second key without the permission; the check uses one key',
	},
	'name-matching': {
		assumed: 'HearLink matches referral, clinic and status names as it likes (the sandbox: case-insensitively)',
		checkedBy: [],
		otherwise: 'only creating a patient would show it, and the check creates no records',
	},
	'money-units': {
		assumed: 'money fields are passed on as sent',
		checkedBy: [],
		otherwise: 'only reading a real invoice would show it, and the check reads no patient records',
	},
};

export const hearLinkCheck: VendorCheck = {
	slug: 'hearLink',
	docsPage: 'hearlink',
	binding: { name: 'HearLink', credentialType: new HearLinkApi(), trigger: new HearLinkTrigger(), api: hearLinkApi },
	environments: HEARLINK_ENVIRONMENTS,
	defaultEnvironment: 'production',
	catalogue: HEARLINK_FACTS,
	inputs: [
		{ field: 'apiKey', env: 'HEARLINK_API_KEY', label: 'HearLink API key', required: true },
		{ field: 'webhookSigningSecret', env: 'HEARLINK_WEBHOOK_SIGNING_SECRET', label: 'HearLink webhook signing secret', required: false },
	],
	creates: () => [],
	signedHeaders: { signature: [SIGNATURE_HEADER] },
	run: runHearLink,
	judgeDiagnostics: (shape, findings) => judgeShape(shape, findings, 'diagnostics'),
};

async function runHearLink(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const probe = await session.raw({ method: 'GET', path: HEARLINK_PROBE_PATH, purpose: 'the credential’s probe' });
	if (probe.status === 0) {
		findings.cannotTell('credential-test-answer', 'api', `the probe: no answer (${probe.error ?? ''})`, 'HearLink could not be reached: check the environment or --base-url, and the network');
		run.io.say(`HearLink could not be reached (${probe.error ?? ''}).`);
		if (session.credentials.environment !== CUSTOM_ENVIRONMENT) {
			findings.cannotTell('production-base-url', 'api', `${HEARLINK_ENVIRONMENTS.production.url}: no answer (${probe.error ?? ''})`, 'either the address is wrong or this machine cannot reach it: try it with curl');
		}
		return;
	}

	const testButton = await testCredentialAsN8nDoes(hearLinkCheck.binding.credentialType, session.credentials);
	record.calls.push({ method: 'GET', path: HEARLINK_PROBE_PATH, status: probe.status || 'no answer', purpose: 'the credential’s Test, as n8n runs it' });
	const madeUp = session.with({ apiKey: `n8n-vendor-check-made-up-${run.runId}` });
	const refused = await madeUp.raw({ method: 'GET', path: HEARLINK_PROBE_PATH, purpose: 'the probe with a made-up key' });
	const refusedButton = await testCredentialAsN8nDoes(hearLinkCheck.binding.credentialType, madeUp.credentials);

	const hearLinkBody = (answer: RawAnswer) => isRecord(answer.body) && answer.body.success === false && errorCode(answer.body) !== undefined;
	const described = (answer: RawAnswer) => (answer.status === 0 ? `no answer (${answer.error ?? ''})` : `${answer.status} ${errorCode(answer.body) ?? (hearLinkBody(answer) ? '' : 'without HearLink’s error body')}`.trim());

	// The probe with the key.
	const probeSeen = `the probe with the key: ${described(probe)}; the credential’s Test: ${testButton.status} "${clean(record, testButton.message)}"`;
	if (probe.status === 0) findings.cannotTell('credential-test-answer', 'api', probeSeen, `HearLink could not be reached: ${probe.error ?? ''}`);
	else if (probe.status === 404 && hearLinkBody(probe) && testButton.status === 'OK') findings.holds('credential-test-answer', 'api', probeSeen);
	else if (testButton.status === 'OK') findings.differs('credential-test-answer', 'api', probeSeen, 'the Test button still says "Connection successful" for this key');
	else findings.differs('credential-test-answer', 'api', probeSeen, 'the Test button fails for this key: if the key works for the actions, the probe must change (nodes/HearLink/credentialTest.ts)');

	// A made-up key.
	const code = errorCode(refused.body);
	const refusedSeen = `the probe with a made-up key: ${described(refused)}; the credential’s Test: ${refusedButton.status} "${clean(record, refusedButton.message)}"`;
	if (refused.status === 0) findings.cannotTell('key-refusal-codes', 'api', refusedSeen, 'HearLink could not be reached');
	else if (refused.status === 401 && code === 'UNAUTHORIZED') findings.holds('key-refusal-codes', 'api', refusedSeen);
	else if (code && HEARLINK_KEY_REFUSED_CODES.includes(code)) findings.differs('key-refusal-codes', 'api', refusedSeen, `${code} is one of the codes the credential refuses: the Test button says the key was refused`);
	else if (code && HEARLINK_NOT_PERMITTED_CODES.includes(code)) findings.differs('key-refusal-codes', 'api', refusedSeen, 'the Test button says the key lacks a permission, not that it was refused');
	else {
		findings.differs(
			'key-refusal-codes',
			'api',
			refusedSeen,
			`${code ? `${code} is not among the codes the credential refuses` : 'no error.code'}: n8n 2.41.1 still fails the Test by its status${refused.status === 401 || refused.status === 403 ? '' : ' (not here: the status is neither 401 nor 403)'}, an n8n that hands every answer to the rules would say "Connection successful"; add it to HEARLINK_KEY_REFUSED_CODES (nodes/HearLink/credentialTest.ts)`,
		);
	}

	// The production root.
	if (session.credentials.environment === CUSTOM_ENVIRONMENT) {
		findings.cannotTell('production-base-url', 'api', `the check called ${record.scrub(session.baseUrl)} (Custom)`, `run it with --environment production to ask ${HEARLINK_ENVIRONMENTS.production.url}`);
	} else if (hearLinkBody(probe) || hearLinkBody(refused)) {
		findings.holds('production-base-url', 'api', `${HEARLINK_ENVIRONMENTS.production.url} answers with HearLink’s error body (${described(probe)})`);
	} else {
		findings.differs('production-base-url', 'api', `${HEARLINK_ENVIRONMENTS.production.url}: ${described(probe)}`, 'that address does not answer as HearLink’s API: ask HearLink for its API root and use Custom');
	}

	// The read paths, each against a path HearLink cannot have.
	const madeUpPath = `/n8n-vendor-check-no-such-path/${NIL_UUID}`;
	const nowhere = await session.raw({ method: 'GET', path: madeUpPath, purpose: 'a path HearLink cannot have' });
	const kinds = await Promise.all(
		Object.entries(READ_PATHS).map(async ([noun, path]) => {
			const full = `${path}/${NIL_UUID}`;
			const answer = await session.raw({ method: 'GET', path: full, purpose: `a ${noun} that cannot exist` });
			return { noun, kind: answerKind(answer, full), answer };
		}),
	);
	const nowhereKind = answerKind(nowhere, madeUpPath);
	const pathsSeen = `${kinds.map(({ noun, kind }) => `${noun}: "${kind}"`).join('; ')}; a made-up path: "${nowhereKind}"`;
	const missing = kinds.filter(({ kind }) => kind === nowhereKind);
	if (kinds.some(({ answer }) => answer.status === 0) || kinds.every(({ answer }) => answer.status === 401)) findings.cannotTell('appointment-and-invoice-endpoints', 'api', pathsSeen, 'HearLink did not answer these with the key');
	else if (missing.length === 0) findings.holds('appointment-and-invoice-endpoints', 'api', pathsSeen);
	else if (missing.length === kinds.length) findings.cannotTell('appointment-and-invoice-endpoints', 'api', pathsSeen, 'HearLink answers a made-up path as it answers a missing record');
	else findings.differs('appointment-and-invoice-endpoints', 'api', pathsSeen, `${missing.map(({ noun }) => noun).join(', ')} → Get answers like a path HearLink does not have: the action fails with 404 for every ID`);

	if (run.receiver) await checkDelivery(run);
}

/** The portal's Test delivery (or any event) to the receiver, answered 500 first to see a retry. */
async function checkDelivery(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const receiver = run.receiver!;
	receiver.refuseFirst = true;
	run.io.say(`Waiting up to ${seconds(run.waitMs)} for a HearLink delivery: ${DELIVERY_HOW}. The first delivery is answered 500, to see a retry.`);
	await run.io.waiting?.('hearLink: press the portal’s Test button');
	const deliveries = await receiver.waitFor((got) => got.length >= 2, run.waitMs);
	record.deliveries = deliveries.length;
	if (deliveries.length === 0) {
		for (const fact of ['timestamp-unit', 'test-event-signed', 'event-type-source', 'uid-format', 'retry-schedule', 'delivery-id-per-attempt']) {
			findings.cannotTell(fact, 'delivery', `no delivery reached the receiver in ${seconds(run.waitMs)}`, `${DELIVERY_HOW} (--wait to wait longer)`);
		}
		return;
	}
	const [first, second] = deliveries;
	const headers = lowerCased(first.headers);
	const body = parse(first.rawBody);
	const type = isRecord(body) && typeof body.type === 'string' ? codeToken(body.type) : '?';
	const secret = typeof session.credentials.webhookSigningSecret === 'string' ? session.credentials.webhookSigningSecret : undefined;
	const verified = secret ? verifyHearLinkDelivery({ rawBody: first.rawBody, headers, secrets: [secret], nowMs: first.at }, 300) : undefined;
	judgeShape(shapeOfDelivery(first.headers, first.rawBody, hearLinkCheck.signedHeaders), findings, 'delivery', verified?.ok);

	const signed = headers[SIGNATURE_HEADER] !== undefined;
	const other = verified && !verified.ok && secret ? otherReading(first, secret) : '';
	const signedSeen = `a ${type} delivery, ${signed ? `signed${verified ? (verified.ok ? ', and the trigger’s verifier accepts it with the secret given' : `, but the trigger’s verifier refuses it (${verified.reason})${other}`) : ''}` : 'unsigned'}`;
	if (!signed) findings.differs('test-event-signed', 'delivery', signedSeen, 'the trigger refuses unsigned deliveries (401): the portal’s Test never reaches the workflow');
	else if (!verified) findings.cannotTell('test-event-signed', 'delivery', signedSeen, 'set HEARLINK_WEBHOOK_SIGNING_SECRET to the webhook’s secret to verify it');
	else if (verified.ok && type === 'webhook.test') findings.holds('test-event-signed', 'delivery', signedSeen);
	else if (verified.ok) findings.cannotTell('test-event-signed', 'delivery', signedSeen, 'this was not the portal’s Test event; press Test to see that one');
	else if (other.includes('the v1 matched')) findings.differs('test-event-signed', 'delivery', signedSeen, 'the trigger refuses every delivery signed this way: nodes/HearLink/signature.ts must verify this reading');
	else findings.differs('test-event-signed', 'delivery', signedSeen, 'the trigger refuses it: is the secret the one the portal showed for this webhook? If so, send this report to the maintainers');

	const headerType = headers[EVENT_HEADER];
	const typeSeen = `the body’s type: ${type}; X-HearLink-Event: ${headerType === undefined ? 'absent' : headerType === type ? 'the same' : 'another value'}`;
	if (headerType === undefined || headerType === type) findings.holds('event-type-source', 'delivery', typeSeen);
	else findings.differs('event-type-source', 'delivery', typeSeen, 'the trigger goes by the body’s type, which is signed; the header is ignored');

	const id = isRecord(body) ? body.id : undefined;
	const form = (value: unknown) =>
		typeof value !== 'string' ? typeof value : /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? 'a UUID' : /^[a-z]+_[0-9a-z-]+$/i.test(value) ? `"${value.split('_')[0]}_…"` : `text of ${value.length} characters`;
	const dataUid = isRecord(body) && isRecord(body.data) ? body.data.uid ?? body.data.id : undefined;
	const idSeen = `the envelope id is ${form(id)}${dataUid === undefined ? '' : `; data’s id is ${form(dataUid)}`}; the envelope ${hearLinkEnvelope.is(body) ? 'is as the trigger reads it' : 'is not as the trigger reads it'}`;
	if (typeof id === 'string' && id.trim() !== '' && hearLinkEnvelope.is(body)) findings.holds('uid-format', 'delivery', idSeen);
	else findings.differs('uid-format', 'delivery', idSeen, 'the trigger refuses envelopes without a text id (400)');

	if (type.endsWith('.deleted') && isRecord(body)) {
		findings.holds('deleted-event-payload', 'delivery', `a ${type} with data fields ${fieldNames([body.data]).join(', ') || '(none)'}`);
	}

	judgeRetry(run, first, second);
}

/** When the trigger refuses a delivery signed with the secret given: which other reading of HearLink's scheme matches, if any. */
function otherReading(delivery: CapturedDelivery, secret: string): string {
	const fields = parseKeyValueHeader(String(lowerCased(delivery.headers)[SIGNATURE_HEADER] ?? ''));
	const t = fields.get('t')?.[0] ?? '';
	const signatures = fields.get('v1') ?? [];
	const readings: Array<[string, Buffer]> = [
		['base64 of HMAC-SHA256 over "{t}.{body}"', hmacSha256(secret, `${t}.`, delivery.rawBody)],
		['HMAC-SHA256 over the body alone', hmacSha256(secret, delivery.rawBody)],
		['HMAC-SHA256 over "{t}{body}" without the dot', hmacSha256(secret, t, delivery.rawBody)],
	];
	for (const [label, mac] of readings) {
		if (signatures.some((signature) => digestMatches(signature, mac, label.startsWith('base64') ? ['base64'] : ['hex', 'base64']))) return `; the v1 matched ${label}`;
	}
	return '; no other reading matched (base64, the body alone, "{t}{body}")';
}

function judgeRetry(run: RunContext, first: CapturedDelivery, second: CapturedDelivery | undefined): void {
	const { findings } = run;
	if (!second) {
		for (const fact of ['retry-schedule', 'delivery-id-per-attempt']) {
			findings.cannotTell(fact, 'delivery', `the first delivery was answered 500 and no other came in ${seconds(run.waitMs)}`, 'HearLink may not retry a Test press, or retry later than the check waited (--wait); a real event would show it');
		}
		return;
	}
	const [a, b] = [first, second].map((delivery) => ({ body: parse(delivery.rawBody), headers: lowerCased(delivery.headers) }));
	const idOf = (body: unknown) => (isRecord(body) ? body.id : undefined);
	const tOf = (headers: Record<string, string | string[] | undefined>) => parseKeyValueHeader(String(headers[SIGNATURE_HEADER] ?? '')).get('t')?.[0];
	const sameEvent = idOf(a.body) !== undefined && idOf(a.body) === idOf(b.body);
	const newT = tOf(a.headers) !== tOf(b.headers);
	// t counts seconds: a retry within the same second cannot show whether it is signed afresh.
	const sameSecond = Math.floor(first.at / 1000) === Math.floor(second.at / 1000);
	const retrySeen = `after the 500, another delivery came ${seconds(second.at - first.at)} later with ${sameEvent ? 'the same envelope id' : 'another envelope id'} and ${newT ? 'a new t' : sameSecond ? 'the same t (within the same second)' : 'the same t'}`;
	if (!sameEvent) findings.cannotTell('retry-schedule', 'delivery', retrySeen, 'the second delivery was another event, not a retry');
	else if (newT || sameSecond) findings.holds('retry-schedule', 'delivery', retrySeen);
	else findings.differs('retry-schedule', 'delivery', retrySeen, 'a retry keeps its t: the signature window may refuse late retries, and the envelope id still drops duplicates');

	const deliveryIds = [a.headers[DELIVERY_HEADER], b.headers[DELIVERY_HEADER]];
	const idSeen = `X-HearLink-Delivery: ${deliveryIds[0] === undefined ? 'absent' : deliveryIds[0] === deliveryIds[1] ? 'the same on both attempts' : 'new on the retry'}`;
	if (!sameEvent) findings.cannotTell('delivery-id-per-attempt', 'delivery', idSeen, 'the second delivery was another event, not a retry');
	else if (deliveryIds[0] !== undefined && deliveryIds[0] !== deliveryIds[1]) findings.holds('delivery-id-per-attempt', 'delivery', idSeen);
	else findings.differs('delivery-id-per-attempt', 'delivery', idSeen, 'not relied on: the trigger drops duplicates by the envelope id, and outputs the header as deliveryId');
}

/** `t`'s unit and the number of `v1`, from a captured delivery or a diagnostics line. */
function judgeShape(shape: DeliveryShape, findings: Findings, by: CheckedBy, verified?: boolean): void {
	const header = shape.headers.get(SIGNATURE_HEADER);
	const time = timeOf(header);
	const signatures = valueFields(header);
	if (!time) findings.cannotTell('timestamp-unit', by, `X-HearLink-Signature: ${header?.kind ?? 'absent'}, no t=`, 'the delivery carried no t');
	else {
		const seen = `t: ${describeTime(time)}`;
		if (time.kind === 'seconds' && time.digits === 10) findings.holds('timestamp-unit', by, seen);
		else if (time.kind === 'milliseconds') findings.differs('timestamp-unit', by, seen, `the trigger reads milliseconds too, and signs t as sent${refusedAnyway(shape)}`);
		else findings.differs('timestamp-unit', by, seen, 'the trigger cannot read this t and refuses these deliveries: nodes/HearLink/signature.ts must read it');
	}
	const v1 = signatures.filter((value) => value.prefix === 'v1');
	const rotationSeen = `${v1.length} v1 value${v1.length === 1 ? '' : 's'} (${signatures.map((value) => `${value.length} chars ${value.alphabet}`).join(', ') || 'none'})`;
	if (v1.length >= 2) findings.holds('secret-rotation', by, `${rotationSeen}${verified === true ? '; one of them verified' : ''}`);
	else findings.cannotTell('secret-rotation', by, rotationSeen, 'one v1: no rotation was in progress; rotate the secret in the portal (keeping the old one) and send again to see two');
}

function parse(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}
