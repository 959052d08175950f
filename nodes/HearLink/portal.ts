import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialSigningSecrets, SHORTEST_SIGNING_SECRET } from '../shared/signature';

/**
 * HearLink has no API for webhooks: an admin creates the webhook in HearLink's portal and pastes
 * the secret it shows into the credential. The trigger's lifecycle therefore registers nothing; it
 * refuses to publish a trigger that could never accept a delivery, and logs what is left to do in
 * the portal.
 */

export const SECRET_HINT =
	'Paste the signing secret HearLink showed when the webhook was created into the "Webhook Signing Secret" field of the HearLink credential this trigger uses (one credential per HearLink webhook, so that each trigger accepts only its own webhook\'s deliveries).';

export const hearLinkPortalLifecycle = {
	/** Nothing at HearLink can be looked up: say no, so that `create` checks what this side can. */
	async checkExists(this: IHookFunctions): Promise<boolean> {
		return false;
	},

	/** Refuses to publish while the credential holds no usable signing secret. */
	async create(this: IHookFunctions): Promise<boolean> {
		const url = this.getNodeWebhookUrl('default') ?? '';
		const { secrets, tooShort } = credentialSigningSecrets(await this.getCredentials('hearLinkApi'));
		// n8n reports a failed publication with the message alone, so the message says what to do.
		if (tooShort.length > 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The webhook signing secret in the HearLink credential is too short (under ${SHORTEST_SIGNING_SECRET} characters): paste the whole secret HearLink showed when the webhook was created, then publish again`,
				{ description: SECRET_HINT },
			);
		}
		if (secrets.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The HearLink credential has no webhook signing secret: create the webhook for this trigger's Production URL in HearLink (Organisation Settings → Webhooks) and paste the secret HearLink shows into the credential's "Webhook Signing Secret", then publish again`,
				{
					description: `Without it every delivery would be refused. Create the webhook in HearLink (Organisation Settings → Webhooks) for ${url}, then: ${SECRET_HINT} Publish again afterwards.`,
				},
			);
		}
		if (!/^https:\/\//i.test(url)) {
			this.logger.warn(
				`HearLink Trigger "${this.getNode().name}": HearLink only accepts https webhook URLs, and this one is ${url}. Set n8n's WEBHOOK_URL to its public https address.`,
			);
		}
		this.logger.info(
			`HearLink Trigger "${this.getNode().name}" is listening at ${url}. HearLink has no webhook API: the webhook for this URL is created in HearLink's portal (Organisation Settings → Webhooks).`,
		);
		return true;
	},

	/** Nothing to remove through an API; the log says what is left in HearLink's portal. */
	async delete(this: IHookFunctions): Promise<boolean> {
		this.logger.info(
			`HearLink Trigger "${this.getNode().name}" stopped listening at ${this.getNodeWebhookUrl('default') ?? ''}. A HearLink webhook pointing there now fails; delete or repoint it in HearLink's portal (HearLink disables a webhook after 50 failed deliveries in a row).`,
		);
		return true;
	},
};
