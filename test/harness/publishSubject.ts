import { randomUUID } from 'node:crypto';

import { storedSecrets } from '../../nodes/shared/subscriptions';
import type { ForgeryTarget } from '../support/forgery';
import type { CorpusSubject } from '../support/forgeryTargets';
import { sandboxCredentials } from '../vendors';
import type { CredentialRef } from './n8nApi';
import type { Stack } from './stack';
import { nodeType, triggerWorkflow } from './workflows';

/** A corpus subject's trigger published in a real n8n, ready for deliveries signed as its vendor signs. */
export interface PublishedSubject {
	workflowId: string;
	credential: CredentialRef;
	triggerName: string;
	/** n8n's Production URL (https behind the TLS front). */
	productionUrl: string;
	/** The same path on n8n's own http port, for byte-exact posts (rawHttp.ts). */
	url: string;
	/** The subject's forgery target, re-signed for this URL with the secret the trigger holds. */
	target: ForgeryTarget;
}

/**
 * Publishes `subject`'s trigger (its parameters, a credential for the sandbox's account plus what
 * the subject's credential adds, e.g. HearLink's portal secret) and waits until n8n applied it.
 * The secret comes from the node's static data (what the vendor issued or was given at
 * registration) or, for HearLink, from the credential.
 */
export async function publishSubject(
	stack: Stack,
	subject: CorpusSubject,
	credentialData: Record<string, unknown> = {},
	/** The trigger's version (default: what the editor adds today). */
	typeVersion?: number,
): Promise<PublishedSubject> {
	const { api } = stack.n8n;
	const { description } = subject.trigger;
	const triggerName = description.defaults.name ?? description.displayName;
	const credentialType = description.credentials![0].name;
	const vendor = subject.target.vendor;
	const credential = await api.createCredential(`${vendor} (${randomUUID().slice(0, 8)})`, credentialType, {
		...subject.credentials?.[credentialType],
		...sandboxCredentials(subject.kit, stack.sandbox),
		...credentialData,
	});
	const webhookId = randomUUID();
	const workflow = await api.createWorkflow(
		triggerWorkflow({
			name: `${vendor} ${webhookId.slice(0, 8)}`,
			triggerName,
			type: nodeType(description.name),
			parameters: subject.parameters,
			credential,
			webhookId,
			typeVersion,
		}),
	);
	await api.publish(workflow.id);
	await api.waitForPublication(workflow.id);
	const staticData = (await api.getWorkflow(workflow.id)).staticData ?? {};
	const secrets = storedSecrets((staticData[`node:${triggerName}`] ?? {}) as Record<string, never>);
	if (secrets.length > 1) throw new Error(`${triggerName} holds ${secrets.length} secrets; the subject selects one event`);
	const productionUrl = stack.n8n.webhookUrl(webhookId);
	const secret = secrets[0] ?? String(credentialData.webhookSigningSecret ?? subject.target.secret);
	return {
		workflowId: workflow.id,
		credential,
		triggerName,
		productionUrl,
		url: `${stack.n8n.url}${new URL(productionUrl).pathname}`,
		target: { ...(subject.target.atUrl?.(productionUrl) ?? subject.target), secret },
	};
}
