import { randomUUID } from 'node:crypto';

import type { CredentialRef, PublishedTrigger, Stack } from '../harness';
import { actionsWorkflow, MANUAL_TRIGGER, nodeOutput, nodeType, startStack, triggerPublisher, triggerWorkflow } from '../harness';
import { VENDOR_KITS } from '../vendors';

/**
 * RxScale in a real n8n, where only RxScale is concerned (test/e2e/contract.e2e.test.ts runs what
 * every trigger shares): a read-only key, stale and header-flipped deliveries, Send Test Delivery,
 * the credential's Test button and the actions. RxScale only delivers to https, so this n8n's
 * webhooks are served behind a TLS proxy (`startStack({ https: true })`): its `N8N_WEBHOOK_URL` is
 * `https://127.0.0.1:<port>/`, which is what the trigger registers at RxScale and where the sandbox
 * (trusting the proxy's self-signed certificate) delivers. RxScale keeps one subscription per event type.
 */

const TRIGGER = 'RxScale Trigger';

let stack: Stack;
let credential: CredentialRef;
// Each scenario publishes its own workflows; none stays subscribed for the next one.
const triggers = triggerPublisher({ stack: () => stack, subscriptionsLeft: () => stack.sandbox.rxScale.active().length });

beforeAll(async () => {
	stack = await startStack({ https: true });
	// RxScale's retries ("exponential backoff", counts undocumented), without the waits.
	stack.sandbox.rxScale.deliveryPolicy = { attempts: 4, backoffMs: () => 50, timeoutMs: 30_000 };
	credential = await stack.n8n.api.createCredential('RxScale (sandbox)', 'rxScaleApi', stack.sandbox.rxScale.credentials());
});

afterAll(async () => {
	await stack?.stop();
});

function rxScaleWorkflow(events: string[], webhookId: string, using: CredentialRef = credential) {
	return triggerWorkflow({
		name: `RxScale ${events.join(' ')} ${webhookId.slice(0, 8)}`,
		triggerName: TRIGGER,
		type: nodeType('rxScaleTrigger'),
		parameters: { events, options: {} },
		credential: using,
		webhookId,
	});
}

async function publishRxScaleTrigger(events: string[]): Promise<PublishedTrigger> {
	return await triggers.publish((webhookId) => rxScaleWorkflow(events, webhookId));
}

function subscriptionsAt(url: string) {
	return stack.sandbox.rxScale.active().filter((subscription) => subscription.target === url);
}

/** The secret RxScale issued for the subscription of `type` at `url` (shown to n8n once, on register). */
function secretAt(url: string, type: string): string {
	const [subscription] = subscriptionsAt(url).filter((candidate) => candidate.notification_type === type);
	expect(subscription?.signing_secret).toMatch(/^whsec_/);
	return subscription.signing_secret!;
}

/** RxScale's signature of `body` exactly as given (the kit's recipe, at the body's own timestamp). */
function signature(secret: string, body: string): string {
	const { timestamp } = JSON.parse(body) as { timestamp: number };
	return VENDOR_KITS.rxScale.signing.sign(Buffer.from(body), secret, timestamp).headers['x-webhook-signature'];
}

/** Posts a delivery signed as RxScale signs one. */
async function deliver(url: string, options: { secret: string; body: string }) {
	return await stack.post(url, { headers: { 'x-webhook-signature': signature(options.secret, options.body) }, body: options.body });
}

const envelope = (type: string, uid?: string) => JSON.stringify(stack.sandbox.rxScale.envelope(type, uid));

describe('publishing and unpublishing in n8n', () => {
	it('a key that may only read: the publication fails naming the permission it lacks, and nothing stays at RxScale', async () => {
		const { api } = stack.n8n;
		const readOnly = await api.createCredential('RxScale (read-only key)', 'rxScaleApi', {
			...stack.sandbox.rxScale.credentials(),
			apiKey: 'rxscale-sandbox-read-only-key',
		});
		const workflow = await api.createWorkflow(rxScaleWorkflow(['pharmacy_order_created'], randomUUID(), readOnly));
		triggers.track(workflow.id);

		await api.publish(workflow.id);

		await expect(api.waitForPublication(workflow.id)).rejects.toThrow(
			/could not publish.*this API key lacks the permission "notification_subscription:write"/,
		);
		expect(stack.sandbox.rxScale.active()).toEqual([]);
	});
});

