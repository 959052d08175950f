import { eventually } from '../../support/eventually';
import type { TriggerHarness } from '../../support/n8nCore';
import { eachKit } from '../../vendors';
import type { Delivery, VendorKit } from '../../vendors';
import type { Rig } from './rig';
import { useContractStack } from './rig';

/**
 * The delivery pipeline every trigger shares (nodes/shared/delivery.ts behind each vendor's
 * verification), run over every vendor kit: the trigger's real `webhook()` in n8n-core's
 * WebhookContext behind a stand-in of n8n's webhook server, deliveries sent by the sandbox as the
 * vendor sends them or signed here with the kit's recipe. What only one vendor does (Healthie's
 * signed path and digest spellings, HearLink's retries and rotation, RxScale's body timestamp and
 * test deliveries, Hero's full record) stays in that vendor's own file.
 */

const stack = useContractStack();

const nowSeconds = () => Math.floor(Date.now() / 1000);
let envelopes = 1000;
/** Two envelope numbers of the same length: a body and its one-character change. */
const nextPair = () => {
	envelopes += 2;
	return [envelopes, envelopes + 1] as const;
};

function without(delivery: Delivery, headers: string[]): Delivery {
	return { rawBody: delivery.rawBody, headers: Object.fromEntries(Object.entries(delivery.headers).filter(([name]) => !headers.includes(name))) };
}

describe.each(eachKit())('%s trigger deliveries', (_name, kit: VendorKit) => {
	let rig: Rig;
	beforeAll(() => {
		rig = stack().rig(kit);
	});

	const [event] = kit.deliveries.events;
	const published = async () => await rig.published(kit.parameters(kit.deliveries.events));
	const executions = (trigger: TriggerHarness, mode: 'production' | 'test' = 'production') => rig.receiver.executionsOf(trigger, mode);

	it('runs the workflow exactly once for a delivery the vendor signed, with the expected item and no secret in it', async () => {
		const { sample } = kit.deliveries;
		const trigger = await rig.published(sample.parameters);

		const [delivery, ...others] = await sample.send(rig.sandbox);

		expect(others).toEqual([]);
		expect(delivery.delivered).toBe(true);
		expect(executions(trigger)).toHaveLength(1);
		const { items } = executions(trigger)[0];
		expect(items).toEqual([sample.item(delivery, rig.sandbox)]);
		expect(items[0]).not.toHaveProperty('recordError');
		for (const secret of rig.secretsOf(trigger)) expect(JSON.stringify(items)).not.toContain(secret);
	});

	const refusals: Array<[string, (trigger: TriggerHarness) => Delivery]> = [
		['forged (signed with another secret)', (trigger) => rig.signed(trigger, event, nextPair()[0], { secret: `${rig.secretFor(trigger, event)}-not` })],
		[
			'tampered (one character changed after signing)',
			(trigger) => {
				const [signedOne, sentOne] = nextPair();
				const sent = rig.signed(trigger, event, sentOne);
				return { ...rig.signed(trigger, event, signedOne), rawBody: sent.rawBody };
			},
		],
		['unsigned (no signature headers)', (trigger) => without(rig.signed(trigger, event, nextPair()[0]), kit.signing.headers)],
	];
	const window = kit.signing.windowSeconds;
	if (window !== undefined) {
		refusals.push([
			`stale (signed ten minutes before its ${window} s window)`,
			(trigger) => rig.signed(trigger, event, nextPair()[0], { timestampSeconds: nowSeconds() - window - 600 }),
		]);
	}

	it.each(refusals)('refuses a delivery %s with 401, no execution and no secret in the answer', async (_kind, make) => {
		const trigger = await published();
		const answer = await rig.post(trigger.productionUrl(), make(trigger));

		expect(answer.status).toBe(401);
		expect(executions(trigger)).toHaveLength(0);
		for (const secret of rig.secretsOf(trigger)) expect(answer.body).not.toContain(secret);
	});

	it('runs once for a delivery sent again (a replay, or the vendor retrying one it saw fail)', async () => {
		const trigger = await published();
		const delivery = rig.signed(trigger, event, nextPair()[0]);

		expect((await rig.post(trigger.productionUrl(), delivery)).status).toBe(200);
		expect((await rig.post(trigger.productionUrl(), delivery)).status).toBe(200);
		expect(executions(trigger)).toHaveLength(1);
	});

	it('acknowledges a signed event it did not select (200) without running', async () => {
		const trigger = await published();
		const answer = await rig.post(trigger.productionUrl(), rig.signed(trigger, kit.deliveries.unselected, nextPair()[0]));

		expect(answer.status).toBe(200);
		expect(executions(trigger)).toHaveLength(0);
	});

	it('refuses every delivery with a bare 401 when it holds no secret (fail closed)', async () => {
		const trigger = await published();
		const delivery = rig.signed(trigger, event, nextPair()[0]);
		if (kit.secretIn === 'staticData') trigger.forgetStaticData();
		else trigger.credentialsHelper.data[kit.credentialType.name] = { ...trigger.credentialsHelper.data[kit.credentialType.name], webhookSigningSecret: '' };

		const answer = await rig.post(trigger.productionUrl(), delivery);
		expect(answer.status).toBe(401);
		expect(JSON.parse(answer.body)).toEqual({ error: 'Unauthorized' });
		expect(executions(trigger)).toHaveLength(0);
	});

	// HearLink registers nothing for "Listen for test event": its own file has the portal's Test press.
	if (kit.deliveries.testSubscriptions) {
		it('listening for a test event adds a second subscription at the Test URL with its own secret, and removes it after the event', async () => {
			const trigger = await rig.published(kit.parameters([event]));
			await trigger.publish('test');

			expect(rig.eventsAt(trigger.productionUrl())).toEqual([event]);
			expect(rig.eventsAt(trigger.testUrl())).toEqual([event]);
			if (kit.https) expect(trigger.testUrl()).toMatch(/^https:\/\//);
			const production = rig.secretsOf(trigger);
			expect(rig.secretsOf(trigger, 'test').filter((secret) => production.includes(secret))).toEqual([]);

			await kit.emit(rig.sandbox, event);
			expect(executions(trigger, 'test')).toHaveLength(1);
			expect(executions(trigger, 'production')).toHaveLength(1);
			await eventually(() => expect(kit.subscriptionsAt(rig.sandbox, trigger.testUrl())).toEqual([]));
			expect(rig.eventsAt(trigger.productionUrl())).toEqual([event]);
		});
	}
});
