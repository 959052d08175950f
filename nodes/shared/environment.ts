import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/**
 * Credentials choose an environment (production, staging, …) or "custom" with a base URL. The
 * vendor's URLs live in one map per vendor; from it come the credential's fields, the expression
 * its Test button uses, and the base URL the nodes call.
 */

export type EnvironmentUrls = Record<string, { name: string; url: string }>;

export const CUSTOM_ENVIRONMENT = 'custom';

/** The `environment` option field and the `baseUrl` field shown for "Custom". */
export function environmentProperties(
	urls: EnvironmentUrls,
	defaultEnvironment: string,
	baseUrl: { placeholder: string; description: string },
): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				...Object.entries(urls).map(([value, { name, url }]) => ({ name, value, description: url })),
				{ name: 'Custom', value: CUSTOM_ENVIRONMENT, description: 'Another address, such as a local sandbox' },
			],
			default: defaultEnvironment,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: baseUrl.placeholder,
			description: baseUrl.description,
			displayOptions: { show: { environment: [CUSTOM_ENVIRONMENT] } },
		},
	];
}

/** An n8n expression that evaluates to the base URL, for a credential's `test.request.baseURL`. */
export function baseUrlExpression(urls: EnvironmentUrls): string {
	const chosen = Object.entries(urls).reduce(
		(otherwise, [value, { url }]) => `$credentials.environment === '${value}' ? '${url}' : ${otherwise}`,
		"''",
	);
	return `={{ ($credentials.environment === '${CUSTOM_ENVIRONMENT}' ? String($credentials.baseUrl || '') : ${chosen}).replace(/\\/+$/, '') }}`;
}

/** The base URL (no trailing slash) that credentials point at. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject, urls: EnvironmentUrls): string {
	const environment = String(credentials.environment ?? '');
	const url = environment === CUSTOM_ENVIRONMENT ? String(credentials.baseUrl ?? '') : urls[environment]?.url;
	return (url ?? '').trim().replace(/\/+$/, '');
}