describe('deliveries through n8n', () => {
	it('a correctly signed delivery dated two days ago, and a header-flipped replay of a fresh one, start nothing', async () => {
		const trigger = await publishRxScaleTrigger(['pharmacy_order_created']);
		const secret = secretAt(trigger.productionUrl, 'pharmacy_order_created');
		const url = trigger.productionUrl;

		const stale = JSON.stringify({ ...JSON.parse(envelope('pharmacy_order_created', 'po-stale')), timestamp: Math.floor(Date.now() / 1000) - 2 * 86_400 });
		const staleAnswer = await deliver(url, { secret, body: stale });
		expect(staleAnswer.status).toBe(401);
		expect(JSON.parse(staleAnswer.body)).toEqual({ error: 'Unauthorized' });

		const fresh = envelope('pharmacy_order_created', 'po-fresh');
		const signed = signature(secret, fresh);
		const first = await stack.post(url, { headers: { 'x-webhook-signature': signed }, body: fresh });
		expect(first.status).toBe(200);
		const flips: Array<Record<string, string>> = [{ 'x-webhook-test': 'true' }, { 'x-webhook-test': 'false' }, { 'x-webhook-event': 'pharmacy_order_updated' }];
		for (const flipped of flips) {
			const replay = await stack.post(url, { headers: { 'x-webhook-signature': signed, ...flipped }, body: fresh });
			expect(replay.status).toBe(200);
		}
		// Another event afterwards, so that "one execution for the replayed delivery" is a settled count.
		expect((await deliver(url, { secret, body: envelope('pharmacy_order_created', 'po-after') })).status).toBe(200);
		const executions = await stack.n8n.api.waitForExecutions(trigger.workflow.id, 2);
		expect(executions.map((execution) => nodeOutput(execution, TRIGGER)[0].data).map((data) => (data as { uid: string }).uid).sort()).toEqual([
			'po-after',
			'po-fresh',
		]);
	});

	it('Send Test Delivery (the RxScale node, in a workflow) reaches the published trigger, which runs marked isTest', async () => {
		const trigger = await publishRxScaleTrigger(['pharmacy_order_created']);
		const { api } = stack.n8n;
		const sender = await api.createWorkflow(
			actionsWorkflow({
				name: 'RxScale: send a test delivery',
				credential,
				steps: [
					{
						name: 'Send test delivery',
						type: nodeType('rxScale'),
						parameters: {
							resource: 'webhook',
							operation: 'sendTestDelivery',
							targetUrl: trigger.productionUrl,
							eventType: 'pharmacy_order_created',
							additionalFields: { headerKey: 'X-Clinic', headerValue: 'berlin-e2e' },
						},
					},
				],
			}),
		);

		const sent = await api.executeManually(sender.id, MANUAL_TRIGGER);

		expect(sent.status).toBe('success');
		expect(nodeOutput(sent, 'Send test delivery')).toEqual([
			{
				sent: true,
				target_url: trigger.productionUrl,
				event_type: 'pharmacy_order_created',
				header_key: 'X-Clinic',
				response: expect.objectContaining({ success: true, status_code: 200 }),
			},
		]);
		const [delivery] = stack.sandbox.server.deliveries.log.filter((record) => record.url === trigger.productionUrl);
		expect(delivery.attempts[0].request.headers).toMatchObject({ 'x-webhook-test': 'true', 'x-clinic': 'berlin-e2e' });
		const executions = await api.waitForExecutions(trigger.workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], TRIGGER)[0]).toMatchObject({ event_type: 'pharmacy_order_created', isTest: true });
	});
});

describe('the editor', () => {
	it("the credential's Test button: OK with the sandbox's key; RxScale's refusal, and the permission a key lacks (403)", async () => {
		const { api } = stack.n8n;
		// A key that reads orders and patients but not subscriptions (RxScale keys carry permissions).
		stack.sandbox.rxScale.keys.set('rxscale-e2e-orders-only-key', ['order:read', 'patient:read']);

		const ok = await api.testCredential(credential);
		const refused = await api.testCredential(credential, { apiKey: 'not-an-rxscale-key' });
		const lacking = await api.testCredential(credential, { apiKey: 'rxscale-e2e-orders-only-key' });

		expect(ok).toMatchObject({ status: 'OK' });
		expect(refused.status).toBe('Error');
		expect(refused.message).toContain('RxScale refused the API key');
		expect(lacking.status).toBe('Error');
		expect(lacking.message).toContain('lacks notification_subscription:read');
		const asked = stack.sandbox.server
			.requestsTo('rxScale', { method: 'GET', path: '/v1/management/notification-subscriptions/' })
			.map((call) => call.headers['x-api-key']);
		expect(new Set(asked)).toEqual(new Set(['rxscale-sandbox-api-key', 'not-an-rxscale-key', 'rxscale-e2e-orders-only-key']));
	});
});

