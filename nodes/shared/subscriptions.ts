import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { settleWithConcurrency } from './concurrency';
import { isNotFoundError } from './http';

/**
 * The subscription lifecycle every self-registering trigger shares (n8n's `checkExists`, `create`,
 * `delete`), driven by a small per-vendor adapter.
 *
 * The vendor's list is the truth: a subscription belongs to a node when it points at the node's
 * webhook URL; the node can verify it only when static data holds its id and secret. Publishing,
 * republishing, restarts, copies and lost static data therefore never leave duplicates or gaps:
 * `checkExists` accepts nothing less than exactly the selected events, verifiable, enabled, at our
 * URL; `create` first removes whatever is at our URL, so it is idempotent under n8n's retries.
 */

/** A subscription as the vendor lists it, with events in the trigger's own spelling. */
export interface RemoteSubscription {
	id: string;
	url: string;
	events: string[];
	/** `false` when the vendor has switched the subscription off (e.g. after failed deliveries). */
	enabled?: boolean;
}

/** What the node keeps about a subscription it created (in workflow static data). */
export interface StoredSubscription extends IDataObject {
	id: string;
	events: string[];
	/** The secret deliveries are signed with; absent when the vendor gave none and the credential's is used. */
	secret?: string;
}

export interface SubscriptionAdapter {
	vendorName: string;
	/** `perEvent`: one subscription per selected event; `combined`: one subscription carrying them all. */
	grouping: 'perEvent' | 'combined';
	/** All subscriptions of the account (every page). */
	list(): Promise<RemoteSubscription[]>;
	/**
	 * Creates one subscription. `signingKey` is a fresh random key for vendors that let the caller
	 * choose one; vendors that issue their own return it as `secret`.
	 */
	create(target: { url: string; events: string[]; signingKey: string }): Promise<StoredSubscription>;
	/** Removes one subscription; throws the vendor's error (a 404 is treated as already gone). */
	remove(subscription: RemoteSubscription): Promise<void>;
	/** Whether the credential holds a secret to verify deliveries of a subscription stored without one. */
	hasFallbackSecret?(): Promise<boolean>;
	/** How many vendor calls may run at once (default 8: every event of Hero's and RxScale's triggers in one round trip). */
	concurrency?: number;
}

interface SubscriptionStore extends IDataObject {
	subscriptions?: StoredSubscription[];
}

const DEFAULT_CONCURRENCY = 8;

export function storedSubscriptions(staticData: IDataObject): StoredSubscription[] {
	const value = (staticData as SubscriptionStore).subscriptions;
	return Array.isArray(value) ? value : [];
}

/** Every secret the node's current subscriptions may sign deliveries with (read on every delivery: kept lean). */
export function storedSecrets(staticData: IDataObject): string[] {
	const secrets: string[] = [];
	for (const subscription of storedSubscriptions(staticData)) {
		const secret: unknown = subscription?.secret;
		if (typeof secret === 'string' && secret.length > 0 && !secrets.includes(secret)) secrets.push(secret);
	}
	return secrets;
}

/** At most this many pages when listing a vendor's subscriptions (a list that never ends stops here). */
export const MAX_SUBSCRIPTION_PAGES = 100;

export function sameUrl(a: string, b: string): boolean {
	const normalise = (url: string) => url.trim().replace(/\/+$/, '');
	return normalise(a) === normalise(b);
}

/**
 * Whether a listed subscription is this node's: it points at one of `urls`. A vendor that lists a
 * subscription without its URL leaves only the id to go by: such an entry is this node's when the
 * node stored that id itself; anything else without a URL is never touched.
 */
export function isOurs(remote: RemoteSubscription, urls: readonly string[], stored: readonly StoredSubscription[]): boolean {
	if (remote.url) return urls.some((url) => sameUrl(remote.url, url));
	return remote.id !== '' && stored.some((subscription) => subscription.id === remote.id);
}

/** n8n serves test listening at `/webhook-test/`, production at `/webhook/` (same base and path). */
export function testUrlFor(productionUrl: string): string | undefined {
	const replaced = productionUrl.replace('/webhook/', '/webhook-test/');
	return replaced === productionUrl ? undefined : replaced;
}

/**
 * The pure rule behind `checkExists`: the subscriptions at our URL are exactly the selected events
 * (each once, grouped as the vendor requires), all enabled, all known to us with a usable secret.
 */
