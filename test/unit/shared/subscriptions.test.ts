import type { IDataObject } from 'n8n-workflow';

import type { RemoteSubscription, StoredSubscription, SubscriptionAdapter } from '../../../nodes/shared/subscriptions';
import {
	isDesiredState,
	registerSubscriptions,
	removeSubscriptions,
	sameUrl,
	storedSecrets,
	subscriptionsMatch,
	testUrlFor,
} from '../../../nodes/shared/subscriptions';
import { fakeHookContext } from '../../support/mockContexts';

const URL = 'https://n8n.example.com/webhook/abc/webhook';
const TEST_URL = 'https://n8n.example.com/webhook-test/abc/webhook';

/** An in-memory vendor with switches for failures. */
class FakeVendor {
	subscriptions = new Map<string, RemoteSubscription & { secret?: string }>();
	private nextId = 1;
	failCreateFor = new Set<string>();
	failRemove = new Set<string>();
	failList = false;
	returnSecret: string | undefined | null = null; // null: echo the signing key
	fallbackSecret = false;
	calls: string[] = [];
	concurrentCreates = 0;
	peakConcurrentCreates = 0;

	adapter(grouping: SubscriptionAdapter['grouping'] = 'perEvent'): SubscriptionAdapter {
		return {
			vendorName: 'Acme',
			grouping,
			concurrency: 2,
			list: async () => {
				this.calls.push('list');
				if (this.failList) throw Object.assign(new Error('Acme is down'), { httpCode: '503' });
				return [...this.subscriptions.values()].map(({ id, url, events, enabled }) => ({ id, url, events, enabled }));
			},
			create: async ({ url, events, signingKey }) => {
				this.calls.push(`create ${events.join('+')}`);
				this.concurrentCreates++;
				this.peakConcurrentCreates = Math.max(this.peakConcurrentCreates, this.concurrentCreates);
				await new Promise((resolve) => setImmediate(resolve));
				this.concurrentCreates--;
				if (events.some((event) => this.failCreateFor.has(event))) {
					throw Object.assign(new Error(`Acme refused ${events.join('+')}: quota reached`), {
						description: 'Ask Acme to raise the quota.',
					});
				}
				const id = String(this.nextId++);
				const secret = this.returnSecret === null ? signingKey : this.returnSecret;
				this.subscriptions.set(id, { id, url, events, enabled: true, secret });
				return { id, events, ...(secret ? { secret } : {}) };
			},
			remove: async ({ id }) => {
				this.calls.push(`remove ${id}`);
				if (this.failRemove.has(id)) throw Object.assign(new Error(`Acme could not remove ${id}`), { httpCode: '500' });
				if (!this.subscriptions.delete(id)) throw Object.assign(new Error('not found'), { httpCode: '404' });
			},
			hasFallbackSecret: async () => this.fallbackSecret,
		};
	}

	eventsAt(url: string): string[] {
		return [...this.subscriptions.values()]
			.filter((subscription) => subscription.url === url)
			.flatMap((subscription) => subscription.events)
			.sort();
	}
}

function hook(staticData: IDataObject = {}, events = ['a', 'b', 'c'], extra: { mode?: 'trigger' | 'manual'; url?: string } = {}) {
	return fakeHookContext({ parameters: { events }, staticData, webhookUrl: extra.url ?? URL, mode: extra.mode });
}

