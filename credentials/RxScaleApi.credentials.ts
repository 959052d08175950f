import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { RXSCALE_ENVIRONMENTS, RXSCALE_PATHS } from '../nodes/RxScale/environments';
import { apiKeyField, responseCodeRules, signingSecretFields } from '../nodes/shared/credentials';
import { baseUrlExpression, environmentProperties } from '../nodes/shared/environment';

export class RxScaleApi implements ICredentialType {
	name = 'rxScaleApi';

	displayName = 'RxScale API';

	icon = { light: 'file:../nodes/RxScale/rxScale.svg', dark: 'file:../nodes/RxScale/rxScale.dark.svg' } as const;

	documentationUrl = 'https://docs.rxscale.com/authentication';

	properties: INodeProperties[] = [
		apiKeyField(
			'A Management API key (Admin Tool → Settings → API Keys), sent as X-API-Key. The trigger needs notification_subscription:read and :write; see the node page for what each action needs.',
		),
		...environmentProperties(RXSCALE_ENVIRONMENTS, 'production', {
			placeholder: 'http://127.0.0.1:8787/rxScale',
			description: 'The API root; paths such as /v1/management/orders are added to it',
		}),
		...signingSecretFields(
			'Optional. The secret RxScale signs deliveries with, for subscriptions RxScale registers without returning one of their own; it is used only for those.',
		),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-API-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: baseUrlExpression(RXSCALE_ENVIRONMENTS), url: RXSCALE_PATHS.subscriptions, method: 'GET', disableFollowRedirect: true },
		rules: responseCodeRules([
			[401, 'RxScale refused the API key. Check the key, and that it is for the chosen environment (development and production keys differ).'],
			[403, 'The key works, but it lacks notification_subscription:read, which the trigger needs. Ask your RxScale account manager to add notification_subscription:read and :write.'],
		]),
	};
}
