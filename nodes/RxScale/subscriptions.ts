import type { IAllExecuteFunctions, IDataObject, IHookFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isNotFoundError } from '../shared/http';
import { credentialSigningSecrets } from '../shared/signature';
import type { RemoteSubscription, StoredSubscription, SubscriptionAdapter } from '../shared/subscriptions';
import { sameUrl } from '../shared/subscriptions';
import { RXSCALE_PATHS } from './environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from './transport';

/**
 * RxScale's Management API subscriptions (docs/vendors/rxscale.md#subscriptions) — used by the trigger's lifecycle and by
 * the action node. One subscription per notification type; targets must be HTTPS; a subscription
 * is removed by target + notification type (no id in the path).
 */

/** A subscription as RxScale returns it. `signing_secret` only on create, if at all (docs/vendors/rxscale.md#register-returns-secret). */
export interface RxScaleSubscription extends IDataObject {
	uid?: string;
	notification_type?: string;
	target?: string;
	options?: string;
	payload_version?: string;
	signing_secret?: string;
}

export const PAYLOAD_VERSION = '1';

export async function listRxScaleSubscriptions(
	this: IAllExecuteFunctions,
	itemIndex?: number,
): Promise<RxScaleSubscription[]> {
	const body = await rxScaleRequest.call(this, {
		method: 'GET',
		path: RXSCALE_PATHS.subscriptions,
		permission: RXSCALE_PERMISSIONS.readSubscriptions,
		itemIndex,
	});
	// Documented as a plain array; a `{ data: [...] }` page (RxScale's other lists) is read too.
	const list = Array.isArray(body) ? body : (body as { data?: unknown } | undefined)?.data;
	if (!Array.isArray(list)) return [];
	return list.filter((entry): entry is RxScaleSubscription => Boolean(entry) && typeof entry === 'object');
}

export async function registerRxScaleSubscription(
	this: IAllExecuteFunctions,
	subscription: { target: string; notificationType: string; metaData?: IDataObject },
	itemIndex?: number,
): Promise<RxScaleSubscription> {
	return (await rxScaleRequest.call(this, {
		method: 'POST',
		path: RXSCALE_PATHS.subscriptions,
		body: {
			notification_type: subscription.notificationType,
			target: subscription.target,
			payload_version: PAYLOAD_VERSION,
			...(subscription.metaData ? { meta_data: subscription.metaData } : {}),
		},
		permission: RXSCALE_PERMISSIONS.writeSubscriptions,
		// RxScale may return the secret the credential holds as the subscription's: keep it for the trigger.
		signingSecretField: 'signing_secret',
		itemIndex,
	})) as RxScaleSubscription;
}

/**
 * The docs name the two values ("the webhook target URL", "the notification type") but not where
 * they go (docs/vendors/rxscale.md#remove-parameters), so they are sent both as query parameters and as a JSON body.
 */
export async function removeRxScaleSubscription(
	this: IAllExecuteFunctions,
	subscription: { target: string; notificationType: string },
	itemIndex?: number,
): Promise<void> {
	const values = { target: subscription.target, notification_type: subscription.notificationType };
	await rxScaleRequest.call(this, {
		method: 'DELETE',
		path: RXSCALE_PATHS.subscriptions,
		qs: values,
		body: values,
		permission: RXSCALE_PERMISSIONS.writeSubscriptions,
		itemIndex,
	});
}

