import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { HERO_HEALTH_ENVIRONMENTS } from '../nodes/HeroHealth/environments';
import { apiKeyField, responseCodeRules } from '../nodes/shared/credentials';
import { baseUrlExpression, environmentProperties } from '../nodes/shared/environment';

export class HeroHealthApi implements ICredentialType {
	name = 'heroHealthApi';

	displayName = 'Hero Health API';

	icon = { light: 'file:../nodes/HeroHealth/heroHealth.svg', dark: 'file:../nodes/HeroHealth/heroHealth.dark.svg' } as const;

	documentationUrl = 'https://developer.herohealth.net/pages/api/authentication';

	properties: INodeProperties[] = [
		apiKeyField('The partner API key Hero Health issued. Staging and production use different keys.'),
		{
			displayName: 'Practice Group ID',
			name: 'practiceGroupId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the practice group to act for, sent as x-practice-group-id',
		},
		...environmentProperties(HERO_HEALTH_ENVIRONMENTS, 'production', {
			placeholder: 'http://127.0.0.1:8787/heroHealth',
			description: 'The API root; paths such as /v1/webhooks are added to it',
		}),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'x-api-key': '={{$credentials.apiKey}}', 'x-practice-group-id': '={{$credentials.practiceGroupId}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: baseUrlExpression(HERO_HEALTH_ENVIRONMENTS), url: '/v1/me', method: 'GET', disableFollowRedirect: true },
		rules: responseCodeRules([
			[401, 'Hero Health refused the API key. Check the key, and that it is for the chosen environment (staging and production keys differ).'],
			[403, 'Hero Health refused the key for this practice group. Check the Practice Group ID, and ask Hero support whether the key covers it.'],
		]),
	};
}
