import type { EnvironmentUrls } from '../shared/environment';

/** Hero Health API roots (hero-health.md §1.1). Paths below them start with `/v1/`. */
export const HERO_HEALTH_ENVIRONMENTS: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://api.herohealth.net' },
	staging: { name: 'Staging (test data only)', url: 'https://api.staging.htech.app' },
};
