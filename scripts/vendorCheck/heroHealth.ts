import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { ukToday } from '../../nodes/HeroHealth/dates';
import { HERO_HEALTH_ENVIRONMENTS } from '../../nodes/HeroHealth/environments';
import { HERO_HEALTH_EVENTS } from '../../nodes/HeroHealth/events';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import { CONFIRM_APPOINTMENT, RESCHEDULE_APPOINTMENT, SLOT_QUERY_PARAMETERS, slotCountOutput } from '../../nodes/HeroHealth/inferredEndpoints';
import { HERO_HEALTH_RECORD_PATHS } from '../../nodes/HeroHealth/records';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyHeroHealthDelivery } from '../../nodes/HeroHealth/signature';
import { heroHealthSubscriptions } from '../../nodes/HeroHealth/subscriptions';
import { heroHealthApi } from '../../nodes/HeroHealth/transport';
import { vendorRequestFull } from '../../nodes/shared/http';
import { digestMatches, hmacSha256, stripSignaturePrefix } from '../../nodes/shared/signature';
import type { RemoteSubscription, StoredSubscription } from '../../nodes/shared/subscriptions';
import { sameUrl } from '../../nodes/shared/subscriptions';
import { testCredentialAsN8nDoes } from '../../test/support/credentialTest';
import type { RunContext, VendorCheck } from './common';
import { answerKind, clean, cleanUp, fieldNames, isRecord, lowerCased, needsDelivery, ok, refusedAnyway, seconds, vendorWords } from './common';
import type { CheckedBy, FactCatalogue, Findings } from './findings';
import type { CapturedDelivery } from './receiver';
import type { DeliveryShape } from './shapes';
import { describeTime, describeValue, digestEncoding, shapeOfDelivery, timeOf, valueFields } from './shapes';
import type { RawAnswer } from './session';

/**
 * Hero Health's inferred facts (docs/vendors/hero-health.md#inferred-facts-open-questions), each
 * asked of Hero with the nodes' own code where the nodes have it: the credential's Test, the
 * trigger's subscription adapter, the signature verifier, the inferred paths and the slot helpers.
 */

const DELIVERY_HOW = 'make an event happen on Hero staging (e.g. confirm an appointment)';

