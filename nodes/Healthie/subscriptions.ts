import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isNotFoundError } from '../shared/http';
import type { RemoteSubscription, SubscriptionAdapter } from '../shared/subscriptions';
import { MAX_SUBSCRIPTION_PAGES } from '../shared/subscriptions';
import { toDottedName, toEnumName } from './events';
import type { ApiShape } from './graphql';
import { healthieApiShape, healthieGraphql, isShapeError } from './graphql';

/**
 * Healthie's webhook API behind the shared lifecycle (docs/vendors/healthie.md#webhook-management): `createWebhook`, the
 * `webhooks` query (a connection from 2025-11-30, a plain list in the baseline) and
 * `deleteWebhook`. Healthie generates each webhook's `signature_secret`; it is kept as the
 * subscription's secret.
 *
 * One webhook per event ('perEvent'): Healthie's UI makes exactly one event per webhook and the
 * only production code found (Metriport) does the same, while whether one webhook with several
 * `webhook_events` delivers all of them is unconfirmed (docs/vendors/healthie.md#multi-event-webhooks). Per-event
 * webhooks work under either reading.
 */

const PERMISSION_HINT =
	'Managing webhooks needs the permission "Can view and manage developer features" for the API key\'s user (Healthie: Organization > Members).';
const PAGE_SIZE = 100;
/** Healthie's documented default page size: a shorter page is the last one, whatever page_size it honours. */
const SHORTEST_FULL_PAGE = 20;

const CREATE_WEBHOOK = `mutation n8nCreateWebhook($input: createWebhookInput) {
  createWebhook(input: $input) {
    webhook { id url is_enabled should_retry signature_secret event_type webhook_events { id event_type } }
    messages { field message }
  }
}`;

const LIST_WEBHOOKS_CONNECTION = `query n8nListWebhooks($first: Int, $after: String) {
  webhooks(first: $first, after: $after, order_by: CREATED_AT_ASC) {
    nodes { id url is_enabled event_type webhook_events { id event_type } }
    page_info { has_next_page end_cursor }
  }
}`;

const LIST_WEBHOOKS_BASELINE = `query n8nListWebhooks($offset: Int, $page_size: Int) {
  webhooks(offset: $offset, page_size: $page_size, order_by: CREATED_AT_ASC) {
    id url is_enabled event_type webhook_events { id event_type }
  }
}`;

const DELETE_WEBHOOK = `mutation n8nDeleteWebhook($id: ID) {
  deleteWebhook(input: { id: $id }) { webhook { id } messages { field message } }
}`;

interface HealthieWebhook {
	id?: unknown;
	url?: unknown;
	is_enabled?: unknown;
	signature_secret?: unknown;
	event_type?: unknown;
	webhook_events?: Array<{ event_type?: unknown } | null> | null;
}

export function healthieSubscriptions(context: IHookFunctions): SubscriptionAdapter {
	const list = async () => (await listWebhooks(context, await healthieApiShape.call(context))).map(toRemoteSubscription);
	return {
		vendorName: 'Healthie',
		grouping: 'perEvent',
		// Field reports tell of long lockouts after bursts (docs/vendors/healthie.md#rate-limits): stay gentle.
		concurrency: 2,

		list,

		async create({ url, events }) {
			const shape = await healthieApiShape.call(context);
			const data = await healthieGraphql.call(context, {
				query: CREATE_WEBHOOK,
				variables: {
					input: {
						url,
						is_enabled: true,
						should_retry: true,
						webhook_events: events.map((event) => ({
							event_type: shape.eventTypes === 'enum' ? toEnumName(event) : event,
						})),
					},
				},
				permissionHint: PERMISSION_HINT,
			});
			const webhook = (data.createWebhook as { webhook?: HealthieWebhook | null } | null)?.webhook;
			if (!webhook || webhook.id === undefined || webhook.id === null || webhook.id === '') {
				throw new NodeOperationError(context.getNode(), 'Healthie answered without the webhook it was asked to create');
			}
			const secret = typeof webhook.signature_secret === 'string' ? webhook.signature_secret.trim() : '';
			return { id: String(webhook.id), events, ...(secret ? { secret } : {}) };
		},

		async remove(subscription: RemoteSubscription) {
			try {
				await healthieGraphql.call(context, {
					query: DELETE_WEBHOOK,
					variables: { id: subscription.id },
					permissionHint: PERMISSION_HINT,
				});
			} catch (error) {
				if (isNotFoundError(error) || saysNotFound(error)) return;
				// How Healthie answers for an unknown id is not published: a webhook no longer listed is gone.
				const stillListed = await list().then(
					(remaining) => remaining.some((remote) => remote.id === subscription.id),
					(listError: Error) => {
						context.logger.debug(`Healthie: could not list webhooks after a failed delete: ${listError.message}`);
						return true;
					},
				);
				if (stillListed) throw asNodeError(context, error);
			}
		},
	};
}

