import type { Stack } from '../harness';
import { kitTriggers, nodeOutput, nodeType, NO_OP, startStack, TIMEOUTS, triggerWorkflow } from '../harness';
import { eventually } from '../support/eventually';
import { eachKit, KITS, SELF_REGISTERING_KITS } from '../vendors';
import type { VendorKit } from '../vendors';
import type { LifecycleKit } from '../vendors/kit';

/**
 * The scenarios every trigger shares (test/integration/contract runs them in process), in a real
 * n8n: n8n itself decides when to call checkExists/create/delete, with which URL, retries them its
 * own way and answers the deliveries; the sandbox records what reached each vendor. One n8n for all
 * vendors, behind the https front (RxScale only delivers to https; the others do too, as behind a
 * production reverse proxy). Slow scenarios (a restart, n8n's create retries) run for every vendor
 * at once. What only one vendor does stays in its own file.
 */

let stack: Stack;
const { create, publish, stored, secretFor, post, publisher: triggers } = kitTriggers(() => stack);

beforeAll(async () => {
	stack = await startStack({ https: true });
	for (const simulation of stack.sandbox.server.simulations()) {
		// The vendors' retries, without their waits.
		(simulation as unknown as { deliveryPolicy: object }).deliveryPolicy = { attempts: 3, backoffMs: () => 50, timeoutMs: 30_000 };
	}
});

afterAll(async () => {
	await stack?.stop();
});

const sorted = (events: string[]) => [...events].sort();
const eventsAt = (kit: VendorKit, url: string) => sorted(kit.subscriptionsAt(stack.sandbox, url).flatMap((subscription) => subscription.events));

