import { randomUUID } from 'node:crypto';

import { eventually } from '../support/eventually';
import type { Workflow, WorkflowDefinition } from './n8nApi';
import { TIMEOUTS } from './n8nApi';
import type { Stack } from './stack';

/** A published trigger workflow and the URLs n8n gave its trigger. */
export interface PublishedTrigger {
	workflow: Workflow;
	webhookId: string;
	productionUrl: string;
	testUrl: string;
}

export interface TriggerPublisher {
	/**
	 * Creates `definition(webhookId)` with a fresh `webhookId` (so the trigger's URLs are known),
	 * publishes it and waits until n8n has applied the publication.
	 */
	publish(definition: (webhookId: string) => WorkflowDefinition): Promise<PublishedTrigger>;
	/** Publishes a workflow the scenario created itself and waits until n8n has applied it. */
	publishCreated(workflow: Workflow): Promise<void>;
	/** A workflow the scenario published by other means, to unpublish after it like the others. */
	track(workflowId: string): void;
}

/**
 * Publishing trigger workflows in a scenario file's stack. After each scenario, what it published
 * is unpublished, the vendor is waited on until it holds none of the subscriptions
 * (`subscriptionsLeft`; a vendor without a subscription API has none to wait for), and the sandbox
 * is reset for the next scenario.
 */
export function triggerPublisher(options: { stack: () => Stack; subscriptionsLeft?: () => number }): TriggerPublisher {
	const published: string[] = [];
	const { subscriptionsLeft } = options;

	afterEach(async () => {
		const { n8n, sandbox } = options.stack();
		for (const id of published.splice(0)) {
			await n8n.api.unpublish(id).catch(() => undefined);
		}
		if (subscriptionsLeft) await eventually(() => expect(subscriptionsLeft()).toBe(0), TIMEOUTS.publication, 250);
		sandbox.server.reset();
	});

	async function publishCreated(workflow: Workflow): Promise<void> {
		const { api } = options.stack().n8n;
		published.push(workflow.id);
		await api.publish(workflow.id);
		await api.waitForPublication(workflow.id);
	}

	return {
		async publish(definition) {
			const { n8n } = options.stack();
			const webhookId = randomUUID();
			const workflow = await n8n.api.createWorkflow(definition(webhookId));
			await publishCreated(workflow);
			return {
				workflow,
				webhookId,
				productionUrl: n8n.webhookUrl(webhookId, 'production'),
				testUrl: n8n.webhookUrl(webhookId, 'test'),
			};
		},
		publishCreated,
		track(workflowId) {
			published.push(workflowId);
		},
	};
}