describe('isDesiredState', () => {
	const stored = (id: string, events: string[], secret: string | null = 'k'): StoredSubscription => ({
		id,
		events,
		...(secret ? { secret } : {}),
	});
	const remote = (id: string, events: string[], enabled = true): RemoteSubscription => ({ id, url: URL, events, enabled });

	it('is true for exactly the selected events, each once, known and enabled', () => {
		expect(isDesiredState([remote('1', ['a']), remote('2', ['b'])], [stored('1', ['a']), stored('2', ['b'])], ['b', 'a'], 'perEvent')).toBe(true);
		expect(isDesiredState([remote('1', ['a', 'b'])], [stored('1', ['a', 'b'])], ['a', 'b'], 'combined')).toBe(true);
	});

	it.each([
		['nothing is registered', [], [], ['a']],
		['an event is missing', [remote('1', ['a'])], [stored('1', ['a'])], ['a', 'b']],
		['an unselected event is registered', [remote('1', ['a']), remote('2', ['x'])], [stored('1', ['a']), stored('2', ['x'])], ['a']],
		['an event is registered twice', [remote('1', ['a']), remote('2', ['a'])], [stored('1', ['a']), stored('2', ['a'])], ['a']],
		['a subscription is not known to the node', [remote('1', ['a']), remote('9', ['b'])], [stored('1', ['a'])], ['a', 'b']],
		['the node lost the secret', [remote('1', ['a'])], [stored('1', ['a'], null)], ['a']],
		['the vendor disabled it', [remote('1', ['a'], false)], [stored('1', ['a'])], ['a']],
		['a per-event vendor holds two events in one', [remote('1', ['a', 'b'])], [stored('1', ['a', 'b'])], ['a', 'b']],
		['no event is selected', [remote('1', ['a'])], [stored('1', ['a'])], []],
	])('is false when %s', (_name, atUrl, known, selected) => {
		expect(isDesiredState(atUrl, known, selected, 'perEvent')).toBe(false);
	});

	it('is false for a combined vendor with two subscriptions', () => {
		expect(isDesiredState([remote('1', ['a']), remote('2', ['b'])], [stored('1', ['a']), stored('2', ['b'])], ['a', 'b'], 'combined')).toBe(false);
	});

	it('accepts a subscription without a stored secret when the credential holds one', () => {
		expect(isDesiredState([remote('1', ['a'])], [stored('1', ['a'], null)], ['a'], 'perEvent', true)).toBe(true);
	});
});

