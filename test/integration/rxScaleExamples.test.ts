import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { RxScale } from '../../nodes/RxScale/RxScale.node';
import { RxScaleTrigger } from '../../nodes/RxScale/RxScaleTrigger.node';
import type { Sandbox } from '../sandbox';
import { ActionHarness, PACKAGE, TriggerHarness } from '../support/n8nCore';
import type { HttpsDeliveryStack, TlsProxy } from '../support/tls';
import { startHttpsDeliveryStack } from '../support/tls';
import type { WebhookReceiver } from '../support/webhookReceiver';

/** The example workflows in examples/, run with their own parameters against the sandbox. */

interface ExampleNode {
	name: string;
	type: string;
	parameters: IDataObject;
	webhookId?: string;
	credentials?: Record<string, { id: string | null; name: string }>;
}

function example(file: string): { nodes: ExampleNode[]; connections: Record<string, unknown> } {
	return JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8'));
}

function node(workflow: { nodes: ExampleNode[] }, name: string): ExampleNode {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`example has no node "${name}"`);
	return found;
}

let stack: HttpsDeliveryStack;
let sandbox: Sandbox;
let receiver: WebhookReceiver;
let proxy: TlsProxy;

beforeAll(async () => {
	stack = await startHttpsDeliveryStack();
	({ sandbox, receiver, proxy } = stack);
	sandbox.rxScale.deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
});

afterAll(async () => await stack.stop());

beforeEach(() => sandbox.server.reset());

function triggerFrom(trigger: ExampleNode): TriggerHarness {
	const harness = new TriggerHarness({
		trigger: new RxScaleTrigger(),
		credentialTypes: [new RxScaleApi()],
		credentials: { rxScaleApi: sandbox.rxScale.credentials() },
		parameters: trigger.parameters,
		n8nBaseUrl: proxy.url,
		webhookId: trigger.webhookId,
		nodeName: trigger.name,
	});
	receiver.register(harness);
	return harness;
}

const actions = () =>
	new ActionHarness({
		node: new RxScale(),
		credentialTypes: [new RxScaleApi()],
		credentials: { rxScaleApi: sandbox.rxScale.credentials() },
	});

describe.each(['rxscale-pharmacy-order-notify.json', 'rxscale-send-test-delivery.json'])('%s', (file) => {
	it('uses this package’s node types and the "RxScale (sandbox)" credential', () => {
		const ours = example(file).nodes.filter((candidate) => candidate.type.startsWith(`${PACKAGE}.`));
		expect(ours.length).toBeGreaterThanOrEqual(2);
		for (const candidate of ours) {
			expect([`${PACKAGE}.rxScale`, `${PACKAGE}.rxScaleTrigger`]).toContain(candidate.type);
			expect(candidate.credentials).toEqual({ rxScaleApi: { id: null, name: 'RxScale (sandbox)' } });
		}
	});
});

describe('pharmacy order → notify', () => {
	it('the trigger receives an order event and "Get the order" fetches the order it belongs to', async () => {
		const workflow = example('rxscale-pharmacy-order-notify.json');
		const trigger = triggerFrom(node(workflow, 'RxScale Trigger'));
		await trigger.publish();
		await sandbox.rxScale.emit('pharmacy_order_created', 'po-1003');

		const [execution] = receiver.executionsOf(trigger);
		const [[order]] = await actions().run({ parameters: node(workflow, 'Get the order').parameters, items: execution.items });
		expect(order.json).toMatchObject({ uid: 'ord-2003', shop_orders: [{ external_id: 'EXT-1003' }] });
	});
});

describe('send a test delivery', () => {
	it('the published trigger in the same workflow runs once, marked isTest', async () => {
		const workflow = example('rxscale-send-test-delivery.json');
		const trigger = triggerFrom(node(workflow, 'RxScale Trigger'));
		await trigger.publish();

		const send = node(workflow, 'Send test delivery').parameters;
		const targetUrl = String(send.targetUrl).replace('https://n8n.example.com', proxy.url);
		expect(targetUrl).toBe(trigger.productionUrl());
		await actions().run({ parameters: { ...send, targetUrl } });

		const executions = receiver.executionsOf(trigger);
		expect(executions).toHaveLength(1);
		expect(executions[0].items[0]).toMatchObject({ event_type: 'pharmacy_order_created', isTest: true });
	});
});
