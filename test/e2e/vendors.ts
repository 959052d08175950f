import type { Sandbox } from '../sandbox';
import type { DeliveryRecord } from '../sandbox/deliveries';

/**
 * What the e2e suite and `npm start` need to know about each vendor's sandbox simulation: which
 * credential type it stands in for, the name example workflows use for that credential, and how
 * to make it send a few sample events. Each vendor adds its entry here.
 */

export interface SandboxVendor {
	/** The credential type, e.g. `heroHealthApi`. */
	credentialType: string;
	/** The credential's name in `examples/*.json`, e.g. "Hero Health (sandbox)". */
	credentialName: string;
	/** Credential data the simulation accepts (from its `credentials()`). */
	credentials(sandbox: Sandbox): Record<string, string>;
	/** Makes the simulation deliver a few events to whatever is subscribed; settles when all are sent. */
	sendSampleEvents(sandbox: Sandbox): Promise<DeliveryRecord[]>;
	/** One line for the demo's printout: how to send another event by hand. */
	howToSendEvents(sandboxUrl: string): string;
}

export const SANDBOX_VENDORS: SandboxVendor[] = [
	{
		credentialType: 'heroHealthApi',
		credentialName: 'Hero Health (sandbox)',
		credentials: (sandbox) => sandbox.hero.credentials(),
		sendSampleEvents: async (sandbox) => [
			...(await sandbox.hero.emit('appointment.confirmed', '1001')),
			...(await sandbox.hero.emit('appointment.confirmed', '1002')),
		],
		howToSendEvents: (url) =>
			`curl -X POST ${url}/_sandbox/hero/events -H 'content-type: application/json' -d '{"event":"appointment.confirmed","id":"1001"}'`,
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
];
