import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { HEARLINK_ENVIRONMENTS } from '../nodes/HearLink/environments';
import { hearLinkCredentialTest } from '../nodes/HearLink/credentialTest';
import { apiKeyField, signingSecretFields } from '../nodes/shared/credentials';
import { baseUrlExpression, environmentProperties } from '../nodes/shared/environment';

/**
 * The Test button looks up a patient that cannot exist, and reads HearLink's answer: its "not
 * found" means the key works ("Connection successful"); a refusal says so in plain words. How, and
 * what rests on an inferred fact: nodes/HearLink/credentialTest.ts.
 */
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
			placeholder: 'e.g. http://127.0.0.1:8787/hearLink',
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

	test: ICredentialTestRequest = hearLinkCredentialTest(baseUrlExpression(HEARLINK_ENVIRONMENTS));
}
