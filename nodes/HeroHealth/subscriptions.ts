import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathSegment } from '../shared/paths';
import type { RemoteSubscription, SubscriptionAdapter } from '../shared/subscriptions';
import { MAX_SUBSCRIPTION_PAGES } from '../shared/subscriptions';
import { heroHealthRequest, unpublishedScopeHint } from './transport';

/**
 * Hero Health's webhook API behind the shared lifecycle (docs/vendors/hero-health.md#webhook-subscriptions): one subscription per
 * event type, a signing key chosen by us, `GET /v1/webhooks` to list, `DELETE /v1/webhooks/{id}`.
 * There is no get-by-id or update, so a change of events is delete + create.
 */

const PERMISSION_HINT = unpublishedScopeHint('webhooks');
const PAGE_SIZE = 100;

interface HeroWebhook {
	id?: unknown;
	url?: unknown;
	event_type?: unknown;
}

interface HeroWebhookList {
	data?: HeroWebhook[];
	count?: number;
}

export function heroHealthSubscriptions(context: IHookFunctions): SubscriptionAdapter {
	return {
		vendorName: 'Hero Health',
		grouping: 'perEvent',

		async list() {
			return (await listAllWebhooks(context)).map(toRemoteSubscription);
		},

		async create({ url, events, signingKey }) {
			const [event] = events;
			const created = (await heroHealthRequest.call(context, {
				method: 'POST',
				path: '/v1/webhooks',
				body: {
					event_type: event,
					url,
					signing_key: signingKey,
					description: `n8n workflow "${context.getWorkflow().name ?? context.getWorkflow().id}", node "${context.getNode().name}"`,
				},
				secrets: [signingKey],
				permissionHint: PERMISSION_HINT,
			})) as HeroWebhook;
			if (created?.id === undefined || created.id === null || created.id === '') {
				throw new NodeOperationError(context.getNode(), 'Hero Health answered without a subscription id');
			}
			return { id: String(created.id), events: [event], secret: signingKey };
		},

		async remove(subscription: RemoteSubscription) {
			await heroHealthRequest.call(context, {
				method: 'DELETE',
				path: `/v1/webhooks/${pathSegment(subscription.id, 'Webhook ID')}`,
				permissionHint: PERMISSION_HINT,
			});
		},
	};
}

/**
 * The list documents no paging parameters; when its `count` says more exist than were returned,
 * the pages are fetched with the `page_index`/`page_size` parameters Hero's other lists use.
 */
async function listAllWebhooks(context: IHookFunctions): Promise<HeroWebhook[]> {
	const first = (await heroHealthRequest.call(context, {
		method: 'GET',
		path: '/v1/webhooks',
		permissionHint: PERMISSION_HINT,
	})) as HeroWebhookList;
	const webhooks = Array.isArray(first?.data) ? first.data : [];
	const total = typeof first?.count === 'number' ? first.count : webhooks.length;
	if (total <= webhooks.length) return webhooks;

	const byId = new Map(webhooks.map((webhook) => [String(webhook.id), webhook]));
	for (let pageIndex = 0; byId.size < total && pageIndex < MAX_SUBSCRIPTION_PAGES; pageIndex++) {
		const page = (await heroHealthRequest.call(context, {
			method: 'GET',
			path: '/v1/webhooks',
			qs: { page_index: pageIndex, page_size: PAGE_SIZE },
			permissionHint: PERMISSION_HINT,
		})) as HeroWebhookList;
		const data = Array.isArray(page?.data) ? page.data : [];
		const before = byId.size;
		for (const webhook of data) byId.set(String(webhook.id), webhook);
		if (data.length === 0 || byId.size === before) break; // no progress: the API does not page
	}
	return [...byId.values()];
}

function toRemoteSubscription(webhook: HeroWebhook): RemoteSubscription {
	return {
		id: String(webhook.id),
		url: typeof webhook.url === 'string' ? webhook.url : '',
		events: typeof webhook.event_type === 'string' ? [webhook.event_type] : [],
	};
}