describe('registerSubscriptions / subscriptionsMatch / removeSubscriptions', () => {
	it('creates one subscription per event with one fresh key, concurrently within the bound', async () => {
		const vendor = new FakeVendor();
		const { context, staticData } = hook();
		await registerSubscriptions.call(context, vendor.adapter());

		expect(vendor.eventsAt(URL)).toEqual(['a', 'b', 'c']);
		expect(vendor.peakConcurrentCreates).toBe(2);
		const secrets = storedSecrets(staticData);
		expect(secrets).toHaveLength(1);
		expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
		expect(await subscriptionsMatch.call(context, vendor.adapter())).toBe(true);
	});

	it('creates one subscription carrying every event for a combined vendor', async () => {
		const vendor = new FakeVendor();
		const { context } = hook();
		await registerSubscriptions.call(context, vendor.adapter('combined'));
		expect(vendor.subscriptions.size).toBe(1);
		expect(await subscriptionsMatch.call(context, vendor.adapter('combined'))).toBe(true);
	});

	it('generates a different key on every registration', async () => {
		const vendor = new FakeVendor();
		const first = hook();
		await registerSubscriptions.call(first.context, vendor.adapter());
		const second = hook();
		await registerSubscriptions.call(second.context, vendor.adapter());
		expect(storedSecrets(first.staticData)[0]).not.toBe(storedSecrets(second.staticData)[0]);
	});

	it('removes whatever is at its URL before creating, and leaves other URLs alone', async () => {
		const vendor = new FakeVendor();
		vendor.subscriptions.set('old', { id: 'old', url: URL, events: ['a'], enabled: true });
		vendor.subscriptions.set('other', { id: 'other', url: 'https://elsewhere/hook', events: ['a'], enabled: true });
		const { context } = hook();
		await registerSubscriptions.call(context, vendor.adapter());
		expect(vendor.subscriptions.has('old')).toBe(false);
		expect(vendor.subscriptions.has('other')).toBe(true);
		expect(vendor.eventsAt(URL)).toEqual(['a', 'b', 'c']);
	});

	it('rolls back and names the event, the vendor answer and its description on a partial failure', async () => {
		const vendor = new FakeVendor();
		vendor.failCreateFor.add('b');
		const { context, staticData } = hook();
		const attempt = registerSubscriptions.call(context, vendor.adapter());
		await expect(attempt).rejects.toThrow('Acme did not accept the subscription for b: Acme refused b: quota reached');
		await expect(registerSubscriptions.call(context, vendor.adapter())).rejects.toMatchObject({
			description: 'Ask Acme to raise the quota. Nothing was left registered.',
		});
		expect(vendor.subscriptions.size).toBe(0);
		expect(staticData.subscriptions).toBeUndefined();
	});

	it('says which subscriptions a failed rollback left behind, and logs each', async () => {
		const vendor = new FakeVendor();
		vendor.failCreateFor.add('c');
		vendor.failRemove.add('1');
		const { context, logs } = hook();
		await expect(registerSubscriptions.call(context, vendor.adapter())).rejects.toMatchObject({
			description: expect.stringContaining('1 subscription(s) could not be removed again (1)'),
		});
		expect(logs.warn).toEqual([expect.stringContaining('could not remove subscription 1 of a failed registration')]);
	});

	it('fails when the vendor gives no secret and the credential has none, leaving nothing', async () => {
		const vendor = new FakeVendor();
		vendor.returnSecret = undefined;
		const { context } = hook();
		await expect(registerSubscriptions.call(context, vendor.adapter())).rejects.toThrow(
			'Acme returned no signing secret, and none is set in the credential',
		);
		expect(vendor.subscriptions.size).toBe(0);
	});

	it('accepts a vendor without secrets when the credential holds one', async () => {
		const vendor = new FakeVendor();
		vendor.returnSecret = undefined;
		vendor.fallbackSecret = true;
		const { context, staticData } = hook();
		await registerSubscriptions.call(context, vendor.adapter());
		expect(storedSecrets(staticData)).toEqual([]);
		expect(await subscriptionsMatch.call(context, vendor.adapter())).toBe(true);
	});

	it('refuses to register without events, before calling the vendor', async () => {
		const vendor = new FakeVendor();
		const { context } = hook({}, []);
		await expect(registerSubscriptions.call(context, vendor.adapter())).rejects.toThrow('Select at least one Acme event');
		expect(vendor.calls).toEqual([]);
	});

	it('does not trust static data alone: a subscription gone at the vendor means not registered', async () => {
		const vendor = new FakeVendor();
		const { context } = hook();
		await registerSubscriptions.call(context, vendor.adapter());
		vendor.subscriptions.delete('2');
		expect(await subscriptionsMatch.call(context, vendor.adapter())).toBe(false);
	});

	it('removes every subscription at its URL and at its test URL on delete (404 = gone)', async () => {
		const vendor = new FakeVendor();
		const { context, staticData } = hook();
		await registerSubscriptions.call(context, vendor.adapter());
		vendor.subscriptions.set('t', { id: 't', url: TEST_URL, events: ['a'], enabled: true });
		vendor.subscriptions.set('other', { id: 'other', url: 'https://elsewhere/hook', events: ['a'], enabled: true });

		await removeSubscriptions.call(context, vendor.adapter());
		expect([...vendor.subscriptions.keys()]).toEqual(['other']);
		expect(staticData.subscriptions).toBeUndefined();
	});

	it('a test registration removes only its own URL', async () => {
		const vendor = new FakeVendor();
		vendor.subscriptions.set('prod', { id: 'prod', url: URL, events: ['a'], enabled: true });
		const test = hook({}, ['a'], { mode: 'manual', url: TEST_URL });
		await registerSubscriptions.call(test.context, vendor.adapter());
		await removeSubscriptions.call(test.context, vendor.adapter());
		expect([...vendor.subscriptions.keys()]).toEqual(['prod']);
	});

	it('reports a failed delete, keeps what is left in static data, and succeeds on n8n’s retry', async () => {
		const vendor = new FakeVendor();
		const { context, staticData, logs } = hook();
		await registerSubscriptions.call(context, vendor.adapter());
		vendor.failRemove.add('2');

		await expect(removeSubscriptions.call(context, vendor.adapter())).rejects.toThrow(
			'Acme did not remove 1 subscription(s): Acme could not remove 2',
		);
		expect(logs.warn).toEqual([expect.stringContaining('could not remove subscription 2')]);
		expect((staticData.subscriptions as StoredSubscription[]).map((s) => s.id)).toEqual(['2']);

		vendor.failRemove.clear();
		await removeSubscriptions.call(context, vendor.adapter());
		expect(vendor.subscriptions.size).toBe(0);
	});

	it('removes nothing when the vendor cannot list: stored ids alone may be another workflow’s', async () => {
		const vendor = new FakeVendor();
		// Another workflow's subscription; this node's static data names it (copied with an import).
		vendor.subscriptions.set('77', { id: '77', url: 'https://n8n.example.com/webhook/other/webhook', events: ['a'], enabled: true });
		const { context, logs, staticData } = hook();
		staticData.subscriptions = [{ id: '77', events: ['a'], secret: 's' }];
		vendor.failList = true;
		await expect(removeSubscriptions.call(context, vendor.adapter())).rejects.toThrow(
			"Acme could not list this trigger's subscriptions, so none were removed: Acme is down",
		);
		expect(vendor.calls.filter((call) => call.startsWith('remove'))).toEqual([]);
		expect(vendor.subscriptions.has('77')).toBe(true);
		expect(staticData.subscriptions).toHaveLength(1);
		expect(logs.warn).toEqual([expect.stringContaining('could not list subscriptions, so none were removed')]);
	});

	it('finds its own subscriptions by their stored ids when the vendor lists them without a URL', async () => {
		const vendor = new FakeVendor();
		const adapter = vendor.adapter();
		const withoutUrls: SubscriptionAdapter = {
			...adapter,
			list: async () => (await adapter.list()).map((remote) => ({ ...remote, url: '' })),
		};
		const { context } = hook({}, ['a', 'b']);
		// Someone else's subscription, listed without a URL too: never touched.
		vendor.subscriptions.set('99', { id: '99', url: 'https://elsewhere.example/hook', events: ['a'], enabled: true });
		await registerSubscriptions.call(context, withoutUrls);
		expect(await subscriptionsMatch.call(context, withoutUrls)).toBe(true);
		await registerSubscriptions.call(context, withoutUrls); // republish: replaces, never duplicates
		expect([...vendor.subscriptions.keys()].sort()).toEqual(['3', '4', '99']);
		await removeSubscriptions.call(context, withoutUrls);
		expect([...vendor.subscriptions.keys()]).toEqual(['99']);
	});

	it('lets a list failure during publish reach n8n (which retries)', async () => {
		const vendor = new FakeVendor();
		vendor.failList = true;
		const { context } = hook();
		await expect(subscriptionsMatch.call(context, vendor.adapter())).rejects.toThrow('Acme is down');
		await expect(registerSubscriptions.call(context, vendor.adapter())).rejects.toThrow('Acme is down');
	});
});

