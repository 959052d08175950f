import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { heroHealthRequest, unpublishedScopeHint } from '../../transport';

/**
 * `POST /v1/access_token` (docs/vendors/hero-health.md#links-and-elements-tokens): a JWT for Hero Elements (e.g. the
 * `hh-message-builder` web component's `jwt-token`), valid for 30 minutes. The output is a secret.
 */

const TOKEN_LIFETIME_MS = 30 * 60 * 1000;

export const createAccessToken: Operation = {
	resource: 'elements',
	operation: 'createAccessToken',
	name: 'Create Access Token',
	description:
		'Create a 30-minute token for Hero Elements web components. The output is sensitive: it grants access to this practice group, so pass it only to the page that needs it and never log or store it.',
	action: 'Create Elements access token',
	fields: [
		{
			displayName:
				'The output "access_token" is a secret that lets a web page act for this practice group for 30 minutes ("expires_at"). Do not write it to logs, sheets or messages.',
			name: 'sensitiveNotice',
			type: 'notice',
			default: '',
		},
	],

	async run(itemIndex) {
		const requestedAt = Date.now();
		const answer = (await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/access_token',
			itemIndex,
			// A second token is harmless: the first simply expires.
			idempotent: true,
			permissionHint: unpublishedScopeHint('Elements access tokens'),
		})) as { access_token?: unknown } | undefined;
		if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
			throw new NodeOperationError(this.getNode(), 'Hero Health answered without an access token', { itemIndex });
		}
		return {
			access_token: answer.access_token,
			// Counted from before the request, so the token never outlives the time shown.
			expires_at: new Date(requestedAt + TOKEN_LIFETIME_MS).toISOString(),
		};
	},
};
