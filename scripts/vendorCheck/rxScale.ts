import { createHmac } from 'node:crypto';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { rxScaleEnvelope } from '../../nodes/RxScale/envelope';
import { MANAGEMENT_API_PREFIX, RXSCALE_ENVIRONMENTS, RXSCALE_PATHS } from '../../nodes/RxScale/environments';
import { RXSCALE_EVENT_OPTIONS } from '../../nodes/RxScale/events';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import { SIGNATURE_HEADER, TEST_DELIVERY_HEADER, verifyRxScaleDelivery } from '../../nodes/RxScale/signature';
import type { RxScaleSubscription } from '../../nodes/RxScale/subscriptions';
import { listRxScaleSubscriptions, PAYLOAD_VERSION, registerRxScaleSubscription, removeRxScaleSubscription } from '../../nodes/RxScale/subscriptions';
import { describeRxScaleError, RXSCALE_PERMISSIONS, rxScaleApi, rxScaleRequest } from '../../nodes/RxScale/transport';
import { digestMatches } from '../../nodes/shared/signature';
import { sameUrl } from '../../nodes/shared/subscriptions';
import type { RunContext, VendorCheck } from './common';
import { clean, cleanUp, codeToken, fieldNames, isRecord, lowerCased, needsDelivery, ok, refusedAnyway, seconds, vendorWords } from './common';
import type { CheckedBy, FactCatalogue, Findings } from './findings';
import type { CapturedDelivery } from './receiver';
import type { DeliveryShape } from './shapes';
import { describeValue, shapeOfDelivery, valueFields } from './shapes';
import type { RawAnswer } from './session';

/**
 * RxScale's inferred facts (docs/vendors/rxscale.md#inferred-facts-open-questions), asked of the
 * Management API with the nodes' own subscription functions, transport, envelope and verifier.
 * RxScale documents a test-delivery endpoint, so with a receiver the check needs no real event.
 */

const EVENTS = RXSCALE_EVENT_OPTIONS.map((option) => String(option.value));
const CUSTOM_HEADER = 'X-N8n-Vendor-Check';
const NEEDS_THROWAWAY = 'needs throwaway subscriptions: run again and allow them (or pass --yes)';
const DELIVERY_HOW = 'allow the throwaway subscriptions (the check then asks RxScale for test deliveries)';

