import type { EnvironmentUrls } from '../shared/environment';

/** Hero Health API roots (docs/vendors/hero-health.md#hosts-and-authentication). Paths below them start with `/v1/`. */
export const HERO_HEALTH_ENVIRONMENTS: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://api.herohealth.net' },
	staging: { name: 'Staging (test data only)', url: 'https://api.staging.htech.app' },
};
