import type { Sandbox } from '../sandbox';

/**
 * Credential data for each credential type that points at the sandbox's account for that vendor
 * (HearLink's signing secret is not in it: an admin copies it from HearLink's portal).
 */
export const SANDBOX_CREDENTIALS: Record<string, (sandbox: Sandbox) => Record<string, string>> = {
	heroHealthApi: (sandbox) => sandbox.heroHealth.credentials(),
	healthieApi: (sandbox) => sandbox.healthie.credentials(),
	hearLinkApi: (sandbox) => sandbox.hearLink.credentials(),
	rxScaleApi: (sandbox) => sandbox.rxScale.credentials(),
};