export function isHttpsUrl(url: string): boolean {
	return /^https:\/\/[^\s/?#]+/i.test(url.trim());
}

/**
 * RxScale delivers only to HTTPS targets. Publishing with n8n's default http URL would only fail
 * at RxScale, so it is refused first, with what to change.
 */
export function requireHttpsWebhookUrl(context: IHookFunctions): void {
	const url = context.getNodeWebhookUrl('default') ?? '';
	if (isHttpsUrl(url)) return;
	// n8n reports a failed publication with the message alone, so the message says what to change.
	throw new NodeOperationError(context.getNode(), `RxScale only delivers to HTTPS addresses, and this trigger's URL is ${url || 'not set'}: set n8n's public https webhook URL (N8N_WEBHOOK_URL) and restart n8n`, {
		description:
			"Set n8n's public https webhook URL (N8N_WEBHOOK_URL, or WEBHOOK_URL on older n8n) to an address RxScale can reach, restart n8n and publish again. Nothing was registered at RxScale.",
	});
}

export function rxScaleSubscriptions(context: IHookFunctions): SubscriptionAdapter {
	const list = async (): Promise<RemoteSubscription[]> =>
		(await listRxScaleSubscriptions.call(context)).map(toRemoteSubscription);

	const register = async (url: string, event: string): Promise<StoredSubscription> =>
		toStoredSubscription(context, await registerRxScaleSubscription.call(context, { target: url, notificationType: event }), event);

	/**
	 * A 409 says RxScale already holds a subscription like this one. Only one at this trigger's own
	 * URL (which carries its unique webhook id) for this event is provably ours; RxScale never shows
	 * a signing secret again, so it is taken over by removing it and registering it afresh. Anything
	 * else is left untouched and named in the error.
	 */
	const takeOver = async (url: string, event: string, conflict: Error): Promise<StoredSubscription> => {
		const ours = (await list()).filter((remote) => sameUrl(remote.url, url) && remote.events.includes(event));
		if (ours.length === 0) {
			throw new NodeOperationError(
				context.getNode(),
				`it conflicts with an existing subscription (409) that does not point at this workflow`,
				{
					description: `RxScale answered "${conflict.message}", and lists no ${event} subscription at this trigger's URL, so the conflicting one belongs to something else (another workflow or system, or one RxScale keeps deactivated). It was neither adopted nor removed. Remove it at RxScale, or unpublish the workflow that uses it, then publish again.`,
				},
			);
		}
		context.logger.info(`RxScale: taking over the ${event} subscription already at this trigger's URL (409 on create)`);
		// Removed by the target exactly as RxScale lists it (it may differ from ours by a trailing slash).
		for (const target of new Set(ours.map((remote) => remote.url))) {
			try {
				await removeRxScaleSubscription.call(context, { target, notificationType: event });
			} catch (error) {
				if (!isNotFoundError(error)) throw asNodeError(context.getNode(), error);
			}
		}
		return await register(url, event);
	};

	return {
		vendorName: 'RxScale',
		grouping: 'perEvent',
		list,

		async create({ url, events }) {
			const [event] = events;
			try {
				return await register(url, event);
			} catch (error) {
				if (!isConflictError(error)) throw asNodeError(context.getNode(), error);
				return await takeOver(url, event, error as Error);
			}
		},

		async remove(subscription) {
			const [event] = subscription.events;
			if (!event) {
				throw new NodeOperationError(
					context.getNode(),
					`RxScale listed subscription ${subscription.id} without a notification type, so it cannot be removed by target and type`,
				);
			}
			await removeRxScaleSubscription.call(context, { target: subscription.url, notificationType: event });
		},

		async hasFallbackSecret() {
			const credentials = await context.getCredentials('rxScaleApi');
			return credentialSigningSecrets(credentials).secrets.length > 0;
		},
	};
}

function toRemoteSubscription(subscription: RxScaleSubscription): RemoteSubscription {
	return {
		id: String(subscription.uid ?? ''),
		url: typeof subscription.target === 'string' ? subscription.target : '',
		events: typeof subscription.notification_type === 'string' ? [subscription.notification_type] : [],
	};
}

function toStoredSubscription(
	context: IHookFunctions,
	created: RxScaleSubscription,
	event: string,
): StoredSubscription {
	const uid: unknown = created?.uid;
	if ((typeof uid !== 'string' && typeof uid !== 'number') || uid === '') {
		throw new NodeOperationError(context.getNode(), 'RxScale answered without a subscription uid');
	}
	const secret = typeof created.signing_secret === 'string' && created.signing_secret ? created.signing_secret : undefined;
	return { id: String(uid), events: [event], ...(secret ? { secret } : {}) };
}

function isConflictError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && String((error as { httpCode?: unknown }).httpCode) === '409';
}

/** Errors from `rxScaleRequest` are n8n errors already and pass as they are; anything else is wrapped. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(node, error as Error);
}
