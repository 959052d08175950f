import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { HEARLINK_ENVIRONMENTS } from '../nodes/HearLink/environments';
import { apiKeyField, responseCodeRules, signingSecretFields } from '../nodes/shared/credentials';
import { baseUrlExpression, environmentProperties } from '../nodes/shared/environment';

/**
 * The Test button looks up a patient that cannot exist. HearLink answers 404 (or 400 for an ID it
 * finds malformed) to a key it accepts, and 401/403 to one it refuses. n8n's credential tester
 * reports every answer outside 2xx as a failed test — its rules can only choose the failure
 * message — and HearLink has no endpoint that answers 2xx without a real record. So a working key
 * shows as "Couldn't connect" with a message that says, in words, that the key works.
 */
const KEY_ACCEPTED =
	'The API key works: HearLink accepted it and answered "not found" for the made-up test patient. n8n shows every answer that is not a success as a failed test; you can use this credential.';

export class HearLinkApi implements ICredentialType {
	name = 'hearLinkApi';

	displayName = 'HearLink API';

	icon = {
		light: 'file:../nodes/HearLink/hearLink.svg',
		dark: 'file:../nodes/HearLink/hearLink.dark.svg',
	} as const;

	documentationUrl =
		'https://help.hearlink.co.uk/support/solutions/articles/205000058142-using-an-api-key-to-authenticate-api-requests';

	properties: INodeProperties[] = [
		apiKeyField(
			'Created in HearLink under Organisation Settings → API keys → Create API Key. HearLink shows it once; sent as x-api-key.',
		),
		...environmentProperties(HEARLINK_ENVIRONMENTS, 'production', {
			placeholder: 'http://127.0.0.1:8787/hearLink',
			description: 'The API root; paths such as /patients/create are added to it',
		}),
		...signingSecretFields(
			"Only for the HearLink Trigger: the secret HearLink shows once when you create the webhook in Organisation Settings → Webhooks. Use one credential per HearLink webhook: a trigger accepts every delivery signed with its credential's secret.",
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(HEARLINK_ENVIRONMENTS),
			url: '/patients/00000000-0000-0000-0000-000000000000',
			method: 'GET',
		},
		rules: responseCodeRules([
			[404, KEY_ACCEPTED],
			[400, KEY_ACCEPTED],
			[
				401,
				'HearLink refused the API key. Copy the key again (Organisation Settings → API keys; HearLink shows a key only once, so create a new one if it was lost) and check that the environment is Production.',
			],
			[
				403,
				'HearLink accepted the API key but it may not read patients. Ask a HearLink organisation owner to give the key that permission, or use another key.',
			],
		]),
	};
}
