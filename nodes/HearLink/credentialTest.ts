import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	IgnoreStatusErrorConfig,
} from 'n8n-workflow';

import { responseCodeRules } from '../shared/credentials';

/**
 * The HearLink credential's Test button (docs/nodes/hearlink.md#credential-hearlink-api). HearLink
 * has no endpoint that answers 2xx without a real record, so the button looks up a patient that
 * cannot exist: HearLink answers 404 "not found" (or 400 for an ID it finds malformed) to a key it
 * accepts, and 401 / 403 to one it refuses (docs/vendors/hearlink.md#answers-and-errors).
 *
 * n8n's credential tester fails every answer it receives as an HTTP error, so the probe asks n8n to
 * hand the answer over instead (`ignoreHttpStatusErrors`), except for the statuses that say the key
 * does not work: those still fail, with the words of the `responseCode` rules below. Every other
 * answer reaches the `responseSuccessBody` rules, which fail it when HearLink's error code says the
 * key was refused, or when it is not HearLink's error body at all (no `error.code`: a plain
 * "Unauthorized" from a server in front of HearLink, a page from a wrong Base URL). What is left, the
 * "not found" for the made-up patient, is "Connection successful".
 *
 * The status list is what n8n 2.41.1 reads; an n8n that reads `ignoreHttpStatusErrors` only as
 * yes/no hands every answer to the body rules, and then the refusal codes decide. HearLink does not
 * document those codes (only `VALIDATION_ERROR` is published): the lists below are the plausible
 * ones, an inferred fact (docs/vendors/hearlink.md#credential-test-answer).
 */

/** A patient that cannot exist: the nil UUID. */
export const HEARLINK_PROBE_PATH = '/patients/00000000-0000-0000-0000-000000000000';

/** Statuses that fail the test whatever the body says (HearLink documents 401 and 403). */
export const HEARLINK_PROBE_FAILING_STATUSES = [401, 403, 429, 500, 502, 503, 504];

/** Error codes that say the key was refused (inferred: HearLink publishes none). */
export const HEARLINK_KEY_REFUSED_CODES = [
	'UNAUTHORIZED',
	'UNAUTHENTICATED',
	'INVALID_API_KEY',
	'API_KEY_INVALID',
	'INVALID_KEY',
	'MISSING_API_KEY',
	'API_KEY_MISSING',
	'API_KEY_REVOKED',
	'API_KEY_EXPIRED',
	'AUTHENTICATION_FAILED',
	'AUTHENTICATION_ERROR',
	'INVALID_CREDENTIALS',
];

/** Error codes that say the key is known but may not read patients (inferred). */
export const HEARLINK_NOT_PERMITTED_CODES = ['FORBIDDEN', 'PERMISSION_DENIED', 'INSUFFICIENT_PERMISSIONS', 'ACCESS_DENIED'];

/** Error codes that say HearLink could not answer just now (inferred). */
export const HEARLINK_BUSY_CODES = ['RATE_LIMITED', 'RATE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS'];
export const HEARLINK_TROUBLE_CODES = ['INTERNAL_ERROR', 'INTERNAL_SERVER_ERROR', 'SERVER_ERROR', 'SERVICE_UNAVAILABLE'];

export const KEY_REFUSED =
	'HearLink refused the API key. Copy it again from HearLink (Organisation Settings → API keys; HearLink shows a key only once, so create a new one if it was lost), and check that Environment is Production.';
export const KEY_NOT_PERMITTED =
	'HearLink knows this API key, but the key may not read patients. Ask a HearLink organisation owner to give the key that permission, or use another key.';
export const HEARLINK_BUSY = 'HearLink is busy (too many requests just now). Wait a minute and press Test again.';
export const HEARLINK_TROUBLE = 'HearLink had a problem and could not answer. Wait a few minutes and press Test again.';
export const NOT_HEARLINK =
	"The answer did not come from HearLink's API, so the API key could not be checked. Check Environment (Production for HearLink) and, with Custom, the Base URL. If they are right, the key was refused: copy it again from HearLink (Organisation Settings → API keys).";

const probeStatusErrors: IgnoreStatusErrorConfig = { ignore: true, except: HEARLINK_PROBE_FAILING_STATUSES };

function bodyRules(codes: string[], message: string): IAuthenticateRuleResponseSuccessBody[] {
	return codes.map((value) => ({ type: 'responseSuccessBody', properties: { key: 'error.code', value, message } }));
}

const statusRules: IAuthenticateRuleResponseCode[] = responseCodeRules([
	[401, KEY_REFUSED],
	[403, KEY_NOT_PERMITTED],
	[429, HEARLINK_BUSY],
	[500, HEARLINK_TROUBLE],
	[502, HEARLINK_TROUBLE],
	[503, HEARLINK_TROUBLE],
	[504, HEARLINK_TROUBLE],
]);

const answerRules: IAuthenticateRuleResponseSuccessBody[] = [
	...bodyRules(HEARLINK_KEY_REFUSED_CODES, KEY_REFUSED),
	...bodyRules(HEARLINK_NOT_PERMITTED_CODES, KEY_NOT_PERMITTED),
	...bodyRules(HEARLINK_BUSY_CODES, HEARLINK_BUSY),
	...bodyRules(HEARLINK_TROUBLE_CODES, HEARLINK_TROUBLE),
	// Last: an answer without HearLink's `error.code` (n8n compares `get(body, key) === value`).
	{ type: 'responseSuccessBody', properties: { key: 'error.code', value: undefined, message: NOT_HEARLINK } },
];

/** The credential's `test`, for a base URL expression. */
export function hearLinkCredentialTest(baseURL: string): ICredentialTestRequest {
	return {
		request: { baseURL, url: HEARLINK_PROBE_PATH, method: 'GET', ignoreHttpStatusErrors: probeStatusErrors, disableFollowRedirect: true },
		// n8n types `rules` as a list of one kind or the other; its tester reads each rule by its `type`.
		rules: [...statusRules, ...answerRules] as unknown as IAuthenticateRuleResponseCode[],
	};
}
