import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { EnvironmentUrls } from '../shared/environment';

/** Healthie's GraphQL endpoints (docs/vendors/healthie.md#endpoints-and-authentication): the base URL is the endpoint itself. */
export const HEALTHIE_ENVIRONMENTS: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://api.gethealthie.com/graphql' },
	sandbox: { name: 'Sandbox (staging, test data only)', url: 'https://staging-api.gethealthie.com/graphql' },
};

/**
 * Healthie's published API releases (docs/vendors/healthie.md#api-versions). The value is sent as
 * `Healthie-GraphQL-API-Version`; `none` sends no header, which Healthie answers with its 2024-06-01
 * baseline until 2027-01-31. The node's GraphQL documents are written for the default.
 */
export const HEALTHIE_DEFAULT_API_VERSION = '2026-01-01';
export const HEALTHIE_NO_API_VERSION = 'none';

export const HEALTHIE_API_VERSIONS = [
	'2026-07-01',
	'2026-01-01',
	'2025-11-30',
	'2025-10-15',
	'2025-07-31',
	'2025-05-15',
	'2025-04-01',
	'2025-01-01',
	'2024-11-01',
	'2024-10-20',
	'2024-10-01',
	'2024-07-01',
];

/** The release the credential asks for, or `undefined` for the unversioned baseline. */
export function apiVersionOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const value = String(credentials.apiVersion ?? HEALTHIE_DEFAULT_API_VERSION).trim();
	if (value === '') return HEALTHIE_DEFAULT_API_VERSION;
	return value === HEALTHIE_NO_API_VERSION ? undefined : value;
}
