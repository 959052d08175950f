import type { Sandbox } from '../sandbox';
import type { DeliveryRecord } from '../sandbox/deliveries';
import { HEARLINK_EVENTS } from '../sandbox/hearLink';
import { nodeType } from './workflows';

/**
 * What the e2e suite and `npm start` need to know about each vendor's sandbox simulation: which
 * credential type it stands in for, the name example workflows use for that credential, and how
 * to make it send a few sample events. Each vendor adds its entry here.
 */

/** A trigger in an example that will be published with a vendor's credential. */
export interface ExampleTrigger {
	/** The node's type, e.g. `n8n-nodes-health-practice.hearLinkTrigger`. */
	type: string;
	parameters: Record<string, unknown>;
	/** The Production URL n8n gives it (from its `webhookId`). */
	productionUrl: string;
}

export interface SandboxVendor {
	/** The credential type, e.g. `heroHealthApi`. */
	credentialType: string;
	/** The credential's name in `examples/*.json`, e.g. "Hero Health (sandbox)". */
	credentialName: string;
	/**
	 * Credential data the simulation accepts (from its `credentials()`). `triggers` are the example
	 * triggers that will be published with it: a vendor whose webhooks an admin sets up by hand
	 * before publishing does that here, at the simulation, and returns what goes into the credential.
	 */
	credentials(sandbox: Sandbox, triggers: ExampleTrigger[]): Record<string, string>;
	/** Makes the simulation deliver a few events to whatever is subscribed; settles when all are sent. */
	sendSampleEvents(sandbox: Sandbox): Promise<DeliveryRecord[]>;
	/** One line for the demo's printout: how to send another event by hand. */
	howToSendEvents(sandboxUrl: string): string;
}

export const SANDBOX_VENDORS: SandboxVendor[] = [
	{
		credentialType: 'heroHealthApi',
		credentialName: 'Hero Health (sandbox)',
		credentials: (sandbox) => sandbox.heroHealth.credentials(),
		sendSampleEvents: async (sandbox) => [
			...(await sandbox.heroHealth.emit('appointment.confirmed', '1001')),
			...(await sandbox.heroHealth.emit('appointment.confirmed', '1002')),
		],
		howToSendEvents: (url) =>
			`curl -X POST ${url}/_sandbox/heroHealth/events -H 'content-type: application/json' -d '{"event":"appointment.confirmed","id":"1001"}'`,
	},
	{
		credentialType: 'healthieApi',
		credentialName: 'Healthie (sandbox)',
		credentials: (sandbox) => sandbox.healthie.credentials(),
		// Ada's filled-out intake form: what the example "intake form completed → task" listens for.
		sendSampleEvents: async (sandbox) =>
			await sandbox.healthie.emit({ event_type: 'form_answer_group.created', resource_id: '4001' }),
		howToSendEvents: (url) =>
			`curl -X POST ${url}/_sandbox/healthie/events -H 'content-type: application/json' -d '{"event_type":"form_answer_group.created","resource_id":"4001"}'`,
	},
	// HearLink has no webhook API. As an admin does in HearLink's portal before publishing, a webhook
	// is created for the HearLink trigger's Production URL, and the signing secret it shows goes into
	// the credential. One credential holds one webhook's secret: a second HearLink trigger example
	// would need a credential of its own.
	{
		credentialType: 'hearLinkApi',
		credentialName: 'HearLink (sandbox)',
		credentials: (sandbox, triggers) => {
			const secrets = triggers
				.filter((trigger) => trigger.type === nodeType('hearLinkTrigger'))
				.map((trigger) => sandbox.hearLink.createWebhook(trigger.productionUrl, portalEvents(trigger.parameters)).secret);
			if (secrets.length > 1) {
				throw new Error('Each HearLink trigger needs a credential of its own (one webhook secret each); the examples share one');
			}
			return { ...sandbox.hearLink.credentials(), ...(secrets.length > 0 ? { webhookSigningSecret: secrets[0] } : {}) };
		},
		sendSampleEvents: async (sandbox) => await sandbox.hearLink.emit('appointment.updated'),
		howToSendEvents: (url) =>
			`curl -X POST ${url}/_sandbox/hearLink/events -H 'content-type: application/json' -d '{"type":"appointment.updated"}'`,
	},
	{
		credentialType: 'rxScaleApi',
		credentialName: 'RxScale (sandbox)',
		credentials: (sandbox) => sandbox.rxScale.credentials(),
		sendSampleEvents: async (sandbox) => [
			...(await sandbox.rxScale.emit('pharmacy_order_created', 'po-1001')),
			...(await sandbox.rxScale.emit('pharmacy_order_updated', 'po-1002')),
		],
		howToSendEvents: (url) =>
			`curl -X POST ${url}/_sandbox/rxScale/events -H 'content-type: application/json' -d '{"event_type":"pharmacy_order_created","uid":"po-1001"}'`,
	},
];

/** The events ticked in HearLink's portal: the node's, without `webhook.test` (the portal's Test button sends it to any webhook). */
function portalEvents(parameters: Record<string, unknown>): string[] {
	const events = Array.isArray(parameters.events) ? (parameters.events as string[]) : [];
	return events.filter((event) => HEARLINK_EVENTS.includes(event));
}
