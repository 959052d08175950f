import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	HEALTHIE_API_VERSIONS,
	HEALTHIE_DEFAULT_API_VERSION,
	HEALTHIE_ENVIRONMENTS,
	HEALTHIE_NO_API_VERSION,
} from '../nodes/Healthie/environments';
import { apiKeyField } from '../nodes/shared/credentials';
import { baseUrlExpression, environmentProperties } from '../nodes/shared/environment';

/**
 * What the Test button says. n8n shows only the status text of a non-2xx answer ("Unauthorized"),
 * so the refusals say what to do; a 2xx answer fails the test when get(body, key) === value. n8n
 * types `rules` as a list of one kind, but its tester reads both kinds from one list (n8n 2.41
 * `credentials-tester.service`; shown by test/e2e/healthie.e2e.test.ts).
 */
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Healthie refused the API key. Check the key, and that it is for the chosen environment (sandbox and production keys differ) and shard.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message: 'Healthie refused access for this API key. Check the key, the environment and the shard ID.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'errors[0].extensions.code',
			value: 'UNSUPPORTED_API_VERSION',
			message: 'Healthie does not accept the chosen API version. Choose another release in the credential.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'errors[0].extensions.code',
			value: 'TOO_MANY_REQUESTS',
			message: 'Healthie is limiting requests for this API key right now. Try again in a few minutes.',
		},
	},
	{
		// No user id (errors, or `currentUser: null`): the key was not accepted.
		type: 'responseSuccessBody',
		properties: {
			key: 'data.currentUser.id',
			value: undefined,
			message:
				'Healthie did not return the user of this API key. Check the key, the environment and the shard ID.',
		},
	},
];

export class HealthieApi implements ICredentialType {
	name = 'healthieApi';

	displayName = 'Healthie API';

	icon = {
		light: 'file:../nodes/Healthie/healthie.svg',
		dark: 'file:../nodes/Healthie/healthie.dark.svg',
	} as const;

	documentationUrl = 'https://docs.gethealthie.com/guides/api-concepts/authentication';

	properties: INodeProperties[] = [
		apiKeyField(
			'Made in Healthie under Settings > Developer > API Key. Sandbox and production keys differ. To manage webhooks (the trigger), the key\'s user needs the permission "Can view and manage developer features".',
		),
		{
			displayName: 'Shard ID',
			name: 'authorizationShard',
			type: 'string',
			default: '',
			description:
				'Only if Healthie told you that your data is in a shard: sent as AuthorizationShard. Leave empty otherwise.',
		},
		...environmentProperties(HEALTHIE_ENVIRONMENTS, 'production', {
			placeholder: 'http://127.0.0.1:8787/healthie/graphql',
			description: 'The GraphQL endpoint itself (requests are POSTed to this exact URL)',
		}),
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				...HEALTHIE_API_VERSIONS.map((version) => ({
					name: version === HEALTHIE_DEFAULT_API_VERSION ? `${version} (Recommended)` : version,
					value: version,
				})),
				{
					name: 'None (Baseline 2024-06-01, Removed by Healthie on 2027-01-31)',
					value: HEALTHIE_NO_API_VERSION,
				},
			],
			default: HEALTHIE_DEFAULT_API_VERSION,
			description:
				'The Healthie API release to use, sent as Healthie-GraphQL-API-Version. The nodes are written and tested for the recommended release; older ones get the older document forms where Healthie changed them. Healthie stops answering requests without a version on 2027-01-31.',
		},
	];

	/** Healthie takes the raw key after "Basic " (not base64 of user:password) and optional headers left out when empty. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string> | undefined),
			Authorization: `Basic ${String(credentials.apiKey ?? '')}`,
			AuthorizationSource: 'API',
		};
		const shard = String(credentials.authorizationShard ?? '').trim();
		if (shard) headers.AuthorizationShard = shard;
		const version = String(credentials.apiVersion ?? HEALTHIE_DEFAULT_API_VERSION).trim();
		if (version && version !== HEALTHIE_NO_API_VERSION) headers['Healthie-GraphQL-API-Version'] = version;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(HEALTHIE_ENVIRONMENTS),
			url: '',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { query: 'query n8nCredentialTest { currentUser { id email } }' },
			disableFollowRedirect: true,
		},
		rules: TEST_RULES as ICredentialTestRequest['rules'],
	};
}
