import { randomUUID } from 'node:crypto';

import { storedSubscriptions } from '../../nodes/shared/subscriptions';
import { credentialsFor } from '../vendors';
import type { Delivery, VendorKit } from '../vendors';
import type { CredentialRef, Workflow } from './n8nApi';
import type { Stack } from './stack';
import type { TriggerPublisher } from './triggers';
import { triggerPublisher } from './triggers';
import { nodeType, triggerWorkflow } from './workflows';

/**
 * A vendor kit's trigger in a scenario file's real n8n, set up as an admin would (a credential for
 * the sandbox's account, HearLink's portal webhook made for the URL): create, publish, read the
 * secrets the node keeps, post deliveries. Whatever a scenario published is unpublished after it,
 * and the vendors are waited on until they hold none of its subscriptions.
 */

export interface KitTrigger {
	kit: VendorKit;
	workflow: Workflow;
	webhookId: string;
	triggerName: string;
	credential: CredentialRef;
	credentialData: Record<string, string>;
	productionUrl: string;
	testUrl: string;
}

export interface KitTriggerOptions {
	/** The trigger's version (default 2). */
	typeVersion?: number;
	/** Remove Duplicates on `dedupeKey` between the trigger and No Operation. */
	dedupe?: boolean;
}

export interface KitTriggers {
	publisher: TriggerPublisher;
	/** A trigger → No Operation workflow with `parameters`, created, not published. */
	create(kit: VendorKit, parameters: Record<string, unknown>, options?: KitTriggerOptions): Promise<KitTrigger>;
	publish(kit: VendorKit, parameters: Record<string, unknown>, options?: KitTriggerOptions): Promise<KitTrigger>;
	/** The subscriptions (and secrets) the node keeps in the workflow's static data. */
	stored(trigger: KitTrigger): Promise<ReturnType<typeof storedSubscriptions>>;
	/** The secret deliveries of `event` are signed with, as the node holds it (its stored subscription's, or the credential's). */
	secretFor(trigger: KitTrigger, event: string): Promise<string>;
	/** POSTs a delivery's exact bytes through the stack's front; the status. */
	post(url: string, delivery: Delivery): Promise<number>;
}

export function kitTriggers(stack: () => Stack): KitTriggers {
	/** URLs whose subscriptions this scenario's triggers registered: none may be left after it. */
	let registered: Array<{ kit: VendorKit; url: string }> = [];
	const publisher = triggerPublisher({
		stack,
		subscriptionsLeft: () => registered.reduce((left, { kit, url }) => left + kit.subscriptionsAt(stack().sandbox, url).length, 0),
	});
	beforeEach(() => {
		registered = [];
	});

	async function create(kit: VendorKit, parameters: Record<string, unknown>, options: KitTriggerOptions = {}): Promise<KitTrigger> {
		const { n8n, sandbox } = stack();
		const webhookId = randomUUID();
		const productionUrl = n8n.webhookUrl(webhookId, 'production');
		const testUrl = n8n.webhookUrl(webhookId, 'test');
		const type = nodeType(kit.trigger.description.name);
		const triggerName = kit.trigger.description.defaults.name!;
		const credentialData = credentialsFor(kit, sandbox, [{ type, parameters, productionUrl }]);
		const credential = await n8n.api.createCredential(`${kit.name} ${webhookId.slice(0, 8)}`, kit.credentialType.name, credentialData);
		const workflow = await n8n.api.createWorkflow(
			triggerWorkflow({ name: `${kit.name} ${webhookId.slice(0, 8)}`, triggerName, type, parameters, credential, webhookId, ...options }),
		);
		if (kit.selfRegisters) registered.push({ kit, url: productionUrl }, { kit, url: testUrl });
		return { kit, workflow, webhookId, triggerName, credential, credentialData, productionUrl, testUrl };
	}

	async function stored(trigger: KitTrigger) {
		const staticData = (await stack().n8n.api.getWorkflow(trigger.workflow.id)).staticData ?? {};
		return storedSubscriptions((staticData[`node:${trigger.triggerName}`] ?? {}) as Record<string, never>);
	}

	return {
		publisher,
		create,
		async publish(kit, parameters, options) {
			const trigger = await create(kit, parameters, options);
			await publisher.publishCreated(trigger.workflow);
			return trigger;
		},
		stored,
		async secretFor(trigger, event) {
			const subscriptions = await stored(trigger);
			const secret = (subscriptions.find((subscription) => subscription.events.includes(event)) ?? subscriptions[0])?.secret;
			return secret ?? trigger.credentialData.webhookSigningSecret;
		},
		async post(url, delivery) {
			return (await stack().post(url, { headers: delivery.headers, body: delivery.rawBody.toString('utf8') })).status;
		},
	};
}
