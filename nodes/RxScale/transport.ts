import type { IAllExecuteFunctions } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/environment';
import { messageFromBody, statusText } from '../shared/errors';
import type { VendorApi, VendorErrorText, VendorRequest } from '../shared/http';
import { vendorRequest } from '../shared/http';
import { RXSCALE_ENVIRONMENTS } from './environments';

/** Key permissions of the Management API endpoints the nodes call (docs/vendors/rxscale.md#permissions). */
export const RXSCALE_PERMISSIONS = {
	readSubscriptions: 'notification_subscription:read',
	writeSubscriptions: 'notification_subscription:write',
	readOrders: 'order:read',
	readPrescriptions: 'prescription:read',
	readPatients: 'patient:read',
	readScheduling: 'scheduling:read',
} as const;

export type RxScalePermission = (typeof RXSCALE_PERMISSIONS)[keyof typeof RXSCALE_PERMISSIONS];

export interface RxScaleRequest extends Omit<VendorRequest, 'permissionHint'> {
	/** The key permission the endpoint needs; a 401/403 names it. */
	permission: RxScalePermission;
	/**
	 * A get-by-id "resource endpoint": RxScale answers 404 instead of 403 there when the key lacks
	 * the permission (docs/vendors/rxscale.md#errors), so a 404 says that too.
	 */
	resourceEndpoint?: boolean;
}

const VENDOR = 'RxScale';

export const rxScaleApi: VendorApi = {
	vendorName: VENDOR,
	credentialType: 'rxScaleApi',
	baseUrl: (credentials) => resolveBaseUrl(credentials, RXSCALE_ENVIRONMENTS),
	describeError: (status, body) => describeRxScaleError(status, body),
};

/** A Management API call through the shared transport, with RxScale's words for its errors. */
export async function rxScaleRequest<T = unknown>(this: IAllExecuteFunctions, request: RxScaleRequest): Promise<T> {
	const { permission, resourceEndpoint, ...rest } = request;
	const api: VendorApi = {
		...rxScaleApi,
		describeError: (status, body) => describeRxScaleError(status, body, { permission, resourceEndpoint }),
	};
	return (await vendorRequest.call(this, api, {
		...rest,
		permissionHint: `This request needs the key permission "${permission}".`,
	})) as T;
}

/** Words for the `code` values of RxScale's auth error body (docs/vendors/rxscale.md#errors). */
const AUTH_CODES: Record<string, string> = {
	api_key_missing: 'no API key was sent',
	invalid_api_key: 'the API key is not valid',
	authorization_header_missing: 'no API key was sent',
	invalid_header: 'the API key header is malformed',
	token_expired: 'the key has expired',
	invalid_claims: 'the key is not valid for this API',
	permission_denied: 'permission denied',
};

const KEY_ADVICE =
	'Check the API key and the environment in the credential (development and production keys differ).';
const PERMISSION_ADVICE =
	"RxScale changes an existing key's permissions on request: ask your RxScale account manager, or create a key that has it (Admin Tool → Settings → API Keys).";

/**
 * RxScale answers errors in three shapes (docs/vendors/rxscale.md#errors): `{ "error": "…" }`, the auth shape
 * `{ "code": "…", "description": "…" }`, and a validation shape with field-level details whose exact
 * form is not published; every form of the latter seen in similar APIs is read (see `fieldIssues`).
 */
export function describeRxScaleError(
	status: number,
	body: unknown,
	context: { permission?: string; resourceEndpoint?: boolean } = {},
): VendorErrorText {
	const issues = fieldIssues(body);
	const detail = detailOf(body);
	const withDetail = (headline: string) => (detail ? `${headline}: ${detail}` : headline);

	if (issues.length > 0) {
		return {
			message: `${VENDOR} rejected the request: ${issues.join('; ')}`,
			description: 'Correct the fields named above and run the node again.',
		};
	}
	if (status === 401) {
		return { message: withDetail(`${VENDOR} refused the API key (401)`), description: KEY_ADVICE };
	}
	if (status === 403) {
		const headline = context.permission
			? `${VENDOR} refused this request (403): this API key lacks the permission "${context.permission}"`
			: statusText(VENDOR, 403);
		return { message: headline, description: PERMISSION_ADVICE };
	}
	if (status === 404 && context.resourceEndpoint && context.permission) {
		return {
			message: withDetail(statusText(VENDOR, 404)),
			description: `Check the ID. ${VENDOR} also answers 404 when the API key lacks the permission "${context.permission}".`,
		};
	}
	if (status === 409) {
		return { message: withDetail(`${VENDOR} already has this (409)`) };
	}
	return { message: withDetail(statusText(VENDOR, status)) };
}

/** The human part of an error body: `error`, `description`, `message`, or the auth `code` in words. */
function detailOf(body: unknown): string | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		if (typeof record.description === 'string' && record.description.trim()) return record.description.trim();
		if (typeof record.code === 'string' && AUTH_CODES[record.code]) return AUTH_CODES[record.code];
	}
	return messageFromBody(body);
}

const ISSUE_KEYS = ['errors', 'details', 'detail', 'fields', 'field_errors', 'validation_errors', 'messages'];

/**
 * Field-level validation details as `field: message` lines. Accepted forms, under any of
 * `ISSUE_KEYS` or `error`: `{ field: "msg" | ["msg", …] | { nested } }` and
 * `[{ field | loc | path | name, message | msg | error }]` or plain strings.
 */
export function fieldIssues(body: unknown): string[] {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
	const record = body as Record<string, unknown>;
	for (const key of [...ISSUE_KEYS, 'error']) {
		const value = record[key];
		if (value && typeof value === 'object') {
			const issues = Array.isArray(value) ? issuesFromList(value) : issuesFromMap(value as Record<string, unknown>, '');
			if (issues.length > 0) return issues;
		}
	}
	return [];
}

function issuesFromMap(map: Record<string, unknown>, prefix: string): string[] {
	return Object.entries(map).flatMap(([field, value]) => {
		const path = prefix ? `${prefix}.${field}` : field;
		if (typeof value === 'string') return [`${path}: ${value}`];
		if (Array.isArray(value)) {
			const texts = value.filter((entry): entry is string => typeof entry === 'string');
			if (texts.length > 0) return [`${path}: ${texts.join(', ')}`];
			return issuesFromList(value).map((issue) => `${path}.${issue}`);
		}
		if (value && typeof value === 'object') return issuesFromMap(value as Record<string, unknown>, path);
		return [];
	});
}

function issuesFromList(list: unknown[]): string[] {
	return list.flatMap((entry) => {
		if (typeof entry === 'string') return entry.trim() ? [entry.trim()] : [];
		if (!entry || typeof entry !== 'object') return [];
		const issue = entry as Record<string, unknown>;
		const where = [issue.field, issue.loc, issue.path, issue.name].find(
			(value) => (typeof value === 'string' && value) || (Array.isArray(value) && value.length > 0),
		);
		const what = [issue.message, issue.msg, issue.error].find((value) => typeof value === 'string' && value);
		if (typeof what !== 'string') return [];
		const field = Array.isArray(where) ? where.join('.') : (where as string | undefined);
		return [field ? `${field}: ${what}` : what];
	});
}