describe.each(eachKit(SELF_REGISTERING_KITS))('%s trigger lifecycle in n8n', (_name, kit: VendorKit) => {
	const lifecycle = kit.lifecycle as LifecycleKit;

	it("publish registers exactly the selected events at n8n's production URL with the secrets the node keeps; unpublish removes them all, forgets the secrets and the URL stops answering", async () => {
		const trigger = await publish(kit, kit.parameters(lifecycle.events));

		expect(trigger.productionUrl).toBe(`${stack.n8n.webhookBaseUrl}/webhook/${trigger.webhookId}/webhook`);
		expect(trigger.productionUrl).toMatch(/^https:\/\//);
		expect(eventsAt(kit, trigger.productionUrl)).toEqual(sorted(lifecycle.events));
		expect(lifecycle.creates(stack.sandbox)).toBe(lifecycle.events.length);
		const secrets = kit.subscriptionsAt(stack.sandbox, trigger.productionUrl).map((subscription) => subscription.secret!);
		expect(new Set((await stored(trigger)).map((subscription) => subscription.secret))).toEqual(new Set(secrets));

		await stack.n8n.api.unpublish(trigger.workflow.id);

		await eventually(() => expect(kit.subscriptionsAt(stack.sandbox, trigger.productionUrl)).toEqual([]), TIMEOUTS.publication, 250);
		const left = JSON.stringify((await stack.n8n.api.getWorkflow(trigger.workflow.id)).staticData ?? {});
		for (const secret of secrets) expect(left).not.toContain(secret);
		await eventually(async () => expect((await stack.post(trigger.productionUrl, { body: '{}' })).status).toBe(404), TIMEOUTS.publication, 250);
	});

	it('changing the events of a published workflow re-registers exactly the new set, and deliveries run for it', async () => {
		const trigger = await publish(kit, kit.parameters(lifecycle.events));
		const oldIds = kit.subscriptionsAt(stack.sandbox, trigger.productionUrl).map((subscription) => subscription.id);

		const changed = kit.parameters(lifecycle.otherEvents);
		const updated = await stack.n8n.api.updateWorkflow(
			trigger.workflow.id,
			triggerWorkflow({ name: trigger.workflow.name, triggerName: trigger.triggerName, type: nodeType(kit.trigger.description.name), parameters: changed, credential: trigger.credential, webhookId: trigger.webhookId }),
		);
		await stack.n8n.api.waitForPublication(trigger.workflow.id, updated.versionId);
		await eventually(() => expect(eventsAt(kit, trigger.productionUrl)).toEqual(sorted(lifecycle.otherEvents)), TIMEOUTS.publication, 250);

		const ids = kit.subscriptionsAt(stack.sandbox, trigger.productionUrl).map((subscription) => subscription.id);
		expect(ids.filter((id) => oldIds.includes(id))).toEqual([]);
		const [event] = lifecycle.otherEvents;
		const [delivery] = await kit.emit(stack.sandbox, event);
		expect(delivery.delivered).toBe(true);
		const [execution] = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(JSON.stringify(nodeOutput(execution, trigger.triggerName))).toContain(event);
	});

	if (kit.deliveries.testSubscriptions) {
		it('"Listen for test event" subscribes the Test URL with a secret of its own, runs once, then removes only the test subscription', async () => {
			const [event] = kit.deliveries.events;
			const trigger = await publish(kit, kit.parameters([event]));
			const { api } = stack.n8n;

			expect(await api.runFromTrigger(trigger.workflow.id, trigger.triggerName)).toMatchObject({ waitingForWebhook: true });
			await eventually(() => expect(eventsAt(kit, trigger.testUrl)).toEqual([event]), TIMEOUTS.publication, 250);
			const [testSecret] = kit.subscriptionsAt(stack.sandbox, trigger.testUrl).map((subscription) => subscription.secret);
			const productionSecrets = kit.subscriptionsAt(stack.sandbox, trigger.productionUrl).map((subscription) => subscription.secret);
			expect(productionSecrets).not.toContain(testSecret);

			const deliveries = await kit.emit(stack.sandbox, event);
			expect(deliveries.map((delivery) => [delivery.url, delivery.delivered]).sort()).toEqual(
				[
					[trigger.productionUrl, true],
					[trigger.testUrl, true],
				].sort(),
			);

			await eventually(() => expect(kit.subscriptionsAt(stack.sandbox, trigger.testUrl)).toEqual([]), TIMEOUTS.publication, 250);
			expect(eventsAt(kit, trigger.productionUrl)).toEqual([event]);
			const executions = await api.waitForExecutions(trigger.workflow.id, 2);
			expect(executions.map((execution) => execution.mode).sort()).toEqual(['manual', 'webhook']);
		});
	}
});

describe('every self-registering trigger at once', () => {
	it('restarting n8n makes no duplicate, and deliveries still start each workflow', async () => {
		const published = await Promise.all(SELF_REGISTERING_KITS.map(async (kit) => await publish(kit, kit.parameters(kit.deliveries.events))));
		const before = published.map(({ kit, productionUrl }) => kit.subscriptionsAt(stack.sandbox, productionUrl).map((subscription) => subscription.id));
		const creates = published.map(({ kit }) => kit.lifecycle!.creates(stack.sandbox));

		await stack.n8n.restart();
		for (const { workflow } of published) await stack.n8n.api.waitForPublication(workflow.id);

		for (const [index, { kit, workflow, productionUrl }] of published.entries()) {
			expect({ vendor: kit.name, ids: kit.subscriptionsAt(stack.sandbox, productionUrl).map((subscription) => subscription.id) }).toEqual({ vendor: kit.name, ids: before[index] });
			expect({ vendor: kit.name, creates: kit.lifecycle!.creates(stack.sandbox) }).toEqual({ vendor: kit.name, creates: creates[index] });
			const [delivery] = await kit.emit(stack.sandbox, kit.deliveries.events[0]);
			expect(delivery.delivered).toBe(true);
			expect(await stack.n8n.api.waitForExecutions(workflow.id, 1)).toHaveLength(1);
		}
	});

	it("a create the vendor refuses for good: n8n reports the publication failed in the vendor's words (after its retries), and nothing is left at the vendor", async () => {
		const refusals = await Promise.all(
			SELF_REGISTERING_KITS.map(async (kit) => {
				const { events, words } = kit.lifecycle!.refuseCreate(stack.sandbox);
				const trigger = await create(kit, kit.parameters(events));
				triggers.track(trigger.workflow.id);
				await stack.n8n.api.publish(trigger.workflow.id);
				const failure = await stack.n8n.api.waitForPublication(trigger.workflow.id).then(
					() => 'published',
					(error: Error) => error.message,
				);
				return { kit, trigger, failure, words };
			}),
		);

		for (const { kit, trigger, failure, words } of refusals) {
			expect(failure).toMatch(new RegExp(`could not publish.*${kit.name} did not accept the subscription for`));
			expect(failure).toMatch(words);
			expect(kit.subscriptionsAt(stack.sandbox, trigger.productionUrl)).toEqual([]);
		}
	});

	const faulty = SELF_REGISTERING_KITS.filter((kit) => kit.lifecycle?.faults);
	it(`a create that fails half-way is rolled back, and n8n's own retry ends with exactly the selected events (${faulty.map((kit) => kit.name).join(', ')})`, async () => {
		for (const kit of faulty) {
			stack.sandbox.server.faults.inject({ vendor: kit.slug, ...kit.lifecycle!.faults!.create, kind: 'status', status: 503, after: 1, times: 1 });
		}
		const published = await Promise.all(faulty.map(async (kit) => await publish(kit, kit.parameters(kit.lifecycle!.events))));

		for (const { kit, workflow, productionUrl } of published) {
			const { events } = kit.lifecycle!;
			expect(eventsAt(kit, productionUrl)).toEqual(sorted(events));
			expect(kit.lifecycle!.creates(stack.sandbox)).toBeGreaterThan(events.length);
			const [delivery] = await kit.emit(stack.sandbox, events[events.length - 1]);
			expect(delivery.delivered).toBe(true);
			expect(await stack.n8n.api.waitForExecutions(workflow.id, 1)).toHaveLength(1);
		}
	});
});

describe.each(eachKit(KITS))('%s trigger deliveries in n8n', (_name, kit: VendorKit) => {
	it('a delivery the vendor signed starts exactly one execution whose output, passed on to the next node, is the expected item', async () => {
		const { sample } = kit.deliveries;
		const trigger = await publish(kit, sample.parameters);

		const [delivery, ...others] = await sample.send(stack.sandbox);

		expect(others).toEqual([]);
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([200]);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'webhook' });
		const items = nodeOutput(executions[0], trigger.triggerName);
		expect(items).toEqual([sample.item(delivery, stack.sandbox)]);
		expect(items[0]).not.toHaveProperty('recordError');
		expect(nodeOutput(executions[0], NO_OP)).toEqual(items);
	});

	it('forged, tampered, unsigned and stale deliveries get 401; an unselected event and a replay are acknowledged; only the genuine delivery runs, once', async () => {
		const [event] = kit.deliveries.events;
		const trigger = await publish(kit, kit.parameters(kit.deliveries.events));
		const url = trigger.productionUrl;
		const secret = await secretFor(trigger, event);
		const now = Math.floor(Date.now() / 1000);
		const body = (i: number, type = event) => Buffer.from(JSON.stringify(kit.envelope(type, i, now)));
		const sign = (raw: Buffer, options: { secret?: string; at?: number } = {}) => kit.signing.sign(raw, options.secret ?? secret, options.at ?? now, url);

		const refused = [
			await post(url, sign(body(2001), { secret: `${secret}-not` })),
			await post(url, { ...sign(body(2002)), rawBody: body(2003) }),
			await post(url, { rawBody: body(2004), headers: Object.fromEntries(Object.entries(sign(body(2004)).headers).filter(([name]) => !kit.signing.headers.includes(name))) }),
			...(kit.signing.windowSeconds === undefined ? [] : [await post(url, sign(body(2005), { at: now - kit.signing.windowSeconds - 600 }))]),
		];
		expect(refused).toEqual(refused.map(() => 401));
		expect(await post(url, sign(body(2006, kit.deliveries.unselected)))).toBe(200);

		const genuine = sign(body(2007));
		expect([await post(url, genuine), await post(url, genuine)]).toEqual([200, 200]);
		// The genuine delivery has run: it is the only execution there is.
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(JSON.stringify(nodeOutput(executions[0], trigger.triggerName))).toContain('2007');
	});

	it('version 1 of the trigger (workflows made before version 2) and version 2 read the raw body whatever content type the delivery has', async () => {
		const [event] = kit.deliveries.events;
		// At version 2 n8n parses a JSON body itself and skips bodies it cannot parse: neither may stop the raw bytes reaching the check.
		for (const typeVersion of [1, 2]) {
			const trigger = await publish(kit, kit.parameters([event]), { typeVersion });
			const secret = await secretFor(trigger, event);
			const now = Math.floor(Date.now() / 1000);
			// What the vendors send, and a type n8n does not parse (then only the node reads the body).
			const contentTypes = ['application/json', 'application/json; charset=utf-8', 'application/octet-stream'];
			for (const [i, contentType] of contentTypes.entries()) {
				const delivery = kit.signing.sign(Buffer.from(JSON.stringify(kit.envelope(event, 3000 + i, now))), secret, now, trigger.productionUrl);
				expect(await post(trigger.productionUrl, { rawBody: delivery.rawBody, headers: { ...delivery.headers, 'content-type': contentType } })).toBe(200);
			}
			const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, contentTypes.length);
			expect(executions).toHaveLength(contentTypes.length);
		}
	});
});