export function isDesiredState(
	atOurUrl: readonly RemoteSubscription[],
	stored: readonly StoredSubscription[],
	selectedEvents: readonly string[],
	grouping: SubscriptionAdapter['grouping'],
	hasFallbackSecret = false,
): boolean {
	if (atOurUrl.length === 0 || selectedEvents.length === 0) return false;
	const storedById = new Map(stored.map((subscription) => [subscription.id, subscription]));
	const seen = new Set<string>();
	for (const remote of atOurUrl) {
		const mine = storedById.get(remote.id);
		if (!mine || (!mine.secret && !hasFallbackSecret)) return false;
		if (remote.enabled === false) return false;
		if (grouping === 'perEvent' && remote.events.length !== 1) return false;
		for (const event of remote.events) {
			if (seen.has(event)) return false;
			seen.add(event);
		}
	}
	if (grouping === 'combined' && atOurUrl.length !== 1) return false;
	const wanted = new Set(selectedEvents);
	return seen.size === wanted.size && [...wanted].every((event) => seen.has(event));
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

function selectedEventsOf(context: IHookFunctions, adapter: SubscriptionAdapter): string[] {
	const events = [...new Set(context.getNodeParameter('events', []) as string[])];
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), `Select at least one ${adapter.vendorName} event to listen for`);
	}
	return events;
}

/**
 * n8n calls `create` right after `checkExists` said no. The list `checkExists` read moments before
 * is still the vendor's truth then, so `create` takes it instead of asking again: one round trip
 * less on every publish. It is kept only when `checkExists` said no, used once, only by the same
 * node for the same URL, and only for a few seconds; anything else reads the list afresh.
 */
const LIST_REUSE_MS = 5_000;
const recentLists = new Map<string, { atMs: number; list: RemoteSubscription[] }>();

function listKey(context: IHookFunctions, url: string): string {
	return `${context.getWorkflow().id ?? ''}:${context.getNode().id}:${url}`;
}

function rememberList(context: IHookFunctions, url: string, list: RemoteSubscription[]): void {
	const nowMs = Date.now();
	for (const [key, entry] of recentLists) if (nowMs - entry.atMs > LIST_REUSE_MS) recentLists.delete(key);
	recentLists.set(listKey(context, url), { atMs: nowMs, list });
}

async function listForCreate(context: IHookFunctions, adapter: SubscriptionAdapter, url: string): Promise<RemoteSubscription[]> {
	const key = listKey(context, url);
	const recent = recentLists.get(key);
	recentLists.delete(key);
	if (recent && Date.now() - recent.atMs <= LIST_REUSE_MS) return recent.list;
	return await adapter.list();
}

/** `checkExists`: true only when the vendor already holds exactly what this node needs. */
export async function subscriptionsMatch(this: IHookFunctions, adapter: SubscriptionAdapter): Promise<boolean> {
	const url = webhookUrlOf(this);
	const events = selectedEventsOf(this, adapter);
	const stored = storedSubscriptions(this.getWorkflowStaticData('node'));
	const list = await adapter.list();
	const atOurUrl = list.filter((remote) => isOurs(remote, [url], stored));
	const fallback = stored.some((subscription) => !subscription.secret)
		? ((await adapter.hasFallbackSecret?.()) ?? false)
		: false;
	const matches = isDesiredState(atOurUrl, stored, events, adapter.grouping, fallback);
	if (!matches) rememberList(this, url, list);
	return matches;
}

/**
 * `create`: removes whatever is at our URL, then creates the selected events' subscriptions
 * concurrently (bounded). If any fails, the ones already made are removed again and the error
 * names the event and the vendor's answer.
 */