describe('URL helpers', () => {
	it('compares URLs ignoring a trailing slash and surrounding blanks', () => {
		expect(sameUrl(`${URL}/`, ` ${URL}`)).toBe(true);
		expect(sameUrl(URL, TEST_URL)).toBe(false);
	});

	it('derives the test URL from the production URL', () => {
		expect(testUrlFor(URL)).toBe(TEST_URL);
		expect(testUrlFor('https://n8n.example.com/custom/abc')).toBeUndefined();
	});
});

describe('publishing in fewer round trips', () => {
	afterEach(() => jest.restoreAllMocks());

	it('create reuses the list checkExists read moments before, once', async () => {
		const vendor = new FakeVendor();
		const { context } = hook({}, ['a', 'b']);
		expect(await subscriptionsMatch.call(context, vendor.adapter())).toBe(false);
		await registerSubscriptions.call(context, vendor.adapter());
		expect(vendor.calls.filter((call) => call === 'list')).toHaveLength(1);
		// A second create (n8n's retry) asks the vendor again.
		await registerSubscriptions.call(context, vendor.adapter());
		expect(vendor.calls.filter((call) => call === 'list')).toHaveLength(2);
		expect(vendor.subscriptions.size).toBe(2);
	});

	it('reads the list afresh when checkExists was more than a few seconds ago, or for another URL', async () => {
		const vendor = new FakeVendor();
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		const { context } = hook({}, ['a']);
		await subscriptionsMatch.call(context, vendor.adapter());
		clock.mockReturnValue(now + 6_000);
		await registerSubscriptions.call(context, vendor.adapter());
		expect(vendor.calls.filter((call) => call === 'list')).toHaveLength(2);

		const other = hook({}, ['a'], { url: 'https://n8n.example.com/webhook/other/webhook' });
		await subscriptionsMatch.call(context, vendor.adapter());
		await registerSubscriptions.call(other.context, vendor.adapter());
		expect(vendor.calls.filter((call) => call === 'list')).toHaveLength(4);
	});
});
