import type { IAllExecuteFunctions } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/environment';
import { statusText } from '../shared/errors';
import type { VendorApi, VendorErrorText, VendorRequest } from '../shared/http';
import { vendorRequest } from '../shared/http';
import { HERO_HEALTH_ENVIRONMENTS } from './environments';
import { INFERRED_ENDPOINTS_PAGE } from './inferredEndpoints';

/** Hero Health's HTTP: base URL from the credential, its two auth headers, its error bodies. */
export const heroHealthApi: VendorApi = {
	vendorName: 'Hero Health',
	credentialType: 'heroHealthApi',
	baseUrl: (credentials) => resolveBaseUrl(credentials, HERO_HEALTH_ENVIRONMENTS),
	describeError: describeHeroHealthError,
};

export async function heroHealthRequest<T = unknown>(
	this: IAllExecuteFunctions,
	request: VendorRequest,
): Promise<T> {
	return (await vendorRequest.call(this, heroHealthApi, request)) as T;
}

/** The API key scopes Hero names (docs/vendors/hero-health.md#hosts-and-authentication). */
export type HeroHealthScope = 'Messaging' | 'Booking' | 'Booking links';

/** The `permissionHint` for a request: the scope the key probably lacks. */
export function permissionHint(scope: HeroHealthScope): string {
	return `This needs the "${scope}" scope on the API key: ask Hero support to add it if the key lacks it.`;
}

/** The `permissionHint` for what Hero publishes no scope for (webhooks, patients, Elements tokens …). */
export function unpublishedScopeHint(what: string): string {
	return `Hero does not publish which key scope covers ${what}: ask Hero support to enable it for this key.`;
}

interface HeroValidationIssue {
	code?: unknown;
	expected?: unknown;
	message?: unknown;
	path?: unknown;
}

/**
 * Hero's 400 body is `{ error, statusCode, message: [{ code, expected, path }] }` (see
 * docs/vendors/hero-health.md#errors-paging-and-formats); it becomes "dob: expected ISO date". Other statuses have no documented body.
 */
export function describeHeroHealthError(status: number, body: unknown): VendorErrorText {
	const issues = validationIssues(body);
	if (issues.length > 0) {
		return {
			message: `Hero Health rejected the request: ${issues.join('; ')}`,
			description: 'Correct the fields named above and run the node again.',
		};
	}
	const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
	const detail = typeof message === 'string' && message.trim() ? message.trim() : undefined;
	return {
		message: detail ? `${statusText('Hero Health', status)}: ${detail}` : statusText('Hero Health', status),
		description: statusDescription(status),
	};
}

function statusDescription(status: number): string | undefined {
	if (status === 401 || status === 403) {
		return 'Check the API key and Practice Group ID in the credential, and the environment (staging and production keys differ).';
	}
	if (status === 405) {
		return `Hero does not accept this method at this address. Some Hero paths are not published and this node infers them (listed on ${INFERRED_ENDPOINTS_PAGE}): the inferred method or path may be wrong.`;
	}
	return undefined;
}

function validationIssues(body: unknown): string[] {
	if (typeof body !== 'object' || body === null) return [];
	const list = (body as { message?: unknown }).message;
	if (!Array.isArray(list)) return [];
	return list
		.filter((issue): issue is HeroValidationIssue => typeof issue === 'object' && issue !== null)
		.map((issue) => {
			const path = Array.isArray(issue.path) && issue.path.length > 0 ? issue.path.join('.') : 'request';
			const what =
				typeof issue.expected === 'string' && issue.expected
					? `expected ${issue.expected}`
					: typeof issue.message === 'string' && issue.message
						? issue.message
						: String(issue.code ?? 'invalid');
			return `${path}: ${what}`;
		});
}