export async function registerSubscriptions(this: IHookFunctions, adapter: SubscriptionAdapter): Promise<boolean> {
	const url = webhookUrlOf(this);
	const events = selectedEventsOf(this, adapter);
	const staticData = this.getWorkflowStaticData('node');

	const stored = storedSubscriptions(staticData);
	const leftovers = (await listForCreate(this, adapter, url)).filter((remote) => isOurs(remote, [url], stored));
	await removeAll.call(this, adapter, leftovers, 'an earlier registration');
	delete staticData.subscriptions;

	const groups = adapter.grouping === 'perEvent' ? events.map((event) => [event]) : [events];
	const signingKey = randomBytes(32).toString('hex');
	const results = await settleWithConcurrency(groups, adapter.concurrency ?? DEFAULT_CONCURRENCY, async (group) =>
		adapter.create({ url, events: group, signingKey }),
	);

	const created = results.flatMap((result) => (result.ok ? [result.value] : []));
	const failures = results.flatMap((result, index) =>
		result.ok ? [] : [{ events: groups[index], error: result.error }],
	);
	if (failures.length === 0 && created.some((subscription) => !subscription.secret)) {
		if (!((await adapter.hasFallbackSecret?.()) ?? false)) {
			await rollBack.call(this, adapter, created, url);
			throw new NodeOperationError(
				this.getNode(),
				`${adapter.vendorName} returned no signing secret, and none is set in the credential`,
				{
					description:
						'Deliveries could not be verified, so nothing was registered. Add the signing secret to the credential and publish again.',
				},
			);
		}
	}
	if (failures.length > 0) {
		const leftBehind = await rollBack.call(this, adapter, created, url);
		const first = failures[0];
		const reason = describeError(first.error);
		const eventsText = failures.map((failure) => failure.events.join(', ')).join('; ');
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.vendorName} did not accept the subscription for ${eventsText}: ${reason.message}`,
			{
				description: sentences(
					reason.description,
					leftBehind.length === 0
						? 'Nothing was left registered'
						: `${leftBehind.length} subscription(s) could not be removed again (${leftBehind.join(', ')}); they will be removed on the next publish`,
				),
			},
		);
	}

	staticData.subscriptions = created;
	return true;
}

/**
 * `delete`: removes every subscription at this node's URL (and, for a production trigger, any
 * left at its test URL). A 404 counts as removed; other failures are logged and reported, and the
 * ones not removed stay in static data so that n8n's retry can try again. Without the vendor's
 * list nothing is removed: ids in static data alone may be another workflow's (static data travels
 * with an imported workflow), and the next publish removes whatever is left at this URL.
 */
export async function removeSubscriptions(this: IHookFunctions, adapter: SubscriptionAdapter): Promise<boolean> {
	const url = webhookUrlOf(this);
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedSubscriptions(staticData);
	const urls = [url];
	const testUrl = this.getMode() === 'manual' ? undefined : testUrlFor(url);
	if (testUrl) urls.push(testUrl);

	let targets: RemoteSubscription[];
	try {
		targets = (await adapter.list()).filter((remote) => isOurs(remote, urls, stored));
	} catch (error) {
		const reason = describeError(error);
		this.logger.warn(
			`${adapter.vendorName}: could not list subscriptions, so none were removed (${reason.message}); unpublishing again, or the next publish, removes them`,
		);
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.vendorName} could not list this trigger's subscriptions, so none were removed: ${reason.message}`,
			{
				description: sentences(
					reason.description,
					"Only subscriptions the vendor lists at this trigger's address are removed, so nothing was removed. Publishing the workflow again removes them; so does unpublishing once the vendor answers",
				),
			},
		);
	}

	const notRemoved = await removeAll.call(this, adapter, targets, 'this trigger', false);
	if (notRemoved.length > 0) {
		staticData.subscriptions = stored.filter((subscription) => notRemoved.some((failed) => failed.id === subscription.id));
		const first = describeError(notRemoved[0].error);
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.vendorName} did not remove ${notRemoved.length} subscription(s): ${first.message}`,
			{ description: first.description },
		);
	}
	delete staticData.subscriptions;
	return true;
}

/** Removes each subscription (404 = gone); returns the failures, or throws them when `throwOnFailure`. */
async function removeAll(
	this: IHookFunctions,
	adapter: SubscriptionAdapter,
	subscriptions: RemoteSubscription[],
	owner: string,
	throwOnFailure = true,
): Promise<Array<{ id: string; error: unknown }>> {
	const results = await settleWithConcurrency(
		subscriptions,
		adapter.concurrency ?? DEFAULT_CONCURRENCY,
		async (subscription) => await adapter.remove(subscription),
	);
	// A 404 means the subscription is already gone: that is what we wanted.
	const failures = results.flatMap((result, index) =>
		result.ok || isNotFoundError(result.error) ? [] : [{ id: subscriptions[index].id, error: result.error }],
	);
	for (const failure of failures) {
		this.logger.warn(
			`${adapter.vendorName}: could not remove subscription ${failure.id} of ${owner}: ${describeError(failure.error).message}`,
		);
	}
	if (throwOnFailure && failures.length > 0) {
		const first = describeError(failures[0].error);
		throw new NodeOperationError(
			this.getNode(),
			`${adapter.vendorName} did not remove a subscription left by ${owner}: ${first.message}`,
			{ description: first.description },
		);
	}
	return failures;
}

/** Removes subscriptions made by a failed `create`; returns the ids it could not remove. */
async function rollBack(
	this: IHookFunctions,
	adapter: SubscriptionAdapter,
	created: StoredSubscription[],
	url: string,
): Promise<string[]> {
	const failures = await removeAll.call(
		this,
		adapter,
		created.map((subscription) => ({ id: subscription.id, url, events: subscription.events })),
		'a failed registration',
		false,
	);
	return failures.map((failure) => failure.id);
}

function describeError(error: unknown): { message: string; description?: string } {
	if (error instanceof Error) {
		const description = (error as { description?: unknown }).description;
		return {
			message: error.message,
			description: typeof description === 'string' && description ? description : undefined,
		};
	}
	return { message: String(error) };
}

/** Joins optional sentences, each ending with a full stop. */
function sentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((part): part is string => Boolean(part && part.trim()))
		.map((part) => (/[.!?]$/.test(part.trim()) ? part.trim() : `${part.trim()}.`))
		.join(' ');
}
