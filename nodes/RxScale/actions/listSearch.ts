import type { IDataObject, ILoadOptionsFunctions, INode, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isNotFoundError } from '../../shared/http';
import { matchesFilter, searchResults } from '../../shared/resourceLocator';
import { RXSCALE_EVENTS } from '../events';
import { listRxScaleSubscriptions } from '../subscriptions';
import { ORDER_LIST } from './order/getAll';
import { fetchPage, isLastPage } from './pages';
import { EMAIL_PATTERN, patientByEmail } from './patient/byEmail';

/**
 * The "From List" of each resource locator (`methods.listSearch` of the RxScale node). Every
 * request goes through the RxScale transport; RxScale filters where it can (orders by `search`,
 * a patient by email), and the subscription list, which RxScale answers whole, is filtered here.
 */

export const RXSCALE_SEARCH_METHODS = {
	orders: 'searchOrders',
	patients: 'searchPatients',
	subscriptions: 'searchSubscriptions',
} as const;

/** Orders per page of the list: RxScale's default page size. */
export const ORDER_LIST_PAGE_SIZE = 50;

const EVENT_NAMES = new Map<string, string>(RXSCALE_EVENTS.map((event) => [event.value, event.name]));

/** RxScale's refusal stays in its words (the transport made it a NodeApiError already); anything else is wrapped. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(node, error as Error);
}

/** A page number from the list's token: only a whole number; anything else starts at the first page. */
function pageFrom(token: string | undefined): number {
	return token !== undefined && /^\d{1,6}$/.test(token) ? Number(token) : 0;
}

const text = (value: unknown): string | undefined =>
	(typeof value === 'string' && value.trim()) || (typeof value === 'number' ? String(value) : undefined);

/** The UTC day of a Unix-seconds time, e.g. 2026-01-01. */
function day(seconds: unknown): string | undefined {
	if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** "ord-2001 · berlin-shop EXT-1001 · 2026-01-01 · in-progress": the UID, the shop order, the day it came and its status. */
export function orderName(order: IDataObject): string {
	const shopOrder = (order.shop_order ?? {}) as IDataObject;
	const shop = text((shopOrder.shop as IDataObject | undefined)?.identifier);
	const external = text(shopOrder.external_id);
	const parts = [
		text(order.uid),
		[shop, external].filter(Boolean).join(' ') || undefined,
		day(order.created_at),
		text(order.status),
	].filter(Boolean);
	return parts.join(' · ');
}

/** Orders found by RxScale's own `search` (names, the patient's name, or an exact UID), 50 a page. */
async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageFrom(paginationToken);
	const search = filter?.trim();
	const answer = await fetchPage.call(this, ORDER_LIST, search ? { search } : {}, page, ORDER_LIST_PAGE_SIZE);
	const results: INodeListSearchItems[] = answer.records
		.filter((order) => text(order.uid))
		.map((order) => ({ name: orderName(order), value: text(order.uid)! }));
	const last = answer.records.length === 0 || isLastPage(page, answer, ORDER_LIST_PAGE_SIZE);
	return searchResults(results, last ? undefined : page + 1);
}

/** "Max Mustermann · max@example.com · born 1990-01-15". */
export function patientName(patient: IDataObject, email: string): string {
	const data = (patient.data ?? {}) as IDataObject;
	const born = text(data.date_of_birth);
	return [text(data.display_name) ?? text(patient.uid), text(data.email) ?? email, born ? `born ${born}` : undefined].filter(Boolean).join(' · ');
}

/**
 * RxScale lists no patients; it finds one by email. So the list is empty until an email is typed,
 * and then holds the patient RxScale answers for it (none when it answers 404).
 */
async function searchPatients(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const email = filter?.trim() ?? '';
	if (!EMAIL_PATTERN.test(email)) return searchResults([]);
	let patient: unknown;
	try {
		patient = await patientByEmail.call(this, email);
	} catch (error) {
		if (isNotFoundError(error)) return searchResults([]);
		throw asNodeError(this.getNode(), error);
	}
	const record = patient && typeof patient === 'object' && !Array.isArray(patient) ? (patient as IDataObject) : {};
	const uid = text(record.uid);
	return searchResults(uid ? [{ name: patientName(record, email), value: uid }] : []);
}

/** "Pharmacy Order Created → https://clinic.example.com/hook". */
export function subscriptionName(subscription: IDataObject): string {
	const type = text(subscription.notification_type) ?? '?';
	return `${EVENT_NAMES.get(type) ?? type} → ${text(subscription.target) ?? '?'}`;
}

/** The organisation's active subscriptions, filtered here by event and address (RxScale answers them all at once). */
async function searchSubscriptions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subscriptions = await listRxScaleSubscriptions.call(this);
	const results = subscriptions
		.filter((subscription) => text(subscription.uid))
		.map((subscription) => ({
			name: subscriptionName(subscription),
			value: text(subscription.uid)!,
			searchable: `${subscriptionName(subscription)} ${text(subscription.notification_type) ?? ''} ${text(subscription.uid)}`,
		}))
		.filter((entry) => matchesFilter(entry.searchable, filter))
		.map(({ name, value }) => ({ name, value }));
	return searchResults(results);
}

export const RXSCALE_LIST_SEARCH = {
	[RXSCALE_SEARCH_METHODS.orders]: searchOrders,
	[RXSCALE_SEARCH_METHODS.patients]: searchPatients,
	[RXSCALE_SEARCH_METHODS.subscriptions]: searchSubscriptions,
};
