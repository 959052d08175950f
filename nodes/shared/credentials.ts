import type { IAuthenticateRuleResponseCode, INodeProperties } from 'n8n-workflow';

/**
 * The credential fields and Test-button rules every vendor's credential shares. The credential
 * classes stay literal (n8n reads their class fields); their properties and rules come from here.
 */

/** The vendor's API key: a required password field. */
export function apiKeyField(description: string): INodeProperties {
	return {
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description,
	};
}

/**
 * The signing secret deliveries are verified with, and the previous one during a rotation. Each
 * field holds one secret, taken whole (see `credentialSigningSecrets`).
 */
export function signingSecretFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description,
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only while rotating the secret: the old one, so that deliveries signed with either are accepted. Empty it once the vendor signs with the new secret only.',
		},
	];
}

/** The Test button's words for the vendor's answers, by HTTP status, in the order given. */
export function responseCodeRules(messages: Array<[status: number, message: string]>): IAuthenticateRuleResponseCode[] {
	return messages.map(([value, message]) => ({ type: 'responseCode', properties: { value, message } }));
}