describe('actions in a workflow', () => {
	const step = (name: string, parameters: Record<string, unknown>, executeOnce = false) => ({
		name,
		type: nodeType('rxScale'),
		parameters,
		executeOnce,
	});

	it('Order Get Many → Order Get → Patient Get run against RxScale, each fed the previous output', async () => {
		const { api } = stack.n8n;
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'RxScale: orders and patients',
				credential,
				steps: [
					step('Get many orders', {
						resource: 'order',
						operation: 'getAll',
						returnAll: false,
						limit: 2,
						filters: { shop_identifier: 'hamburg-shop' },
					}),
					step('Get order', { resource: 'order', operation: 'get', orderUid: { __rl: true, mode: 'id', value: '={{ $json.uid }}' } }),
					step('Get patient', { resource: 'patient', operation: 'get', patientUid: '={{ $json.patient_profile.uid }}' }),
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual({
			status: 'success',
			error: undefined,
		});
		const found = nodeOutput(execution, 'Get many orders');
		expect(found.map((order) => [order.uid, (order.shop_order as { shop: { identifier: string } }).shop.identifier])).toEqual([
			['ord-2002', 'hamburg-shop'],
			['ord-2004', 'hamburg-shop'],
		]);
		expect(nodeOutput(execution, 'Get order').map((order) => order.uid)).toEqual(['ord-2002', 'ord-2004']);
		expect(nodeOutput(execution, 'Get patient')).toEqual([
			{ uid: 'pat-3002', data: expect.objectContaining({ display_name: 'Erika Musterfrau' }) },
			{ uid: 'pat-3004', data: expect.objectContaining({ display_name: 'Jonas Weber' }) },
		]);
		const [search] = stack.sandbox.server.requestsTo('rxScale', { method: 'GET', path: '/v1/management/orders' });
		expect(search.query).toMatchObject({ shop_identifier: 'hamburg-shop', limit: '2' });
	});

	it("every resource locator's From List, as the editor asks n8n for it (a search term, the next page), and the chosen values in a workflow run", async () => {
		const { api } = stack.n8n;
		const rxScaleType = nodeType('rxScale');
		const fromList = async (parameter: string, methodName: string, currentNodeParameters: Record<string, unknown>, filter?: string, paginationToken?: string) =>
			await api.searchResourceLocator({ nodeType: rxScaleType, parameter, methodName, currentNodeParameters, credential, filter, paginationToken });

		// Order: RxScale searches (here by the patient's name), 50 a page; the token gives the next page.
		const orderParameters = { resource: 'order', operation: 'get' };
		const jonas = await fromList('orderUid', 'searchOrders', orderParameters, 'Jonas Weber');
		const jonasOrders = [...stack.sandbox.rxScale.orders.values()].filter((order) => order.patient_profile.uid === 'pat-3004');
		expect(jonas.results.map((result) => result.value)).toEqual(jonasOrders.map((order) => order.uid));
		expect(jonas.results[0].name).toMatch(/^ord-2004 · hamburg-shop EXT-1004 · 2026-01-01 · /);
		const firstPage = await fromList('orderUid', 'searchOrders', orderParameters);
		expect(firstPage.paginationToken).toBe('1');
		const secondPage = await fromList('orderUid', 'searchOrders', orderParameters, undefined, firstPage.paginationToken);
		expect(secondPage.results.map((result) => result.value)).toEqual([...stack.sandbox.rxScale.orders.keys()].slice(50, 100));

		// Patient: RxScale finds one patient by email, so the list holds that one and has no further page.
		const patients = await fromList('patientUid', 'searchPatients', { resource: 'patient', operation: 'get' }, 'jonas@example.org');
		expect(patients).toEqual({ results: [{ name: 'Jonas Weber · jonas@example.org · born 1968-07-21', value: 'pat-3004' }] });

		// Subscription: RxScale answers its list whole; n8n filters nothing, the node does.
		stack.sandbox.rxScale.addSubscription('https://stock.example.com/hooks/rxscale', 'pharmacy_sku_stock_updated');
		stack.sandbox.rxScale.addSubscription('https://orders.example.com/hooks/rxscale', 'pharmacy_order_created');
		const subscriptions = await fromList('subscription', 'searchSubscriptions', { resource: 'subscription', operation: 'delete' }, 'stock');
		expect(subscriptions).toEqual({
			results: [{ name: 'Pharmacy SKU Stock Updated → https://stock.example.com/hooks/rxscale', value: expect.stringMatching(/^ns-/) }],
		});

		const chosen = (result: { name: string; value: string | number }) => ({ __rl: true, mode: 'list', value: result.value, cachedResultName: result.name });
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'RxScale: chosen from the lists',
				credential,
				steps: [
					step('Get order', { resource: 'order', operation: 'get', orderUid: chosen(jonas.results[0]) }, true),
					step('Get patient', { resource: 'patient', operation: 'get', patientUid: chosen(patients.results[0]) }, true),
					step('Get patient by email', { resource: 'patient', operation: 'get', patientUid: { __rl: true, mode: 'email', value: 'erika@example.org' } }, true),
					step(
						'Get prescription',
						{ resource: 'prescription', operation: 'get', prescriptionUid: { __rl: true, mode: 'id', value: "={{ $('Get order').first().json.prescriptions[0].uid }}" } },
						true,
					),
					step('Delete subscription', { resource: 'subscription', operation: 'delete', subscription: chosen(subscriptions.results[0]) }, true),
					step(
						'Get appointments',
						{
							resource: 'appointment',
							operation: 'getAll',
							returnAll: false,
							limit: 3,
							filters: { status: 'all', patient_uid: "={{ $('Get patient').first().json.uid }}", from: '2026-03-03T00:00:00' },
						},
						true,
					),
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual({ status: 'success', error: undefined });
		expect(nodeOutput(execution, 'Get order')).toEqual([expect.objectContaining({ uid: 'ord-2004', shop_orders: [expect.objectContaining({ external_id: 'EXT-1004' })] })]);
		expect(nodeOutput(execution, 'Get patient')).toEqual([{ uid: 'pat-3004', data: expect.objectContaining({ display_name: 'Jonas Weber' }) }]);
		expect(nodeOutput(execution, 'Get patient by email')).toEqual([{ uid: 'pat-3006', data: expect.objectContaining({ display_name: 'Paul Musterfrau' }) }]);
		expect(nodeOutput(execution, 'Get prescription')).toEqual([expect.objectContaining({ uid: 'rx-9004', status: 'signed' })]);
		expect(nodeOutput(execution, 'Delete subscription')).toEqual([
			{
				deleted: true,
				uid: subscriptions.results[0].value,
				target: 'https://stock.example.com/hooks/rxscale',
				notification_type: 'pharmacy_sku_stock_updated',
			},
		]);
		expect(stack.sandbox.rxScale.active().map((subscription) => subscription.target)).toEqual(['https://orders.example.com/hooks/rxscale']);
		const jonasAppointments = stack.sandbox.rxScale.appointments.filter(
			(appointment) => appointment.patient_uid === 'pat-3004' && appointment.start_time >= Date.UTC(2026, 2, 3) / 1000,
		);
		expect(nodeOutput(execution, 'Get appointments')).toEqual(jonasAppointments.slice(0, 3));
		stack.sandbox.rxScale.dropSubscription(stack.sandbox.rxScale.active()[0].uid);
	});

	it('Subscription Create → Get Many → Delete run against RxScale; the signing secret never reaches the execution', async () => {
		const { api } = stack.n8n;
		const target = 'https://stock.example.com/hooks/rxscale';
		const workflow = await api.createWorkflow(
			actionsWorkflow({
				name: 'RxScale: subscriptions',
				credential,
				steps: [
					step('Create', {
						resource: 'subscription',
						operation: 'create',
						notificationType: 'pharmacy_sku_stock_updated',
						target,
						additionalFields: {},
					}),
					step('Get Many', { resource: 'subscription', operation: 'getAll', returnAll: true }),
					step(
						'Delete',
						{
							resource: 'subscription',
							operation: 'delete',
							subscription: { __rl: true, mode: 'id', value: "={{ $('Create').first().json.uid }}" },
						},
						true,
					),
				],
			}),
		);

		const execution = await api.executeManually(workflow.id, MANUAL_TRIGGER);

		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual({
			status: 'success',
			error: undefined,
		});
		const [created] = nodeOutput(execution, 'Create');
		expect(created).toMatchObject({ notification_type: 'pharmacy_sku_stock_updated', target, signingSecretReturned: true });
		expect(nodeOutput(execution, 'Get Many')).toContainEqual(expect.objectContaining({ uid: created.uid, target }));
		expect(nodeOutput(execution, 'Delete')).toEqual([
			{ deleted: true, uid: created.uid, target, notification_type: 'pharmacy_sku_stock_updated' },
		]);
		expect(stack.sandbox.rxScale.active()).toEqual([]);
		expect(JSON.stringify(execution)).not.toContain('whsec_');
	});
});