export const HERO_HEALTH_FACTS: FactCatalogue = {
	'signature-encoding': {
		assumed: 'X-Herohealth-Signature is the HMAC in lower-case hex, without a prefix',
		checkedBy: ['delivery', 'diagnostics'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'timestamp-unit': {
		assumed: 'X-Herohealth-Timestamp is in Unix seconds',
		checkedBy: ['delivery', 'diagnostics'],
		otherwise: needsDelivery(DELIVERY_HOW),
	},
	'timestamp-tolerance': {
		assumed: 'a delivery may be 300 s off the receiver’s clock (the Signature Window)',
		checkedBy: [],
		otherwise: 'the tolerance is the receiver’s choice and no answer or delivery of Hero’s shows the one Hero intends: ask Hero, or read the OpenAPI bundle',
	},
	'delivery-retries': {
		assumed: 'a delivery answered 500 is sent again with the same body (the sandbox: 3 attempts within seconds); the body carries no event id',
		checkedBy: ['delivery'],
		otherwise: needsDelivery(`${DELIVERY_HOW}; the receiver answers the first delivery 500 to see a retry`),
	},
	'webhook-list-echoes-url': {
		assumed: 'the items of GET /v1/webhooks carry the subscription’s url',
		checkedBy: ['api'],
		otherwise: 'needs a throwaway subscription to list: run again and allow it (or pass --yes)',
	},
	'webhook-list-echoes-signing-key': {
		assumed: 'not relied on; the sandbox lists each subscription’s signing_key',
		checkedBy: ['api'],
		otherwise: 'needs a throwaway subscription to list: run again and allow it (or pass --yes)',
	},
	'webhook-list-pages': {
		assumed: 'GET /v1/webhooks answers every subscription at once, count being the total',
		checkedBy: ['api'],
		otherwise: 'needs a throwaway subscription to list: run again and allow it (or pass --yes)',
	},
	'duplicate-subscriptions': {
		assumed: 'not relied on; the sandbox accepts a second subscription with the same url and event',
		checkedBy: ['api'],
		otherwise: 'needs two throwaway subscriptions: run again and allow them (or pass --yes)',
	},
	'webhook-delete-answer': {
		assumed: 'DELETE /v1/webhooks/{id} answers 204 without a body, and 404 once the subscription is gone',
		checkedBy: ['api'],
		otherwise: 'needs a throwaway subscription to delete: run again and allow it (or pass --yes)',
	},
	'webhook-scope': {
		assumed: 'Hero names no key scope for webhooks, patients, attachment links or Elements tokens',
		checkedBy: [],
		otherwise: 'an answer shows whether this key may call an endpoint, never which scope allows it: ask Hero support',
	},
	'credential-test-endpoint': {
		assumed: 'GET /v1/me answers 2xx to a working key, 401 to a refused key and 403 to a practice group the key does not cover',
		checkedBy: ['api'],
		otherwise: 'GET /v1/me could not be asked',
	},
	'form-submission-event': {
		assumed: 'form-submission.created cannot be subscribed to (it is in no create enum)',
		checkedBy: ['api'],
		otherwise: 'needs a throwaway subscription attempt: run again and allow it (or pass --yes)',
	},
	'confirm-appointment-endpoint': {
		assumed: `"Book an Appointment" is ${CONFIRM_APPOINTMENT.method} ${CONFIRM_APPOINTMENT.pattern}`,
		checkedBy: ['api'],
		otherwise: 'the probe for an appointment that cannot exist got no usable answer',
	},
	'reschedule-appointment-endpoint': {
		assumed: `rescheduling is ${RESCHEDULE_APPOINTMENT.method} ${RESCHEDULE_APPOINTMENT.pattern} (the body is not checked: that needs a real appointment)`,
		checkedBy: ['api'],
		otherwise: 'the probe for an appointment that cannot exist got no usable answer',
	},
	'booking-link-endpoint': {
		assumed: 'Create Booking Link is POST /v1/booking_links',
		checkedBy: [],
		otherwise: 'only creating a booking link would show it, and the check creates no records (Hero has no way to delete one): read the OpenAPI bundle (createbookinglink)',
	},
	'slot-list-parameters': {
		assumed: `GET /v1/slots takes ${Object.values(SLOT_QUERY_PARAMETERS).join(', ')}, the dates as YYYY-MM-DD`,
		checkedBy: ['api'],
		otherwise: 'the slot list could not be read',
	},
	'slot-count-answer': {
		assumed: 'GET /v1/slots/count answers an object with a numeric count',
		checkedBy: ['api'],
		otherwise: 'the slot count could not be read',
	},
	'page-index-base': {
		assumed: 'page_index counts from 0, and count is the total of the list',
		checkedBy: ['api'],
		otherwise: 'needs a list with at least two records (appointment types, locations or batch messages)',
	},
	'array-query-encoding': {
		assumed: 'an array goes in the query as repeated keys without brackets (location_ids=5&location_ids=6)',
		checkedBy: ['api'],
		otherwise: 'needs two locations to filter appointment types by',
	},
	'verify-identity-status': {
		assumed: 'register_pds’s "verify identity" answer is told by its login_url, whatever the status',
		checkedBy: [],
		otherwise: 'only tracing a real patient on the Spine would show it, and the check sends no patient data',
	},
	'send-at-format': {
		assumed: 'send_at is ISO 8601 in UTC',
		checkedBy: [],
		otherwise: 'only sending a message would show it, and the check sends none',
	},
	'batch-list-answer': {
		assumed: 'GET /v1/batch_message answers { data, count } like Hero’s other lists',
		checkedBy: ['api'],
		otherwise: 'the batch message list could not be read',
	},
	'location-fields': {
		assumed: 'a location has a name (or display_name)',
		checkedBy: ['api'],
		otherwise: 'needs at least one location',
	},
	'batch-recipient-dob': {
		assumed: 'a recipient’s date of birth is sent as midnight UTC',
		checkedBy: [],
		otherwise: 'only creating a batch message would show it, and the check sends no patient data',
	},
	'nhs-number-spaces': {
		assumed: 'NHS numbers are sent as 10 digits without spaces',
		checkedBy: [],
		otherwise: 'only sending an NHS number would show it, and the check sends no patient data',
	},
	'attachment-file-encoding': {
		assumed: 'file_data is base64',
		checkedBy: [],
		otherwise: 'only creating an attachment link would show it, and the check creates no records',
	},
	'message-fallback-default': {
		assumed: 'a message without fallback fields falls back as the practice is set up in Hero',
		checkedBy: [],
		otherwise: 'only sending a message would show it, and the check sends none',
	},
	'rate-limits': {
		assumed: 'a 429 comes with Retry-After',
		checkedBy: ['api'],
		otherwise: 'the check sends a few dozen requests and was not limited; provoking a 429 would take a burst it does not send',
	},
};

const SIGNED_HEADERS = { signature: [SIGNATURE_HEADER], timestamp: [TIMESTAMP_HEADER] };

export const heroHealthCheck: VendorCheck = {
	slug: 'heroHealth',
	docsPage: 'hero-health',
	binding: { name: 'Hero Health', credentialType: new HeroHealthApi(), trigger: new HeroHealthTrigger(), api: heroHealthApi },
	environments: HERO_HEALTH_ENVIRONMENTS,
	defaultEnvironment: 'staging',
	catalogue: HERO_HEALTH_FACTS,
	inputs: [
		{ field: 'apiKey', env: 'HERO_HEALTH_API_KEY', label: 'Hero Health API key', required: true },
		{ field: 'practiceGroupId', env: 'HERO_HEALTH_PRACTICE_GROUP_ID', label: 'Hero Health practice group ID', required: true },
	],
	creates: ({ receiver }) => [
		receiver
			? `${HERO_HEALTH_EVENTS.length} webhook subscriptions (one per event) to the receiver URL, deleted when the deliveries are in or the wait is over`
			: 'one webhook subscription (appointment.confirmed) to an https address that cannot exist, deleted at once',
		'a second, identical subscription (to see whether Hero refuses duplicates), deleted at once',
		'an attempt to subscribe to form-submission.created (deleted at once if Hero accepts it)',
	],
	signedHeaders: SIGNED_HEADERS,
	run: runHeroHealth,
	judgeDiagnostics: (shape, findings) => judgeShape(shape, findings, 'diagnostics'),
};

async function runHeroHealth(run: RunContext): Promise<void> {
	const { session, findings, record } = run;

	// The credential, as its Test button and the nodes use it.
	const me = await session.raw({ method: 'GET', path: '/v1/me', purpose: 'the credential test endpoint' });
	const madeUpKey = await session.with({ apiKey: `n8n-vendor-check-made-up-${run.runId}` }).raw({ method: 'GET', path: '/v1/me', purpose: 'a made-up key' });
	const otherGroup = await session.with({ practiceGroupId: 'n8n-vendor-check' }).raw({ method: 'GET', path: '/v1/me', purpose: 'a practice group the key does not cover' });
	const testButton = await testCredentialAsN8nDoes(heroHealthCheck.binding.credentialType, session.credentials);
	record.calls.push({ method: 'GET', path: '/v1/me', status: me.status || 'no answer', purpose: 'the credential’s Test, as n8n runs it (its status as the first call’s)' });
	const seenMe = `GET /v1/me: ${statusOf(me)} with the key, ${statusOf(madeUpKey)} with a made-up key, ${statusOf(otherGroup)} with a practice group the key does not cover; the credential’s Test says "${clean(record, testButton.message)}"`;
	if (ok(me.status) && madeUpKey.status === 401 && otherGroup.status === 403 && testButton.status === 'OK') {
		findings.holds('credential-test-endpoint', 'api', seenMe);
	} else if (me.status === 0) {
		findings.cannotTell('credential-test-endpoint', 'api', seenMe, `Hero could not be reached: ${me.error ?? ''}`);
	} else {
		findings.differs(
			'credential-test-endpoint',
			'api',
			seenMe,
			ok(me.status)
				? 'the Test button works for a good key, but its words for a refused key or practice group may not fit'
				: 'the Test button (and every call) fails with this key: check the key, the practice group and the environment first',
		);
	}
	if (!ok(me.status)) {
		run.io.say(
			me.status === 0
				? `Hero Health could not be reached (${vendorWords(record, me)}): check the environment or --base-url, and the network.`
				: `Hero Health refused the key (${statusOf(me)}: ${vendorWords(record, me)}); the other checks need a working key.`,
		);
		return;
	}

	await checkLists(run);
	await checkInferredPaths(run);
	await checkSlots(run);

	const patient = await session.raw({ method: 'GET', path: HERO_HEALTH_RECORD_PATHS.Patient('0'), purpose: 'a patient that cannot exist (is the key allowed to read patients?)' });
	const access: string[] = [`patients: ${patient.status === 404 ? 'allowed (404 for a patient that cannot exist)' : statusOf(patient)}`];

	if (!run.mayCreate) {
		findings.cannotTell('webhook-scope', 'none', access.join('; '), HERO_HEALTH_FACTS['webhook-scope'].otherwise);
		return;
	}
	const webhooks = await checkSubscriptions(run);
	access.unshift(`webhooks: ${webhooks}`);
	findings.cannotTell('webhook-scope', 'none', access.join('; '), HERO_HEALTH_FACTS['webhook-scope'].otherwise);
}

function statusOf(answer: RawAnswer): string {
	return answer.status === 0 ? 'no answer' : String(answer.status);
}

interface HeroPage {
	data?: unknown;
	count?: unknown;
}

function pageOf(answer: RawAnswer): { ids: string[]; count?: number; items: unknown[] } | undefined {
	if (!ok(answer.status) || !isRecord(answer.body) || !Array.isArray((answer.body as HeroPage).data)) return undefined;
	const items = (answer.body as HeroPage).data as unknown[];
	const count = (answer.body as HeroPage).count;
	return { items, ids: items.map((item) => (isRecord(item) ? String(item.id) : '')), ...(typeof count === 'number' ? { count } : {}) };
}

/** Paging, the batch list's answer, location fields and the array form of a query, with read-only calls. */
async function checkLists(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const { pageIndex, pageSize } = SLOT_QUERY_PARAMETERS;
	const page = async (path: string, index: number, size: number, purpose: string) =>
		await session.raw({ method: 'GET', path, qs: { [pageIndex]: index, [pageSize]: size }, purpose });

	let decided = false;
	for (const path of ['/v1/appointment_types', '/v1/locations', '/v1/batch_message']) {
		const first = pageOf(await page(path, 0, 1, 'page 0 of one record'));
		const second = pageOf(await page(path, 1, 1, 'page 1 of one record'));
		if (!first || !second || first.ids.length === 0 || second.ids.length === 0) continue;
		const countSaid = first.count === undefined ? 'no count' : first.count > 1 ? `count ${first.count} (the total)` : `count ${first.count} (the page’s length)`;
		const large = pageOf(await page(path, 0, 1000, 'one page of 1000'));
		const cap = large && first.count !== undefined && large.items.length < Math.min(first.count, 1000) ? `; a page_size of 1000 brought ${large.items.length} of ${first.count}` : '';
		const same = first.ids[0] === second.ids[0];
		const seen = `${path} with page_size 1: page_index 1 ${same ? 'repeats' : 'follows'} page_index 0; ${countSaid}${cap}`;
		if (same) findings.differs('page-index-base', 'api', seen, 'pages count from 1: the nodes notice page 1 repeating page 0 and skip it, so lists stay complete');
		else if (first.count !== undefined && first.count <= 1) findings.differs('page-index-base', 'api', seen, 'count is the page’s length: the nodes then stop at a short page instead, so lists stay complete');
		else findings.holds('page-index-base', 'api', seen);
		decided = true;
		break;
	}
	if (!decided) findings.cannotTell('page-index-base', 'api', 'no list with two records', HERO_HEALTH_FACTS['page-index-base'].otherwise);

	const batches = await page('/v1/batch_message', 0, 1, 'the batch message list');
	const body = batches.body;
	if (!ok(batches.status)) {
		findings.cannotTell('batch-list-answer', 'api', `${statusOf(batches)}: ${vendorWords(record, batches)}`, 'the list was refused');
	} else if (isRecord(body) && Array.isArray(body.data)) {
		findings.holds('batch-list-answer', 'api', `{ ${fieldNames([body]).join(', ')} }, data a list of ${body.data.length} with fields ${fieldNames(body.data).join(', ') || '(none: no batches)'}`);
	} else {
		findings.differs(
			'batch-list-answer',
			'api',
			Array.isArray(body) ? `a bare list of ${body.length}` : isRecord(body) ? `an object with ${fieldNames([body]).join(', ')}` : `a ${typeof body}`,
			'Batch Message → Get Many and the Batch Message From List read only { data } and would list nothing: the nodes must change',
		);
	}

	const locations = pageOf(await page('/v1/locations', 0, 20, 'the locations'));
	if (!locations || locations.items.length === 0) {
		findings.cannotTell('location-fields', 'api', locations ? 'no locations' : 'the list was refused or not { data }', HERO_HEALTH_FACTS['location-fields'].otherwise);
	} else {
		const named = locations.items.filter((item) => isRecord(item) && (typeof item.name === 'string' || typeof item.display_name === 'string'));
		const seen = `${locations.items.length} locations with the fields ${fieldNames(locations.items).join(', ')}`;
		if (named.length === locations.items.length) findings.holds('location-fields', 'api', seen);
		else findings.differs('location-fields', 'api', seen, 'the Location From List shows "Location {id}" for those without a name: usable, but the nodes could name them better');
	}

	const ids = [...new Set((locations?.ids ?? []).filter(Boolean))];
	if (ids.length === 0) return;
	const both = [ids[0], ids[1] ?? ids[0]];
	// As Appointment Type → Get Many sends it (nodes/HeroHealth/actions/appointmentType/getAll.ts).
	const repeated = await session.raw({ method: 'GET', path: '/v1/appointment_types', qs: { location_ids: both }, arrayFormat: 'repeat', purpose: 'location_ids as repeated keys' });
	const seen = `location_ids=<location>&location_ids=<location>: ${statusOf(repeated)}${ok(repeated.status) ? '' : ` (${vendorWords(record, repeated)})`}`;
	if (repeated.status === 400) {
		findings.differs('array-query-encoding', 'api', seen, 'Appointment Type → Get Many with locations fails: the nodes must send the array another way');
		return;
	}
	if (!ok(repeated.status)) {
		findings.cannotTell('array-query-encoding', 'api', seen, 'the list was refused for another reason');
		return;
	}
	// A 200 alone shows nothing (an API may ignore a parameter it does not read): each location
	// alone must answer differently, and the two together like neither alone.
	if (ids.length < 2) {
		findings.cannotTell('array-query-encoding', 'api', `${seen}; one location only`, 'needs two locations whose appointment types differ, to see both values read');
		return;
	}
	const alone = async (id: string) =>
		JSON.stringify((await session.raw({ method: 'GET', path: '/v1/appointment_types', qs: { location_ids: [id] }, arrayFormat: 'repeat', purpose: 'location_ids with one location' })).body);
	const [first, second, together] = [await alone(ids[0]), await alone(ids[1]), JSON.stringify(repeated.body)];
	if (first === second) findings.cannotTell('array-query-encoding', 'api', `${seen}; each location alone answers the same`, 'needs two locations whose appointment types differ, to see both values read');
	else if (together === first || together === second) findings.differs('array-query-encoding', 'api', `${seen}, the same as one of the locations alone`, 'Hero read only one of the repeated keys: a filter on several locations would filter on one');
	else findings.holds('array-query-encoding', 'api', `${seen}, unlike either location alone: both values were read`);
}

/**
 * The inferred appointment paths, asked for an appointment that cannot exist (id 0): a path Hero
 * has answers like the documented `…/cancel` (not found), a path it lacks like a made-up one.
 */
async function checkInferredPaths(run: RunContext): Promise<void> {
	const { session, findings } = run;
	const probe = async (method: 'PATCH', path: string, body: IDataObject | undefined, purpose: string) => ({
		path,
		answer: await session.raw({ method, path, ...(body ? { body } : {}), purpose }),
	});
	const documented = await probe('PATCH', '/v1/appointments/0/cancel', undefined, 'the documented cancel path, for an appointment that cannot exist');
	const madeUp = await probe('PATCH', '/v1/appointments/0/n8n-vendor-check-no-such-path', undefined, 'a path Hero cannot have');
	const kindOf = (probed: { path: string; answer: RawAnswer }) => answerKind(probed.answer, probed.path);

	for (const [fact, endpoint, body] of [
		['confirm-appointment-endpoint', CONFIRM_APPOINTMENT, undefined],
		['reschedule-appointment-endpoint', RESCHEDULE_APPOINTMENT, {}],
	] as const) {
		const inferred = await probe(endpoint.method as 'PATCH', endpoint.path('0'), body, `the inferred ${endpoint.pattern}`);
		const seen = `${endpoint.method} ${endpoint.pattern} for appointment 0: "${kindOf(inferred)}"; the documented …/cancel: "${kindOf(documented)}"; a made-up path: "${kindOf(madeUp)}"`;
		if (inferred.answer.status === 0 || madeUp.answer.status === 0) findings.cannotTell(fact, 'api', seen, HERO_HEALTH_FACTS[fact].otherwise);
		else if (kindOf(documented) === kindOf(madeUp)) findings.cannotTell(fact, 'api', seen, 'Hero answers a made-up path as it answers a real one for a missing appointment: read the OpenAPI bundle');
		else if (kindOf(inferred) === kindOf(madeUp) || inferred.answer.status === 405) {
			findings.differs(fact, 'api', seen, `Hero answers the inferred path as one it does not have: the node’s ${fact.startsWith('confirm') ? 'Confirm' : 'Reschedule'} fails with a 404 or 405 naming the inferred path; find the real one (OpenAPI bundle) and change nodes/HeroHealth/inferredEndpoints.ts`);
		} else findings.holds(fact, 'api', seen);
	}
}

/** The slot list's parameter names and the slot count's answer, read for the next two weeks. */
async function checkSlots(run: RunContext): Promise<void> {
	const { session, findings, record } = run;
	const types = pageOf(await session.raw({ method: 'GET', path: '/v1/appointment_types', purpose: 'appointment types, to filter slots by' }));
	const typeId = types?.ids.find(Boolean);
	const start = ukToday();
	const end = ukToday(new Date(Date.now() + 13 * 24 * 3600 * 1000));
	const filters: IDataObject = {
		[SLOT_QUERY_PARAMETERS.startDate]: start,
		[SLOT_QUERY_PARAMETERS.endDate]: end,
		...(typeId ? { [SLOT_QUERY_PARAMETERS.appointmentTypeId]: typeId } : {}),
	};
	const slots = await session.raw({ method: 'GET', path: '/v1/slots', qs: { ...filters, [SLOT_QUERY_PARAMETERS.pageIndex]: 0, [SLOT_QUERY_PARAMETERS.pageSize]: 20 }, purpose: 'slots with the inferred parameter names' });
	const strict = await session.raw({ method: 'GET', path: '/v1/slots', qs: { n8n_vendor_check_unknown: '1' }, purpose: 'a parameter Hero cannot know (does Hero refuse unknown names?)' });
	const listed = pageOf(slots);
	const names = Object.keys(filters).join(', ');
	if (!ok(slots.status)) {
		const seen = `GET /v1/slots with ${names}: ${statusOf(slots)} (${vendorWords(record, slots)})`;
		if (slots.status === 400) findings.differs('slot-list-parameters', 'api', seen, 'Slot → Get Many fails with these names or date forms: change SLOT_QUERY_PARAMETERS (nodes/HeroHealth/inferredEndpoints.ts)');
		else findings.cannotTell('slot-list-parameters', 'api', seen, 'the slot list was refused for another reason');
	} else {
		const ofOtherType = (listed?.items ?? []).filter((slot) => isRecord(slot) && slot.appointment_type_id !== undefined && String(slot.appointment_type_id) !== typeId);
		const ofType = (listed?.items ?? []).filter((slot) => isRecord(slot) && String(slot.appointment_type_id) === typeId);
		const seen = `GET /v1/slots with ${names}: ${statusOf(slots)}, ${listed?.items.length ?? 0} slots${typeId ? `, ${ofOtherType.length} of another appointment type` : ''}; an unknown parameter: ${statusOf(strict)}`;
		if (strict.status === 400) findings.holds('slot-list-parameters', 'api', `${seen} (Hero refuses unknown names, so it knows these)`);
		else if (typeId && ofOtherType.length > 0) findings.differs('slot-list-parameters', 'api', seen, 'Hero ignored appointment_type_id: Slot → Get Many returns slots of every type; find the real name (OpenAPI bundle: listslots)');
		else if (typeId && ofType.length > 0) findings.holds('slot-list-parameters', 'api', `${seen} (every slot is of the type asked for)`);
		else findings.cannotTell('slot-list-parameters', 'api', seen, 'Hero accepts unknown names and no slot showed whether the filter applied: read the OpenAPI bundle (listslots)');
	}

	const counted = await session.raw({ method: 'GET', path: '/v1/slots/count', qs: filters, purpose: 'the slot count' });
	if (!ok(counted.status)) {
		findings.cannotTell('slot-count-answer', 'api', `${statusOf(counted)}: ${vendorWords(record, counted)}`, 'the slot count was refused');
		return;
	}
	const output = slotCountOutput(counted.body);
	const shape = typeof counted.body === 'number' || typeof counted.body === 'string' ? `a bare ${typeof counted.body}` : isRecord(counted.body) ? `an object with ${fieldNames([counted.body]).join(', ')}` : `a ${typeof counted.body}`;
	if (isRecord(counted.body) && typeof counted.body.count === 'number') findings.holds('slot-count-answer', 'api', shape);
	else if (typeof output.count === 'number') findings.differs('slot-count-answer', 'api', shape, 'the node turns it into { count }, so Slot → Count works');
	else findings.differs('slot-count-answer', 'api', shape, 'Slot → Count passes it through as it is: workflows that read "count" find none');
}

/** The webhook API with throwaway subscriptions, and the deliveries to the receiver. Returns what the key may do with webhooks. */
async function checkSubscriptions(run: RunContext): Promise<string> {
	const { session, findings, record } = run;
	const adapter = heroHealthSubscriptions(session.context);
	const url = run.targetUrl;
	const created: StoredSubscription[] = [];
	const keys: string[] = [];
	const create = async (event: string) => {
		const signingKey = randomBytes(32).toString('hex');
		record.addSecret(signingKey);
		keys.push(signingKey);
		const subscription = await adapter.create({ url, events: [event], signingKey });
		record.placeholder('subscription', subscription.id);
		created.push(subscription);
		return subscription;
	};
	const events = run.receiver ? HERO_HEALTH_EVENTS.map((event) => event.value as string) : ['appointment.confirmed'];

	try {
		let first: StoredSubscription;
		try {
			first = await create(events[0]);
		} catch (error) {
			const words = clean(record, (error as Error).message);
			for (const fact of ['webhook-list-echoes-url', 'webhook-list-echoes-signing-key', 'webhook-list-pages', 'duplicate-subscriptions', 'webhook-delete-answer', 'form-submission-event']) {
				findings.cannotTell(fact, 'api', `creating a subscription failed: ${words}`, 'the throwaway subscription was refused (see the words above); if it refuses the address itself, give it a real one with --receiver-url');
			}
			return `refused (${words})`;
		}
		for (const event of events.slice(1)) await create(event);

		await checkListing(run, first, keys[0]);

		// A second, identical subscription, and one to form-submission.created: each removed at once if made
		// (a removal that fails is tried again, with everything else, at the end).
		const removeAtOnce = async (made: StoredSubscription) =>
			await adapter.remove({ id: made.id, url, events: made.events }).catch((error: Error) => run.io.say(`Removing ${record.placeholder('subscription', made.id)} failed for now: ${clean(record, error.message)}`));
		const attempt = async (event: string): Promise<StoredSubscription | string> => await create(event).catch((error: Error) => clean(record, error.message));

		const duplicate = await attempt(events[0]);
		if (typeof duplicate === 'string') findings.differs('duplicate-subscriptions', 'api', `Hero refused it: ${duplicate}`, 'not relied on: publishing removes what is at the trigger’s URL before creating');
		else {
			findings.holds('duplicate-subscriptions', 'api', 'Hero accepted a second subscription with the same url and event');
			await removeAtOnce(duplicate);
		}
		const formSubmission = await attempt('form-submission.created');
		if (typeof formSubmission === 'string') findings.holds('form-submission-event', 'api', `Hero refused it: ${formSubmission}`);
		else {
			findings.differs('form-submission-event', 'api', 'Hero accepted a subscription to form-submission.created', 'the event could be offered in the trigger (nodes/HeroHealth/events.ts)');
			await removeAtOnce(formSubmission);
		}

		if (run.receiver) await checkDeliveries(run, keys);

		await checkDelete(run, first);
		return 'allowed';
	} finally {
		await cleanUp(run, created, adapter.remove.bind(adapter), async () => (await adapter.list()).filter((remote) => sameUrl(remote.url, url) || created.some((made) => made.id === remote.id)));
	}
}

async function checkListing(run: RunContext, first: StoredSubscription, key: string): Promise<void> {
	const { session, findings, record } = run;
	const listed = await session.raw({ method: 'GET', path: '/v1/webhooks', purpose: 'the subscriptions, after creating one' });
	const page = pageOf(listed);
	if (!page) {
		for (const fact of ['webhook-list-echoes-url', 'webhook-list-echoes-signing-key', 'webhook-list-pages']) {
			findings.cannotTell(fact, 'api', `GET /v1/webhooks: ${statusOf(listed)} (${ok(listed.status) ? 'not { data, count }' : vendorWords(record, listed)})`, 'the list could not be read');
		}
		return;
	}
	const item = page.items.find((entry): entry is Record<string, unknown> => isRecord(entry) && String(entry.id) === first.id);
	const fields = fieldNames(page.items).join(', ');
	const paged = pageOf(await session.raw({ method: 'GET', path: '/v1/webhooks', qs: { [SLOT_QUERY_PARAMETERS.pageIndex]: 0, [SLOT_QUERY_PARAMETERS.pageSize]: 1 }, purpose: 'one page of one subscription' }));
	const honoured = paged ? (paged.items.length <= 1 && page.items.length > 1 ? 'page_size honoured' : page.items.length > 1 ? 'page_size ignored' : 'page_size not judged (one subscription)') : 'page_size refused';
	const listSeen = `${page.items.length} subscriptions in one answer, count ${page.count ?? 'absent'}; ${honoured}`;

	if (!item) {
		findings.cannotTell('webhook-list-echoes-url', 'api', `the new subscription ${record.placeholder('subscription', first.id)} is not in the list (fields: ${fields})`, 'the list does not show the subscription just created: it may page or lag');
		findings.cannotTell('webhook-list-echoes-signing-key', 'api', 'the new subscription is not in the list', 'see webhook-list-echoes-url');
		if (page.count !== undefined && page.count > page.items.length) findings.differs('webhook-list-pages', 'api', listSeen, 'the nodes then read pages with page_index / page_size until every subscription is in');
		else findings.cannotTell('webhook-list-pages', 'api', listSeen, 'the subscription just created is missing from a list that says it is complete');
		return;
	}
	const itemUrl = typeof item.url === 'string' ? item.url : undefined;
	const remote = (await heroHealthSubscriptions(session.context).list()).find((entry: RemoteSubscription) => entry.id === first.id);
	if (itemUrl !== undefined && sameUrl(itemUrl, run.targetUrl) && remote?.url) {
		findings.holds('webhook-list-echoes-url', 'api', `the new subscription is listed with its url (fields: ${fields})`);
	} else if (itemUrl === undefined) {
		findings.differs('webhook-list-echoes-url', 'api', `the new subscription is listed without url (fields: ${fields})`, 'the trigger recognises only subscriptions whose id it stored: one made by a copy of the workflow that lost its static data stays at Hero');
	} else {
		findings.differs('webhook-list-echoes-url', 'api', `the new subscription is listed with another url than the one sent (fields: ${fields})`, 'the trigger would not recognise its own subscriptions: report it');
	}

	const listedKey = item.signing_key;
	if (listedKey === key) findings.holds('webhook-list-echoes-signing-key', 'api', 'the list shows the signing_key the subscription was made with');
	else if (listedKey === undefined || listedKey === null || listedKey === '') findings.differs('webhook-list-echoes-signing-key', 'api', 'the list does not show signing_key', 'not relied on: the trigger keeps the key it generated');
	else findings.differs('webhook-list-echoes-signing-key', 'api', 'the list shows a signing_key other than the one sent (masked or transformed)', 'not relied on: the trigger keeps the key it generated');

	if (page.count !== undefined && page.count > page.items.length) findings.differs('webhook-list-pages', 'api', listSeen, 'the nodes then read pages with page_index / page_size until every subscription is in');
	else findings.holds('webhook-list-pages', 'api', `${listSeen} (a cap above ${page.items.length} cannot be seen with this account)`);
}

async function checkDelete(run: RunContext, first: StoredSubscription): Promise<void> {
	const { session, findings, record } = run;
	const path = `/v1/webhooks/${encodeURIComponent(first.id)}`;
	let answer: RawAnswer;
	try {
		const full = await vendorRequestFull.call(session.context, heroHealthApi, { method: 'DELETE', path, attempts: 1 });
		answer = { status: full.statusCode, headers: full.headers, body: full.body };
	} catch (error) {
		findings.differs('webhook-delete-answer', 'api', `deleting the subscription failed: ${clean(record, (error as Error).message)}`, 'unpublishing fails and n8n retries: report it');
		return;
	}
	const again = await session.raw({ method: 'DELETE', path, purpose: 'the same subscription again (already gone)' });
	const empty = answer.body === undefined || answer.body === null || answer.body === '';
	const seen = `${answer.status} ${empty ? 'without a body' : `with ${isRecord(answer.body) ? `{ ${fieldNames([answer.body]).join(', ')} }` : `a ${typeof answer.body}`}`}; again: ${statusOf(again)}`;
	if (answer.status === 204 && empty && again.status === 404) findings.holds('webhook-delete-answer', 'api', seen);
	else if (again.status !== 404 && !ok(again.status)) findings.differs('webhook-delete-answer', 'api', seen, 'deleting a subscription that is already gone is reported as a failure, and n8n retries unpublishing: the nodes should treat this answer as "gone"');
	else findings.differs('webhook-delete-answer', 'api', seen, 'the nodes take any 2xx as deleted, so unpublishing works');
}

/** Waits for deliveries to the receiver and judges them with the trigger's own verifier. */
async function checkDeliveries(run: RunContext, keys: string[]): Promise<void> {
	const { findings, record } = run;
	const receiver = run.receiver!;
	receiver.refuseFirst = true;
	run.io.say(`Waiting up to ${seconds(run.waitMs)} for a Hero delivery: ${DELIVERY_HOW}. The first delivery is answered 500, to see a retry.`);
	await run.io.waiting?.('heroHealth: make an event happen');
	const deliveries = await receiver.waitFor((got) => got.length >= 2, run.waitMs);
	if (deliveries.length === 0) {
		for (const fact of ['signature-encoding', 'timestamp-unit', 'delivery-retries']) {
			findings.cannotTell(fact, 'delivery', `no delivery reached the receiver in ${seconds(run.waitMs)}`, `no event happened, or the receiver URL does not reach --receiver-port: ${DELIVERY_HOW} while the check waits (--wait to wait longer)`);
		}
		return;
	}
	const [first] = deliveries;
	judgeShape(shapeOfDelivery(first.headers, first.rawBody, SIGNED_HEADERS), findings, 'delivery', macReading(first, keys));
	judgeRetries(run, deliveries);
	record.deliveries = deliveries.length;
}

interface MacReading {
	/** The trigger's own verifier accepted it. */
	verified: boolean;
	/** The encoding the HMAC matched in, after the prefix; undefined when no reading matched. */
	encoding?: 'hex' | 'base64';
	/** What else was tried when nothing matched. */
	tried?: string;
}

function macReading(delivery: CapturedDelivery, keys: string[]): MacReading {
	const headers = lowerCased(delivery.headers);
	const verified = verifyHeroHealthDelivery({ rawBody: delivery.rawBody, headers, secrets: keys, nowMs: delivery.at }, 300).ok;
	const timestamp = String(headers[TIMESTAMP_HEADER] ?? '').trim();
	const signature = stripSignaturePrefix(String(headers[SIGNATURE_HEADER] ?? ''), ['sha256=', 'v1=', 'sha256:']);
	for (const key of keys) {
		const mac = hmacSha256(key, `${timestamp}.`, delivery.rawBody);
		if (digestMatches(signature, mac, ['hex'])) return { verified, encoding: 'hex' };
		if (digestMatches(signature, mac, ['base64'])) return { verified, encoding: 'base64' };
	}
	const alternatives: Array<[string, (key: string) => Buffer]> = [
		['HMAC of the body alone', (key) => hmacSha256(key, delivery.rawBody)],
		['"{timestamp}{body}" without the dot', (key) => hmacSha256(key, timestamp, delivery.rawBody)],
	];
	for (const [label, mac] of alternatives) {
		if (keys.some((key) => digestMatches(signature, mac(key), ['hex', 'base64']))) return { verified, tried: `it matched the ${label}` };
	}
	return { verified, tried: 'no reading matched (hex or base64 of HMAC-SHA256 over "{timestamp}.{body}", over the body alone, or over "{timestamp}{body}", keyed with the key sent)' };
}


/** Encoding, prefix and timestamp unit, from a captured delivery (with the MAC) or a diagnostics line (shape only). */
function judgeShape(shape: DeliveryShape, findings: Findings, by: CheckedBy, mac?: MacReading): void {
	const signature = shape.headers.get(SIGNATURE_HEADER);
	const [value] = valueFields(signature);
	const time = timeOf(shape.headers.get(TIMESTAMP_HEADER));
	const refusedForSignature = shape.reason === 'signature does not match';

	if (!value) {
		findings.cannotTell('signature-encoding', by, `X-Herohealth-Signature: ${signature?.kind ?? 'absent'}`, 'the delivery carried no signature: was a signing key set on the subscription?');
	} else {
		const encoding = mac?.encoding ?? digestEncoding(value);
		const seen = `X-Herohealth-Signature: ${describeValue(value)}${mac ? (mac.encoding ? `; the HMAC matched in ${mac.encoding}` : `; ${mac.tried}`) : ''}`;
		const matchedAsAssumed = encoding === 'hex' && !value.prefix && value.alphabet === 'lower-case hex';
		if (mac && !mac.encoding) findings.differs('signature-encoding', by, seen, 'the trigger refuses these deliveries ("signature does not match"): send this report to the maintainers');
		else if (matchedAsAssumed && !(refusedForSignature && by === 'diagnostics')) findings.holds('signature-encoding', by, seen);
		else if (matchedAsAssumed) {
			findings.cannotTell('signature-encoding', by, seen, 'the encoding is as assumed, yet the trigger found the signature wrong: the signed string, the key, or a proxy that changes the body differs; run with --receiver-url to tell which');
		} else if (encoding === undefined) {
			findings.differs('signature-encoding', by, seen, 'neither hex nor base64 of a SHA-256 HMAC: the trigger refuses these deliveries; send this report to the maintainers');
		} else {
			const accepted = !value.prefix || ['sha256', 'v1'].includes(value.prefix.toLowerCase());
			findings.differs('signature-encoding', by, seen, accepted ? `the trigger accepts this form too (${encoding}${value.prefix ? ` with "${value.prefix}="` : ''})${refusedAnyway(shape)}` : `the trigger does not strip the prefix "${value.prefix}=" and refuses these deliveries: nodes/HeroHealth/signature.ts must accept it`);
		}
	}

	if (!time) {
		findings.cannotTell('timestamp-unit', by, 'X-Herohealth-Timestamp: absent', 'the delivery carried no timestamp');
	} else {
		const seen = `X-Herohealth-Timestamp: ${describeTime(time)}`;
		if (time.kind === 'seconds' && time.digits === 10) findings.holds('timestamp-unit', by, seen);
		else if (time.kind === 'milliseconds' || time.kind === 'iso with zone') findings.differs('timestamp-unit', by, seen, `the trigger reads this form too, and signs the header as sent${refusedAnyway(shape)}`);
		else findings.differs('timestamp-unit', by, seen, 'the trigger cannot read this time and refuses these deliveries (401): nodes/shared/signature.ts must read it');
	}
}

function judgeRetries(run: RunContext, deliveries: CapturedDelivery[]): void {
	const { findings } = run;
	const [first, second] = deliveries;
	let fields: string[] = [];
	try {
		fields = fieldNames([JSON.parse(first.rawBody.toString('utf8')) as unknown]);
	} catch {
		fields = ['(not JSON)'];
	}
	const extra = fields.filter((name) => !['object', 'id', 'practice_group_id', 'event'].includes(name));
	const bodySeen = `the body’s fields: ${fields.join(', ')}`;
	if (!second) {
		findings.cannotTell('delivery-retries', 'delivery', `the first delivery was answered 500 and no other came in ${seconds(run.waitMs)}; ${bodySeen}`, 'Hero may not retry, or retry later than the check waited (--wait)');
		return;
	}
	const sameBody = first.rawBody.equals(second.rawBody);
	const sameTime = String(first.headers[TIMESTAMP_HEADER]) === String(second.headers[TIMESTAMP_HEADER]);
	const seen = `after the 500, another delivery came ${seconds(second.at - first.at)} later, ${sameBody ? 'with the same body' : 'with another body'} and ${sameTime ? 'the same timestamp' : 'a new timestamp'}; ${bodySeen}`;
	if (extra.length > 0) findings.differs('delivery-retries', 'delivery', seen, `the body carries ${extra.join(', ')}: if one is an event id, the trigger could use it to drop retries`);
	else if (!sameBody) findings.cannotTell('delivery-retries', 'delivery', seen, 'the second delivery was another event, not a retry');
	else findings.holds('delivery-retries', 'delivery', `${seen}${sameTime ? ' (the trigger drops it as a replay once one was accepted)' : ' (a retry with a new timestamp runs the workflow again)'}`);
}
