import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, INode, INodeProperties, INodePropertyOptions, IWebhookDescription, IWebhookFunctions } from 'n8n-workflow';

import { nodePageUrl } from './docs';
import { credentialSigningSecrets } from './signature';
import type { SubscriptionAdapter } from './subscriptions';
import { registerSubscriptions, removeSubscriptions, storedSecrets, storedSubscriptions, subscriptionsMatch } from './subscriptions';

/**
 * The signed-trigger kit: what every trigger of this package shares, so that a trigger file holds
 * only its vendor's facts (events, subscription adapter, verifier, output item). Each node still
 * writes its `description` as a literal, where n8n's lint reads it; the parts below go inside it.
 */

/** The one webhook every trigger serves: n8n answers at once, the workflow runs on the item. */
export const DELIVERY_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: 'noData',
	path: 'webhook',
};

/** The node subtitle: the selected events. */
export const EVENTS_SUBTITLE = '={{ ($parameter["events"] || []).join(", ") }}';

export const DEFAULT_SIGNATURE_WINDOW_SECONDS = 300;

/** A short setup notice for the editor that ends with a link to the node's page in `docs/nodes/`. */
export function setupNotice(text: string, page: string): INodeProperties {
	return {
		displayName: `${text} <a href="${nodePageUrl(page)}" target="_blank">Setup and details</a>`,
		name: 'notice',
		type: 'notice',
		default: '',
	};
}

/** The Events multi-select every trigger has. */
export function eventsProperty(vendorName: string, options: INodePropertyOptions[], hint = ''): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options,
		description: `The ${vendorName} events that start the workflow${hint ? `. ${hint}` : ''}`,
	};
}

/** The Options collection, sorted by name as n8n's lint wants. */
export function triggerOptions(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** How far a signed timestamp may be from this server's clock. */
export function signatureWindowOption(): INodeProperties {
	return {
		displayName: 'Signature Window (Seconds)',
		name: 'timestampToleranceSeconds',
		type: 'number',
		default: DEFAULT_SIGNATURE_WINDOW_SECONDS,
		typeOptions: { minValue: 30 },
		description:
			"How far a delivery's signed timestamp may be from this server's clock, either way. Older deliveries are refused, which stops replays.",
	};
}

export interface TriggerParameters<O> {
	/** The node (one copy of it: n8n-core copies the whole node on every `getNode()`). */
	node: INode;
	events: string[];
	options: O;
}

/**
 * A trigger's Events and Options for one delivery. They are read from the node's own parameters
 * (n8n resolving each parameter costs more than the rest of the delivery check), unless one holds
 * an expression, which only n8n can resolve.
 */
export function triggerParameters<O extends object>(context: IWebhookFunctions): TriggerParameters<O> {
	const node = context.getNode();
	const { events, options } = node.parameters;
	if (holdsExpression(events) || holdsExpression(options)) {
		return {
			node,
			events: context.getNodeParameter('events', []) as string[],
			options: context.getNodeParameter('options', {}) as O,
		};
	}
	return {
		node,
		events: Array.isArray(events) ? (events as string[]) : [],
		options: (options && typeof options === 'object' && !Array.isArray(options) ? options : {}) as O,
	};
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The signature window the options ask for, in seconds. */
export function signatureWindowOf(options: { timestampToleranceSeconds?: number }): number {
	return Number(options.timestampToleranceSeconds) || DEFAULT_SIGNATURE_WINDOW_SECONDS;
}

/**
 * n8n's `webhookMethods.default` for a trigger that registers itself at its vendor: the shared
 * lifecycle over the vendor's adapter. `guard` runs first (e.g. RxScale's https rule).
 */
export function subscriptionLifecycle(
	adapterFor: (context: IHookFunctions) => SubscriptionAdapter,
	guard: { beforePublish?: (context: IHookFunctions) => void } = {},
) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			guard.beforePublish?.(this);
			return await subscriptionsMatch.call(this, adapterFor(this));
		},
		async create(this: IHookFunctions): Promise<boolean> {
			guard.beforePublish?.(this);
			return await registerSubscriptions.call(this, adapterFor(this));
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return await removeSubscriptions.call(this, adapterFor(this));
		},
	};
}

/**
 * Where the secrets a trigger accepts come from:
 * - `stored`: its subscriptions' secrets, kept in static data when it registered them;
 * - `credential`: the credential's signing secrets (a vendor without a webhook API);
 * - `storedOrCredential`: its subscriptions' secrets, and the credential's only while one of its
 *   subscriptions has none of its own (so a delivery signed for another trigger sharing the
 *   credential is refused).
 */
export type SecretSource = 'stored' | 'credential' | 'storedOrCredential';

export async function acceptedSecrets(
	context: IWebhookFunctions,
	source: SecretSource,
	credentialType?: string,
	node?: INode,
): Promise<string[]> {
	const staticData = context.getWorkflowStaticData('node');
	const stored = source === 'credential' ? [] : storedSecrets(staticData);
	if (source === 'stored' || !credentialType || !needsCredentialSecret(source, staticData)) return stored;
	const credentials = await readCredentials(context, credentialType, node);
	return [...new Set([...stored, ...(credentials ? credentialSigningSecrets(credentials).secrets : [])])];
}

function needsCredentialSecret(source: SecretSource, staticData: IDataObject): boolean {
	if (source === 'credential') return true;
	const subscriptions = storedSubscriptions(staticData);
	return subscriptions.length === 0 || subscriptions.some((subscription) => !subscription.secret);
}

/** The credential, or `undefined` (logged) when it cannot be read: then its secrets are not accepted. */
async function readCredentials(
	context: IWebhookFunctions,
	credentialType: string,
	node?: INode,
): Promise<ICredentialDataDecryptedObject | undefined> {
	try {
		return await context.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	} catch (error) {
		context.logger.warn(
			`Trigger "${(node ?? context.getNode()).name}" could not read its credential (${(error as Error).message}); its signing secrets are not accepted`,
		);
		return undefined;
	}
}