/** Every webhook of the account, in the first list form the API version accepts (docs/vendors/healthie.md#webhooks-list-shape). */
async function listWebhooks(context: IHookFunctions, shape: ApiShape): Promise<HealthieWebhook[]> {
	let firstError: unknown;
	for (const form of shape.webhookLists) {
		try {
			return form === 'connection' ? await listConnection(context) : await listPlain(context);
		} catch (error) {
			if (!isShapeError(error)) throw asNodeError(context, error);
			firstError ??= error;
			context.logger.debug(`Healthie: the ${form} form of the webhooks query was refused; trying the other form`);
		}
	}
	throw asNodeError(context, firstError);
}

async function listConnection(context: IHookFunctions): Promise<HealthieWebhook[]> {
	const webhooks: HealthieWebhook[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_SUBSCRIPTION_PAGES; page++) {
		const data = await healthieGraphql.call(context, {
			query: LIST_WEBHOOKS_CONNECTION,
			variables: { first: PAGE_SIZE, ...(after ? { after } : {}) },
			permissionHint: PERMISSION_HINT,
		});
		const connection = data.webhooks as
			| { nodes?: HealthieWebhook[] | null; page_info?: { has_next_page?: unknown; end_cursor?: unknown } | null }
			| null;
		webhooks.push(...(connection?.nodes ?? []).filter(Boolean));
		const next = connection?.page_info;
		if (next?.has_next_page !== true || typeof next.end_cursor !== 'string' || next.end_cursor === after) break;
		after = next.end_cursor;
	}
	return webhooks;
}

async function listPlain(context: IHookFunctions): Promise<HealthieWebhook[]> {
	const byId = new Map<string, HealthieWebhook>();
	let offset = 0;
	for (let page = 0; page < MAX_SUBSCRIPTION_PAGES; page++) {
		const data = await healthieGraphql.call(context, {
			query: LIST_WEBHOOKS_BASELINE,
			variables: { offset, page_size: PAGE_SIZE },
			permissionHint: PERMISSION_HINT,
		});
		const rows = ((data.webhooks as HealthieWebhook[] | null) ?? []).filter(Boolean);
		const before = byId.size;
		for (const row of rows) byId.set(String(row.id), row);
		if (rows.length < SHORTEST_FULL_PAGE || byId.size === before) break;
		offset += rows.length;
	}
	return [...byId.values()];
}

function toRemoteSubscription(webhook: HealthieWebhook): RemoteSubscription {
	const spelled = [webhook.event_type, ...(webhook.webhook_events ?? []).map((event) => event?.event_type)];
	const events = [
		...new Set(spelled.filter((value): value is string => typeof value === 'string' && value !== '').map(toDottedName)),
	];
	return {
		id: String(webhook.id),
		url: typeof webhook.url === 'string' ? webhook.url : '',
		events,
		enabled: webhook.is_enabled !== false,
	};
}

function saysNotFound(error: unknown): boolean {
	return error instanceof Error && /not found|couldn't find|could not find/i.test(error.message);
}

/** Errors from the transport are node errors already; anything else is wrapped. */
function asNodeError(context: IHookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error));
}
