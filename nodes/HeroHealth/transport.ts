import type { IAllExecuteFunctions } from 'n8n-workflow';

import { resolveBaseUrl } from '../shared/environment';
import { statusText } from '../shared/errors';
import type { VendorApi, VendorErrorText, VendorRequest } from '../shared/http';
import { vendorRequest } from '../shared/http';
import { HERO_HEALTH_ENVIRONMENTS } from './environments';

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

interface HeroValidationIssue {
	code?: unknown;
	expected?: unknown;
	message?: unknown;
	path?: unknown;
}

/**
 * Hero's 400 body is `{ error, statusCode, message: [{ code, expected, path }] }` (hero-health.md
 * §6.1); it becomes "dob: expected ISO date". Other statuses have no documented body.
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
		description:
			status === 401 || status === 403
				? 'Check the API key and Practice Group ID in the credential, and the environment (staging and production keys differ).'
				: undefined,
	};
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
