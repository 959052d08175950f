import type { EnvironmentUrls } from '../shared/environment';

/**
 * HearLink's API root (docs/vendors/hearlink.md#production-base-url: seen only in the OpenAPI copy a third-party package ships).
 * HearLink publishes no staging or sandbox address; "Custom" covers the local sandbox.
 */
export const HEARLINK_ENVIRONMENTS: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://app.hearlink.co.uk/api' },
};
