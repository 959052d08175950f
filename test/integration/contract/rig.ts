import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { Agent, request } from 'undici';

import { storedSubscriptions } from '../../../nodes/shared/subscriptions';
import type { Sandbox } from '../../sandbox';
import { TriggerHarness } from '../../support/n8nCore';
import type { HttpsDeliveryStack } from '../../support/tls';
import { startHttpsDeliveryStack } from '../../support/tls';
import type { WebhookReceiver } from '../../support/webhookReceiver';
import { credentialsFor } from '../../vendors';
import type { Delivery, VendorKit } from '../../vendors';

/**
 * What the contract suites (test/integration/contract) run every vendor's trigger in: its real
 * code inside n8n-core's contexts, against the sandbox over real HTTP, deliveries arriving at a
 * stand-in of n8n's webhook server — through a TLS front (self-signed, trusted by the sandbox) for
 * vendors that only deliver to https. A rig is one vendor's view of it: triggers set up as an
 * admin would (with the credential the sandbox accepts, and what the vendor needs set up by hand),
 * what the vendor holds, what the node holds, and deliveries signed with the kit's recipe.
 */

export interface ContractStack {
	sandbox: Sandbox;
	receiver: WebhookReceiver;
	rig(kit: VendorKit): Rig;
	stop(): Promise<void>;
}

/**
 * One contract stack for a test file: started before its first test, stopped after its last, the
 * sandbox reset before each test. Read it through the returned getter.
 */
export function useContractStack(): () => ContractStack {
	let stack: ContractStack | undefined;
	beforeAll(async () => {
		stack = await startContractStack();
	});
	afterAll(async () => {
		await stack?.stop();
	});
	beforeEach(() => stack!.sandbox.server.reset());
	return () => stack!;
}

export async function startContractStack(): Promise<ContractStack> {
	const stack: HttpsDeliveryStack = await startHttpsDeliveryStack();
	const client = new Agent({ connect: { ca: stack.certificate.cert } });
	for (const simulation of stack.sandbox.server.simulations()) {
		// One attempt per delivery: a refusal is seen at once, not after the vendor's retries.
		(simulation as unknown as { deliveryPolicy: object }).deliveryPolicy = { attempts: 1, backoffMs: () => 0, timeoutMs: 5000 };
	}
	return {
		sandbox: stack.sandbox,
		receiver: stack.receiver,
		rig: (kit) => new Rig(kit, stack, client),
		stop: async () => {
			await stack.stop();
			await client.close();
		},
	};
}

let webhookCounter = 0;

export class Rig {
	constructor(
		readonly kit: VendorKit,
		private readonly stack: HttpsDeliveryStack,
		private readonly client: Agent,
	) {}

	get sandbox(): Sandbox {
		return this.stack.sandbox;
	}

	get receiver(): WebhookReceiver {
		return this.stack.receiver;
	}

	/**
	 * A trigger node with these parameters in a workflow of its own, whose credential is what an admin
	 * would set up for it (for HearLink: a webhook made in its portal for this Production URL), with
	 * `credentials` changed on top.
	 */
	trigger(parameters: IDataObject, credentials: ICredentialDataDecryptedObject = {}): TriggerHarness {
		webhookCounter++;
		const type = this.kit.credentialType.name;
		const harness = new TriggerHarness({
			trigger: this.kit.trigger,
			credentialTypes: [this.kit.credentialType],
			credentials: {},
			parameters,
			n8nBaseUrl: this.kit.https ? this.stack.proxy.url : this.stack.receiver.url,
			webhookId: `c0c0c0c0-0000-4000-8000-${String(webhookCounter).padStart(12, '0')}`,
		});
		const triggers = [{ type: harness.node.type, parameters, productionUrl: harness.productionUrl() }];
		harness.credentialsHelper.data[type] = { ...credentialsFor(this.kit, this.sandbox, triggers), ...credentials };
		this.stack.receiver.register(harness);
		return harness;
	}

	async published(parameters: IDataObject): Promise<TriggerHarness> {
		const harness = this.trigger(parameters);
		await harness.publish();
		return harness;
	}

	/** The events the vendor holds subscriptions for at `url`, sorted (repeats kept, so a duplicate shows). */
	eventsAt(url: string): string[] {
		return this.kit
			.subscriptionsAt(this.sandbox, url)
			.flatMap((subscription) => subscription.events)
			.sort();
	}

	/** Every secret the node holds for a mode: its stored subscriptions' or, where the vendor keeps none there, the credential's. */
	secretsOf(harness: TriggerHarness, mode: 'production' | 'test' = 'production'): string[] {
		const stored = storedSubscriptions(harness.nodeStaticData(mode))
			.map((subscription) => subscription.secret)
			.filter((secret): secret is string => Boolean(secret));
		const credential = String(harness.credentialsHelper.data[this.kit.credentialType.name]?.webhookSigningSecret ?? '');
		return [...new Set(stored.length > 0 ? stored : [credential].filter(Boolean))];
	}

	/** The secret the vendor signs deliveries of `event` with, as the node holds it. */
	secretFor(harness: TriggerHarness, event: string): string {
		const stored = storedSubscriptions(harness.nodeStaticData()).find((subscription) => subscription.events.includes(event));
		return stored?.secret ?? this.secretsOf(harness)[0];
	}

	/** A delivery of `event` (envelope `i`) to the trigger's Production URL, signed with the kit's recipe. */
	signed(harness: TriggerHarness, event: string, i: number, options: { secret?: string; timestampSeconds?: number } = {}): Delivery {
		const body = Buffer.from(JSON.stringify(this.kit.envelope(event, i, Math.floor(Date.now() / 1000))));
		const secret = options.secret ?? this.secretFor(harness, event);
		return this.kit.signing.sign(body, secret, options.timestampSeconds ?? Math.floor(Date.now() / 1000), harness.productionUrl());
	}

	/** POSTs a delivery to `url` as the vendor (or a forger) would. */
	async post(url: string, delivery: Delivery): Promise<{ status: number; body: string }> {
		const response = await request(url, { method: 'POST', body: delivery.rawBody, headers: delivery.headers, dispatcher: this.client });
		return { status: response.statusCode, body: await response.body.text() };
	}
}