export const RXSCALE_FACTS: FactCatalogue = {
	'register-returns-secret': {
		assumed: 'register answers 201 with the subscription’s own signing_secret',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'list-carries-secrets': {
		assumed: 'list items carry no signing_secret',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'remove-parameters': {
		assumed: 'remove takes target and notification_type, in the query or in a JSON body (the nodes send both), and the removed subscription leaves the list',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'test-delivery-signed': {
		assumed: 'a test delivery is signed with the secret of the target’s subscription for that event',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'meta-data-and-custom-header': {
		assumed: 'a test delivery carries the header named by header_key / header_value (what meta_data does is not checked: it needs a real event)',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'signature-prefix-and-key': {
		assumed: 'X-Webhook-Signature is lower-case hex without a prefix, keyed with the whole whsec_… secret',
		checkedBy: ['delivery', 'diagnostics'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'other-payloads': {
		assumed: 'every event type arrives in the envelope { event_type, timestamp, payload_version, data } with an object data',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'identity-without-uid': {
		assumed: 'the data of every event type carries a uid',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'appointment-reminder-subscribable': {
		assumed: 'appointment_reminder_due can be registered through the Management API',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'retry-schedule': {
		assumed: 'a failed delivery is retried with backoff, keeping its timestamp',
		checkedBy: [],
		otherwise: 'test deliveries are sent once; only a real event to a failing address would show retries, and the check causes no events',
	},
	'duplicate-registration': {
		assumed: 'a second registration of the same target and type answers 409; another target may register the same type',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'payload-versions': {
		assumed: `payload_version "${PAYLOAD_VERSION}" is accepted and delivered`,
		checkedBy: ['api', 'delivery'],
		otherwise: NEEDS_THROWAWAY,
	},
	'subscriptions-trailing-slash': {
		assumed: `${RXSCALE_PATHS.subscriptions} (with the slash) answers without a redirect`,
		checkedBy: ['api'],
		otherwise: 'the subscription list could not be read',
	},
	'validation-error-shape': {
		assumed: 'a refused registration names each field and its problem, and the nodes show them as "field: problem"',
		checkedBy: ['api'],
		otherwise: NEEDS_THROWAWAY,
	},
	'rate-limits': {
		assumed: 'a 429 comes with Retry-After',
		checkedBy: ['api'],
		otherwise: 'the check sends a few dozen requests and was not limited; provoking a 429 would take a burst it does not send',
	},
	'order-search-matching': {
		assumed: 'search matches case-insensitively, by part of a name',
		checkedBy: [],
		otherwise: 'only searching for a patient’s name would show it, and the check sends no patient data',
	},
	'patient-email-matching': {
		assumed: 'the email search ignores case',
		checkedBy: [],
		otherwise: 'only searching for a patient’s email would show it, and the check sends no patient data',
	},
	'appointment-default-filter': {
		assumed: 'without status, RxScale lists only active appointments (the sandbox: held and confirmed)',
		checkedBy: ['api'],
		otherwise: 'needs appointments with other statuses to compare (or the key lacks scheduling:read)',
	},
	'appointment-time-fields': {
		assumed: 'an appointment’s times are start_time / end_time in Unix seconds',
		checkedBy: ['api'],
		otherwise: 'needs at least one appointment (or the key lacks scheduling:read)',
	},
	'get-by-id-meetings-skus': {
		assumed: 'there is no get-by-id for meetings or pharmacy SKUs',
		checkedBy: ['api'],
		otherwise: 'the Management API’s Swagger description could not be read (tried …/apispec_1.json and …/apidocs)',
	},
};

export const rxScaleCheck: VendorCheck = {
	slug: 'rxScale',
	docsPage: 'rxscale',
	binding: { name: 'RxScale', credentialType: new RxScaleApi(), trigger: new RxScaleTrigger(), api: rxScaleApi },
	environments: RXSCALE_ENVIRONMENTS,
	defaultEnvironment: 'development',
	catalogue: RXSCALE_FACTS,
	inputs: [
		{ field: 'apiKey', env: 'RXSCALE_API_KEY', label: 'RxScale API key', required: true },
		{ field: 'webhookSigningSecret', env: 'RXSCALE_WEBHOOK_SIGNING_SECRET', label: 'RxScale organisation signing secret', required: false },
	],
	creates: ({ receiver }) => [
		`${EVENTS.length} notification subscriptions (one per event type) to ${receiver ? 'the receiver URL' : 'an https address that cannot exist'}, removed at the end${receiver ? ', and a test delivery for each to the receiver' : ''}`,
		'a second registration of one of them, and one at a second address that cannot exist (to see what RxScale calls a duplicate), removed at once; and one registered again after its removal (to see whether removal blocks it), removed at once',
		'a registration without a notification type (to read RxScale’s validation error; removed at once if RxScale accepts it)',
	],
	signedHeaders: { signature: [SIGNATURE_HEADER] },
	run: runRxScale,
	judgeDiagnostics: (shape, findings) => judgeShape(shape, findings, 'diagnostics'),
};

async function runRxScale(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const withSlash = await session.raw({ method: 'GET', path: RXSCALE_PATHS.subscriptions, purpose: 'the subscription list, with the trailing slash' });
	const withoutSlash = await session.raw({ method: 'GET', path: RXSCALE_PATHS.subscriptions.replace(/\/$/, ''), purpose: 'the subscription list, without the trailing slash' });
	const slashSeen = `with the slash: ${statusOf(withSlash)}; without: ${statusOf(withoutSlash)}${redirectOf(withoutSlash, record)}`;
	if (withSlash.status === 401 || withSlash.status === 0) {
		const why = withSlash.status === 0 ? `RxScale could not be reached (${vendorWords(record, withSlash)}): check the environment or --base-url, and the network` : `RxScale refused the key (${vendorWords(record, withSlash)}); the other checks need a working key`;
		findings.cannotTell('subscriptions-trailing-slash', 'api', slashSeen, why);
		run.io.say(`${why}.`);
		return;
	}
	if (ok(withSlash.status)) findings.holds('subscriptions-trailing-slash', 'api', slashSeen);
	else if (withSlash.status >= 300 && withSlash.status < 400) findings.differs('subscriptions-trailing-slash', 'api', slashSeen, 'RxScale redirects the form the nodes use: list and register still work where the redirect is followed, remove may not; use the other form in nodes/RxScale/environments.ts');
	else findings.cannotTell('subscriptions-trailing-slash', 'api', `${slashSeen}: ${vendorWords(record, withSlash)}`, 'the list was refused for another reason (permission notification_subscription:read?)');

	await checkAppointments(run);
	await checkApiDescription(run);

	if (run.mayCreate) await checkSubscriptions(run);
}

function statusOf(answer: RawAnswer): string {
	return answer.status === 0 ? 'no answer' : String(answer.status);
}

function redirectOf(answer: RawAnswer, record: RunContext['record']): string {
	const location = answer.headers.location;
	if (answer.status < 300 || answer.status >= 400 || !location) return '';
	try {
		return ` to ${record.scrub(new URL(String(location), 'https://x.invalid').pathname)}`;
	} catch {
		return '';
	}
}

/** The appointment list without a status and with every status: which statuses the default shows, and the time fields. */
async function checkAppointments(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const read = async (qs: Record<string, string | number>, purpose: string) => await session.raw({ method: 'GET', path: RXSCALE_PATHS.appointments, qs, purpose });
	const byDefault = await read({ limit: 200 }, 'appointments without a status');
	const all = await read({ limit: 200, status: 'all' }, 'appointments of every status');
	const rows = (answer: RawAnswer) => (ok(answer.status) && isRecord(answer.body) && Array.isArray(answer.body.data) ? (answer.body.data as unknown[]).filter(isRecord) : undefined);
	const statuses = (items: Array<Record<string, unknown>>) => [...new Set(items.map((item) => codeToken(String(item.status))))].sort();
	const defaultRows = rows(byDefault);
	const allRows = rows(all);
	if (!defaultRows || !allRows) {
		const refused = !defaultRows ? byDefault : all;
		const seen = `GET ${RXSCALE_PATHS.appointments}: ${statusOf(refused)} (${vendorWords(record, refused)})`;
		findings.cannotTell('appointment-default-filter', 'api', seen, RXSCALE_FACTS['appointment-default-filter'].otherwise);
		findings.cannotTell('appointment-time-fields', 'api', seen, RXSCALE_FACTS['appointment-time-fields'].otherwise);
		return;
	}
	const total = (answer: RawAnswer, rowsRead: unknown[]) => (isRecord(answer.body) && typeof answer.body.totalRegistries === 'number' ? answer.body.totalRegistries : rowsRead.length);
	const seenFilter = `without status: ${total(byDefault, defaultRows)} (statuses ${statuses(defaultRows).join(', ') || 'none'}); status=all: ${total(all, allRows)} (statuses ${statuses(allRows).join(', ') || 'none'})`;
	const inactive = statuses(defaultRows).filter((status) => !['held', 'confirmed'].includes(status));
	if (allRows.length === 0) findings.cannotTell('appointment-default-filter', 'api', seenFilter, 'the account has no appointments to compare');
	else if (inactive.length === 0 && statuses(allRows).some((status) => !['held', 'confirmed'].includes(status))) findings.holds('appointment-default-filter', 'api', seenFilter);
	else if (inactive.length === 0) findings.cannotTell('appointment-default-filter', 'api', seenFilter, 'every appointment is held or confirmed, so the default filter cannot show itself');
	else findings.differs('appointment-default-filter', 'api', seenFilter, 'without a Status filter the nodes send no status, so RxScale’s own default applies as seen; the node page should say so');

	const sample = allRows[0];
	if (!sample) {
		findings.cannotTell('appointment-time-fields', 'api', 'no appointments', RXSCALE_FACTS['appointment-time-fields'].otherwise);
		return;
	}
	const timeFields = fieldNames(allRows).filter((name) => /start|end|time|date|_at$/i.test(name));
	const kind = (value: unknown) => (typeof value === 'number' ? (value >= 1e11 ? 'Unix milliseconds' : 'Unix seconds') : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? 'ISO date-time' : typeof value);
	const seenTimes = `time-like fields: ${timeFields.map((name) => `${name} (${kind(sample[name])})`).join(', ') || 'none'}`;
	if (kind(sample.start_time) === 'Unix seconds' && kind(sample.end_time) === 'Unix seconds') findings.holds('appointment-time-fields', 'api', seenTimes);
	else findings.differs('appointment-time-fields', 'api', seenTimes, 'the items pass through as RxScale sends them; the Starts From/To filters are sent as Unix seconds: check that they select as expected');
}

/** The Management API's own description (Swagger), for get-by-id paths of meetings or SKUs. */
async function checkApiDescription(run: RunContext): Promise<void> {
	const { session, findings } = run;
	for (const path of [`${MANAGEMENT_API_PREFIX}/apispec_1.json`, `${MANAGEMENT_API_PREFIX}/apidocs`, `${MANAGEMENT_API_PREFIX}/apidocs/swagger.json`]) {
		const answer = await session.raw({ method: 'GET', path, purpose: 'the Management API’s Swagger description' });
		if (!ok(answer.status) || !isRecord(answer.body) || !isRecord(answer.body.paths)) continue;
		const paths = Object.keys(answer.body.paths).map(codeToken);
		const byId = paths.filter((candidate) => /meeting|sku/i.test(candidate) && /\{[^}]+\}/.test(candidate));
		const seen = `the Swagger description lists ${paths.length} paths; get-by-id for meetings or SKUs: ${byId.length === 0 ? 'none' : byId.join(', ')}`;
		if (byId.length === 0) findings.holds('get-by-id-meetings-skus', 'api', seen);
		else findings.differs('get-by-id-meetings-skus', 'api', seen, 'the nodes could offer Get for them');
		return;
	}
}

interface Registered {
	event: string;
	uid: string;
	secret?: string;
}

async function checkSubscriptions(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const target = run.targetUrl;
	const otherTarget = `${target.replace(/\/+$/, '')}-second`;
	const invalidTarget = `${target.replace(/\/+$/, '')}-invalid`;
	record.alias(otherTarget, '<a second address>');
	record.alias(invalidTarget, '<a third address>');
	const created: Array<{ id: string; events: string[]; target: string }> = [];
	const registered: Registered[] = [];
	const refused: string[] = [];

	const register = async (at: string, event: string) => {
		const answer = await registerRxScaleSubscription.call(session.context, { target: at, notificationType: event });
		const uid = String(answer.uid ?? '');
		record.placeholder('subscription', uid);
		if (typeof answer.signing_secret === 'string') record.addSecret(answer.signing_secret);
		created.push({ id: uid, events: [event], target: at });
		return answer;
	};
	const removeAt = async (at: string, event: string) => await removeRxScaleSubscription.call(session.context, { target: at, notificationType: event });

	try {
		const answers: RxScaleSubscription[] = [];
		for (const event of EVENTS) {
			try {
				const answer = await register(target, event);
				answers.push(answer);
				registered.push({ event, uid: String(answer.uid ?? ''), ...(typeof answer.signing_secret === 'string' ? { secret: answer.signing_secret } : {}) });
			} catch (error) {
				refused.push(`${event} (${clean(record, (error as Error).message)})`);
			}
		}
		if (registered.length === 0) {
			for (const fact of ['register-returns-secret', 'list-carries-secrets', 'remove-parameters', 'appointment-reminder-subscribable', 'duplicate-registration', 'payload-versions', 'validation-error-shape']) {
				findings.cannotTell(fact, 'api', `every registration was refused: ${refused.join('; ')}`, 'the throwaway subscriptions were refused (see the words above); if it refuses the address itself, give it a real one with --receiver-url');
			}
			return;
		}

		const withSecret = registered.filter((made) => made.secret);
		const secretSeen = `${withSecret.length} of ${registered.length} registrations answered with a signing_secret${answers[0] ? ` (fields: ${fieldNames(answers).map((name) => (name === 'signing_secret' ? 'signing_secret' : name)).join(', ')})` : ''}`;
		if (withSecret.length === registered.length) findings.holds('register-returns-secret', 'api', secretSeen);
		else findings.differs('register-returns-secret', 'api', secretSeen, 'the trigger then verifies deliveries with the credential’s Webhook Signing Secret, and refuses to publish without one');

		const reminder = 'appointment_reminder_due';
		if (registered.some((made) => made.event === reminder)) findings.holds('appointment-reminder-subscribable', 'api', `${reminder} was registered`);
		else findings.differs('appointment-reminder-subscribable', 'api', `${reminder} was refused: ${refused.find((entry) => entry.startsWith(reminder)) ?? ''}`, 'publishing a trigger with it fails naming it: mark it as not subscribable in nodes/RxScale/events.ts');
		const versions = [...new Set(answers.map((answer) => String(answer.payload_version ?? 'absent')))];
		const versionsSeen = `registered with payload_version "${PAYLOAD_VERSION}"; the answers say ${versions.map((version) => codeToken(version)).join(', ')}`;
		if (versions.length === 1 && versions[0] === PAYLOAD_VERSION) findings.holds('payload-versions', 'api', versionsSeen);
		else if (versions.length === 1 && versions[0] === 'absent') findings.cannotTell('payload-versions', 'api', versionsSeen, 'the answers do not say which version was kept: a test delivery shows it (--receiver-url)');
		else findings.differs('payload-versions', 'api', versionsSeen, 'the output carries payload_version as sent; workflows that compare it should know');

		const listed = (await listRxScaleSubscriptions.call(session.context)).filter((item) => typeof item.target === 'string' && sameUrl(item.target, target));
		const listedWithSecret = listed.filter((item) => item.signing_secret !== undefined && item.signing_secret !== null && item.signing_secret !== '');
		const listSeen = `${listed.length} listed at the check’s address, ${listedWithSecret.length} with a signing_secret (fields: ${fieldNames(listed).join(', ')})`;
		if (listed.length === 0) findings.cannotTell('list-carries-secrets', 'api', listSeen, 'none of the check’s subscriptions was in the list, so its fields could not be seen');
		else if (listedWithSecret.length === 0) findings.holds('list-carries-secrets', 'api', listSeen);
		else findings.differs('list-carries-secrets', 'api', listSeen, 'the trigger never reads them, Subscription → Get Many drops them and says signingSecretListed: true; anyone with a read key can read every secret, which RxScale should hear about');

		await checkDuplicates(run, registered[0].event, register, removeAt, otherTarget);
		await checkValidationError(run, invalidTarget, removeAt);

		if (run.receiver) await checkTestDeliveries(run, registered);
		else {
			for (const fact of ['test-delivery-signed', 'meta-data-and-custom-header', 'signature-prefix-and-key', 'other-payloads', 'identity-without-uid']) {
				if (!findings.has(fact)) findings.cannotTell(fact, 'none', 'no receiver', RXSCALE_FACTS[fact].otherwise);
			}
		}

		await checkRemove(run, registered);
	} finally {
		const ourTargets = [target, otherTarget, invalidTarget];
		await cleanUp(
			run,
			created,
			async (subscription) => {
				try {
					await removeAt(subscription.url, subscription.events[0]);
				} catch (error) {
					// RxScale may remove by uid only (see remove-parameters): try that before leaving it behind.
					const byUid = await session.raw({ method: 'DELETE', path: `${RXSCALE_PATHS.subscriptions}${encodeURIComponent(subscription.id)}`, purpose: 'remove by uid, after remove by target and type failed' });
					if (!ok(byUid.status)) throw error;
				}
			},
			async () =>
				(await listRxScaleSubscriptions.call(session.context))
					.filter((item) => typeof item.target === 'string' && ourTargets.some((url) => sameUrl(url, String(item.target))))
					.map((item) => ({ id: String(item.uid ?? ''), url: String(item.target), events: [String(item.notification_type ?? '')] })),
		);
	}
}

async function checkDuplicates(
	run: RunContext,
	event: string,
	register: (at: string, event: string) => Promise<RxScaleSubscription>,
	removeAt: (at: string, event: string) => Promise<void>,
	otherTarget: string,
): Promise<void> {
	const { findings, record } = run;
	let again: string;
	try {
		await register(run.targetUrl, event);
		again = 'accepted';
	} catch (error) {
		again = `refused (${clean(record, (error as Error).message)})`;
	}
	let elsewhere: string;
	try {
		await register(otherTarget, event);
		elsewhere = 'accepted';
	} catch (error) {
		elsewhere = `refused (${clean(record, (error as Error).message)})`;
	}
	// Removed at once; if that fails, the clean-up at the end tries again.
	if (elsewhere === 'accepted') await removeAt(otherTarget, event).catch(() => undefined);
	const seen = `the same target and type again: ${again}; the same type at another target: ${elsewhere}`;
	const conflict = (text: string) => text.includes('409');
	if (conflict(again) && elsewhere === 'accepted') findings.holds('duplicate-registration', 'api', seen);
	else if (again === 'accepted') findings.differs('duplicate-registration', 'api', seen, 'RxScale keeps duplicates: the trigger removes what is at its URL before registering, so it makes none itself');
	else if (conflict(elsewhere)) findings.differs('duplicate-registration', 'api', seen, 'one subscription per type for the whole account: a second workflow (or system) with the same event cannot publish; its error says the conflict is not at its URL');
	else findings.cannotTell('duplicate-registration', 'api', seen, 'RxScale refused for another reason (see the words above)');
}

async function checkValidationError(run: RunContext, invalidTarget: string, removeAt: (at: string, event: string) => Promise<void>): Promise<void> {
	const { session, findings, record } = run;
	const answer = await session.raw({
		method: 'POST',
		path: RXSCALE_PATHS.subscriptions,
		body: { target: invalidTarget, payload_version: PAYLOAD_VERSION },
		purpose: 'a registration without a notification type',
	});
	if (ok(answer.status)) {
		await removeAt(invalidTarget, String((answer.body as { notification_type?: unknown } | undefined)?.notification_type ?? '')).catch(() => undefined);
		findings.cannotTell('validation-error-shape', 'api', `RxScale accepted a registration without a notification type (${answer.status})`, 'no validation error came back to read');
		return;
	}
	const words = describeRxScaleError(answer.status, answer.body);
	const shape = isRecord(answer.body) ? `{ ${fieldNames([answer.body]).join(', ')} }${isRecord(answer.body.details) ? ` with details for ${Object.keys(answer.body.details).join(', ')}` : ''}` : `a ${typeof answer.body}`;
	const seen = `${answer.status} ${shape}; the nodes say "${clean(record, words.message)}"`;
	if (/notification_type/.test(words.message) || /notification_type/.test(words.description ?? '')) findings.holds('validation-error-shape', 'api', seen);
	else findings.differs('validation-error-shape', 'api', seen, 'the node’s error does not name the field RxScale refused: nodes/RxScale/transport.ts should read this shape');
}

/** Remove with the nodes' own function (query and body), then with the query alone and the body alone. */
async function checkRemove(run: RunContext, registered: Registered[]): Promise<void> {
	const { session, findings, record } = run;
	const target = run.targetUrl;
	const stillListed = async (event: string) =>
		(await listRxScaleSubscriptions.call(session.context)).some((item) => typeof item.target === 'string' && sameUrl(item.target, target) && item.notification_type === event);
	const outcomes: string[] = [];
	const places: Record<string, boolean | undefined> = {};

	const [first, second, third] = registered;
	let nodesWork = false;
	try {
		await removeRxScaleSubscription.call(session.context, { target, notificationType: first.event });
		nodesWork = !(await stillListed(first.event));
		outcomes.push(`the nodes’ remove (query and body): ${nodesWork ? 'removed' : 'answered 2xx, but it is still listed'}`);
	} catch (error) {
		outcomes.push(`the nodes’ remove (query and body): ${clean(record, (error as Error).message)}`);
	}
	if (!nodesWork) {
		for (const [label, request] of [
			['DELETE …/notification-subscriptions/{uid}', { method: 'DELETE' as const, path: `${RXSCALE_PATHS.subscriptions}${encodeURIComponent(first.uid)}` }],
			['DELETE …/notification-subscriptions/?uid=', { method: 'DELETE' as const, path: RXSCALE_PATHS.subscriptions, qs: { uid: first.uid } }],
		] as const) {
			const answer = await session.raw({ ...request, purpose: `remove by ${label}` });
			if (ok(answer.status) && !(await stillListed(first.event))) {
				outcomes.push(`${label}: removed`);
				break;
			}
			outcomes.push(`${label}: ${statusOf(answer)}`);
		}
	}
	for (const [place, made] of [
		['query', second],
		['body', third],
	] as const) {
		if (!made) continue;
		const values = { target, notification_type: made.event };
		const answer = await session.raw({ method: 'DELETE', path: RXSCALE_PATHS.subscriptions, ...(place === 'query' ? { qs: values } : { body: values }), purpose: `remove with the ${place} alone` });
		places[place] = ok(answer.status) && !(await stillListed(made.event));
		outcomes.push(`the ${place} alone: ${places[place] ? 'removed' : `${statusOf(answer)}${ok(answer.status) ? ', still listed' : ` (${vendorWords(record, answer)})`}`}`);
	}

	let reRegistered = '';
	if (nodesWork) {
		try {
			const again = await registerRxScaleSubscription.call(session.context, { target, notificationType: first.event });
			record.placeholder('subscription', again.uid);
			if (typeof again.signing_secret === 'string') record.addSecret(again.signing_secret);
			reRegistered = '; registering the removed one again: accepted (removal does not block it)';
		} catch (error) {
			reRegistered = `; registering the removed one again: ${clean(record, (error as Error).message)}`;
		}
		// Removed at once; if that fails, the clean-up at the end tries again.
		if (reRegistered.includes('accepted')) await removeRxScaleSubscription.call(session.context, { target, notificationType: first.event }).catch(() => undefined);
	}
	const seen = `${outcomes.join('; ')}${reRegistered}`;
	if (!nodesWork) findings.differs('remove-parameters', 'api', seen, 'the trigger cannot remove its subscriptions when unpublished: nodes/RxScale/subscriptions.ts must remove them as seen');
	else if (places.query === false || places.body === false) findings.differs('remove-parameters', 'api', seen, 'the nodes send both, so removal works');
	else if (reRegistered.includes('accepted')) findings.holds('remove-parameters', 'api', seen);
	else findings.differs('remove-parameters', 'api', seen, 'a removed subscription still blocks a new one: republishing fails with a 409 not at the trigger’s URL');
}

/** Test deliveries to the receiver, one per registered event type, each with a custom header. */
async function checkTestDeliveries(run: RunContext, registered: Registered[]): Promise<void> {
	const { session, findings, record } = run;
	const receiver = run.receiver!;
	const headerValue = run.runId;
	const asked: string[] = [];
	for (const made of registered) {
		try {
			await rxScaleRequest.call(session.context, {
				method: 'POST',
				path: RXSCALE_PATHS.testDelivery,
				body: { target_url: run.targetUrl, event_type: made.event, header_key: CUSTOM_HEADER, header_value: headerValue },
				permission: RXSCALE_PERMISSIONS.writeSubscriptions,
			});
			asked.push(made.event);
		} catch (error) {
			run.io.say(`RxScale refused a test delivery for ${made.event}: ${clean(record, (error as Error).message)}`);
		}
	}
	await run.io.waiting?.('rxScale: test deliveries asked');
	const deliveries = await receiver.waitFor((got) => got.length >= asked.length, asked.length > 0 ? run.waitMs : 0);
	record.deliveries = deliveries.length;
	if (deliveries.length === 0) {
		for (const fact of ['test-delivery-signed', 'meta-data-and-custom-header', 'signature-prefix-and-key', 'other-payloads', 'identity-without-uid']) {
			findings.cannotTell(fact, 'delivery', `${asked.length} test deliveries asked, none reached the receiver in ${seconds(run.waitMs)}`, 'check that the receiver URL forwards to --receiver-port (RxScale delivers to https only)');
		}
		return;
	}
	const parsed = deliveries.map((delivery) => ({ delivery, body: parse(delivery.rawBody) }));
	const eventOf = (body: unknown) => (isRecord(body) && typeof body.event_type === 'string' ? body.event_type : '?');
	const [first] = parsed;

	// Which secret signed it.
	const secretOf = (delivery: CapturedDelivery, event: string) => {
		const candidates: Array<[string, string[]]> = [
			['the secret of the subscription for that event at that address', registered.filter((made) => made.event === event && made.secret).map((made) => made.secret!)],
			['another subscription’s secret at that address', registered.filter((made) => made.event !== event && made.secret).map((made) => made.secret!)],
			['the organisation’s secret (RXSCALE_WEBHOOK_SIGNING_SECRET)', typeof session.credentials.webhookSigningSecret === 'string' ? [session.credentials.webhookSigningSecret] : []],
		];
		for (const [label, secrets] of candidates) {
			if (secrets.length > 0 && verifyRxScaleDelivery({ rawBody: delivery.rawBody, headers: lowerCased(delivery.headers), secrets, nowMs: delivery.at }, { maxAgeSeconds: 86_400, clockSkewSeconds: 300 }).ok) return label;
		}
		return undefined;
	};
	const signer = secretOf(first.delivery, eventOf(first.body));
	const header = lowerCased(first.delivery.headers)[SIGNATURE_HEADER];
	const testMark = lowerCased(first.delivery.headers)[TEST_DELIVERY_HEADER];
	const signedSeen = `${parsed.length} test deliveries; ${header ? `signed, with ${signer ?? 'no secret the check knows'}` : 'unsigned (no X-Webhook-Signature)'}; X-Webhook-Test: ${testMark ?? 'absent'}`;
	if (!header) findings.differs('test-delivery-signed', 'delivery', signedSeen, 'the trigger refuses unsigned deliveries (401): Send Test Delivery never runs a workflow');
	else if (signer?.startsWith('the secret of the subscription')) findings.holds('test-delivery-signed', 'delivery', signedSeen);
	else if (signer) findings.differs('test-delivery-signed', 'delivery', signedSeen, signer.includes('organisation') ? 'the trigger accepts it only when the credential holds the organisation’s secret' : 'the trigger accepts it, since it holds every secret of its subscriptions');
	else findings.differs('test-delivery-signed', 'delivery', signedSeen, 'the trigger refuses these test deliveries (401): set RXSCALE_WEBHOOK_SIGNING_SECRET to the organisation’s secret and run again to tell whether that one signs them');

	const custom = parsed.filter(({ delivery }) => lowerCased(delivery.headers)[CUSTOM_HEADER.toLowerCase()] === headerValue).length;
	const customSeen = `${custom} of ${parsed.length} test deliveries carried the header asked for with header_key / header_value`;
	if (custom === parsed.length) findings.holds('meta-data-and-custom-header', 'delivery', customSeen);
	else findings.differs('meta-data-and-custom-header', 'delivery', customSeen, 'Send Test Delivery’s Header Key / Value do not reach the target: its description should say so');

	const keys = registered.filter((made) => made.secret).map((made) => made.secret!);
	judgeShape(shapeOfDelivery(first.delivery.headers, first.delivery.rawBody, rxScaleCheck.signedHeaders), findings, 'delivery', signer ? 'whole' : keyReading(first.delivery, [...keys, ...(typeof session.credentials.webhookSigningSecret === 'string' ? [session.credentials.webhookSigningSecret] : [])]));

	const envelopes = parsed.map(({ body }) => ({ event: eventOf(body), envelope: rxScaleEnvelope.is(body), uid: isRecord(body) && isRecord(body.data) && (typeof body.data.uid === 'string' || typeof body.data.uid === 'number'), version: isRecord(body) ? String(body.payload_version) : '?' }));
	const notEnveloped = envelopes.filter((entry) => !entry.envelope).map((entry) => entry.event);
	const envelopeSeen = `the envelope of ${envelopes.map((entry) => entry.event).join(', ')}: ${notEnveloped.length === 0 ? 'as assumed' : `not as assumed for ${notEnveloped.join(', ')}`} (test payloads: real events may carry more in data)`;
	if (notEnveloped.length === 0) findings.holds('other-payloads', 'delivery', envelopeSeen);
	else findings.differs('other-payloads', 'delivery', envelopeSeen, 'the trigger refuses these deliveries (400): nodes/RxScale/envelope.ts must accept them');
	const withoutUid = envelopes.filter((entry) => !entry.uid).map((entry) => entry.event);
	const uidSeen = withoutUid.length === 0 ? `data.uid in every test delivery (${envelopes.length})` : `no data.uid in ${withoutUid.join(', ')}`;
	if (withoutUid.length === 0) findings.holds('identity-without-uid', 'delivery', uidSeen);
	else findings.differs('identity-without-uid', 'delivery', uidSeen, 'the trigger identifies those by the MAC of the exact bytes, so different events are never merged');
	const versions = [...new Set(envelopes.map((entry) => codeToken(String(entry.version))))];
	if (versions.length === 1 && versions[0] === PAYLOAD_VERSION) findings.holds('payload-versions', 'delivery', `registered with "${PAYLOAD_VERSION}"; the test deliveries carry payload_version "${PAYLOAD_VERSION}"`);
	else findings.differs('payload-versions', 'delivery', `the test deliveries carry payload_version ${versions.join(', ')}`, 'the output carries payload_version as sent; workflows that compare it should know');
}

/** Which key form matches, when the whole secret did not. */
function keyReading(delivery: CapturedDelivery, secrets: string[]): string {
	const signature = String(lowerCased(delivery.headers)[SIGNATURE_HEADER] ?? '').replace(/^sha256=/i, '').trim();
	for (const secret of secrets) {
		const bare = secret.replace(/^whsec_/, '');
		if (bare !== secret && digestMatches(signature, createHmac('sha256', bare).update(delivery.rawBody).digest(), ['hex', 'base64'])) return 'without whsec_';
		const decoded = Buffer.from(bare, 'base64');
		if (decoded.length > 0 && digestMatches(signature, createHmac('sha256', decoded).update(delivery.rawBody).digest(), ['hex', 'base64'])) return 'base64-decoded after whsec_';
	}
	return 'unknown';
}

/** Prefix, case and key form, from a captured delivery (with the key reading) or a diagnostics line (shape only). */
function judgeShape(shape: DeliveryShape, findings: Findings, by: CheckedBy, key?: string): void {
	const [value] = valueFields(shape.headers.get(SIGNATURE_HEADER));
	if (!value) {
		findings.cannotTell('signature-prefix-and-key', by, 'X-Webhook-Signature: absent', 'the delivery carried no signature');
		return;
	}
	const seen = `X-Webhook-Signature: ${describeValue(value)}${key ? `; keyed with ${key === 'whole' ? 'the whole secret' : key === 'unknown' ? 'no form of a secret the check knows' : `the secret ${key}`}` : ''}`;
	const prefixOk = !value.prefix || value.prefix.toLowerCase() === 'sha256';
	const hex = value.alphabet.endsWith('hex') && value.length === 64;
	if (key && key !== 'whole') findings.differs('signature-prefix-and-key', by, seen, key === 'unknown' ? 'the trigger refuses these deliveries: send this report to the maintainers' : 'the trigger refuses these deliveries: nodes/RxScale/signature.ts must key the HMAC this way');
	else if (!value.prefix && value.alphabet === 'lower-case hex' && value.length === 64) {
		if (by === 'diagnostics' && shape.reason === 'signature does not match') findings.cannotTell('signature-prefix-and-key', by, seen, 'the form is as assumed, yet the trigger found the signature wrong: the key form or the secret differs; run with --receiver-url to tell');
		else findings.holds('signature-prefix-and-key', by, seen);
	} else if (hex && prefixOk) findings.differs('signature-prefix-and-key', by, seen, `the trigger accepts this form too${refusedAnyway(shape)}`);
	else findings.differs('signature-prefix-and-key', by, seen, 'the trigger refuses these deliveries: nodes/RxScale/signature.ts must read this form');
}

function parse(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

