import { eventually } from '../../support/eventually';
import { eachKit, SELF_REGISTERING_KITS } from '../../vendors';
import type { VendorKit } from '../../vendors';
import type { LifecycleKit } from '../../vendors/kit';
import type { Rig } from './rig';
import { useContractStack } from './rig';

/**
 * The subscription lifecycle every self-registering trigger shares (nodes/shared/subscriptions.ts
 * behind each vendor's adapter), run over every vendor kit that registers its own subscriptions:
 * the trigger's real code in n8n-core's contexts, the sandbox as the vendor, n8n's calls played as
 * n8n 2.x makes them (publish: checkExists, then create when it says no; unpublish: delete; a
 * changed trigger: delete, checkExists, create; retries of a failed create or delete). HearLink
 * registers nothing (its webhooks are made in its portal): its own file covers that.
 */

const stack = useContractStack();

const sorted = (events: string[]) => [...events].sort();

describe.each(eachKit(SELF_REGISTERING_KITS))('%s trigger lifecycle', (_name, kit: VendorKit) => {
	const lifecycle = kit.lifecycle as LifecycleKit;
	let rig: Rig;
	beforeAll(() => {
		rig = stack().rig(kit);
	});

	const published = async (events = lifecycle.events) => await rig.published(kit.parameters(events));

	it('publish registers exactly the selected events at the production URL, and the node holds the secret of each', async () => {
		const trigger = await published();

		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
		expect(rig.eventsAt(trigger.testUrl())).toEqual([]);
		expect(lifecycle.creates(rig.sandbox)).toBe(lifecycle.events.length);
		const remote = kit.subscriptionsAt(rig.sandbox, trigger.productionUrl());
		const held = rig.secretsOf(trigger);
		expect(held.length).toBeGreaterThan(0);
		expect(new Set(remote.map((subscription) => subscription.secret))).toEqual(new Set(held));
	});

	it('unpublish removes every subscription and forgets the secrets', async () => {
		const trigger = await published();
		await trigger.unpublish();

		expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl())).toEqual([]);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('republishing unchanged makes no new subscription (checkExists says yes)', async () => {
		const trigger = await published();

		expect(await trigger.runHook('checkExists')).toBe(true);
		await trigger.publish();
		expect(lifecycle.creates(rig.sandbox)).toBe(lifecycle.events.length);
		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
	});

	it('never duplicates or leaves a subscription behind over five publish/unpublish cycles', async () => {
		const trigger = rig.trigger(kit.parameters(lifecycle.events));
		for (let cycle = 0; cycle < 5; cycle++) {
			await trigger.publish();
			expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
			await trigger.unpublish();
			expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl())).toEqual([]);
		}
	});

	it('replaces, never adopts or duplicates, the subscriptions after static data is lost (restart, copy, reset)', async () => {
		const trigger = await published();
		const before = kit.subscriptionsAt(rig.sandbox, trigger.productionUrl());
		trigger.forgetStaticData();

		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');

		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
		const after = kit.subscriptionsAt(rig.sandbox, trigger.productionUrl());
		expect(after.filter((subscription) => before.some((old) => old.id === subscription.id))).toEqual([]);
		const held = rig.secretsOf(trigger);
		expect(new Set(after.map((subscription) => subscription.secret))).toEqual(new Set(held));
		expect(held.filter((secret) => before.some((old) => old.secret === secret))).toEqual([]);
	});

	it('fills the gap when a subscription was deleted at the vendor', async () => {
		const trigger = await published();
		const [first] = kit.subscriptionsAt(rig.sandbox, trigger.productionUrl());
		lifecycle.drop(rig.sandbox, first.id);

		expect(await trigger.runHook('checkExists')).toBe(false);
		await trigger.runHook('create');
		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
	});

	it('re-registers exactly the new set when the events change', async () => {
		const trigger = await published();
		// n8n 2.x on a changed trigger: delete, then checkExists, then create.
		await trigger.unpublish();
		trigger.setParameters(kit.parameters(lifecycle.otherEvents));
		await trigger.publish();

		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.otherEvents));
	});

	it('leaves other workflows’ subscriptions and ones made elsewhere untouched', async () => {
		const [event] = lifecycle.events;
		const elsewhere = 'https://crm.example.com/hooks/n8n-neighbour';
		lifecycle.addForeign(rig.sandbox, elsewhere, event);
		const other = await published([event]);
		const mine = await published();
		await mine.unpublish();

		expect(rig.eventsAt(other.productionUrl())).toEqual([event]);
		expect(rig.eventsAt(elsewhere)).toEqual([event]);
		expect(rig.eventsAt(mine.productionUrl())).toEqual([]);
	});

	it('rolls back a publication the vendor refuses part of, naming the event and the vendor’s words', async () => {
		const { events, refused, words } = lifecycle.refuseCreate(rig.sandbox);
		const trigger = rig.trigger(kit.parameters(events));

		const failure = trigger.publish();
		await expect(failure).rejects.toThrow(`${kit.name} did not accept the subscription for ${refused ?? ''}`);
		await expect(failure).rejects.toThrow(words);
		expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl())).toEqual([]);
		expect(trigger.nodeStaticData().subscriptions).toBeUndefined();
	});

	it('fails publish in the vendor’s words when it refuses the API key, leaving nothing', async () => {
		const trigger = rig.trigger(kit.parameters(lifecycle.events), lifecycle.refusedKey.credentials);

		await expect(trigger.publish()).rejects.toThrow(lifecycle.refusedKey.message);
		expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl())).toEqual([]);
	});

	// Where a fault rule can fail creates and deletes alone (not Healthie: one GraphQL endpoint does both).
	const faults = lifecycle.faults;
	if (faults) it('is idempotent under n8n’s retries: a create after a failed create (whose rollback failed too) leaves exactly one set', async () => {
		const trigger = rig.trigger(kit.parameters(lifecycle.events));
		// The third create fails and so does every removal, so the first attempt leaves subscriptions behind.
		rig.sandbox.server.faults.inject({ vendor: kit.slug, ...faults.create, kind: 'status', status: 500, after: 2, times: 2 });
		rig.sandbox.server.faults.inject({ vendor: kit.slug, ...faults.remove, kind: 'status', status: 500, times: 20 });
		await expect(trigger.runHook('create')).rejects.toMatchObject({
			description: expect.stringMatching(/could not be removed again \(.+\); they will be removed on the next publish/),
		});
		expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl()).length).toBeGreaterThan(0);

		rig.sandbox.server.faults.clear();
		await trigger.runHook('create');
		expect(rig.eventsAt(trigger.productionUrl())).toEqual(sorted(lifecycle.events));
	});

	if (kit.deliveries.testSubscriptions) it('unpublishing also removes a test subscription left behind', async () => {
		const trigger = await published();
		await trigger.publish('test');
		expect(rig.eventsAt(trigger.testUrl())).toEqual(sorted(lifecycle.events));

		await trigger.unpublish();
		await eventually(() => expect(kit.subscriptionsAt(rig.sandbox, trigger.testUrl())).toEqual([]));
		expect(kit.subscriptionsAt(rig.sandbox, trigger.productionUrl())).toEqual([]);
	});
});
