import type { Sandbox } from '../sandbox';
import { sandboxCredentials, SELF_REGISTERING_KITS } from '../vendors';
import type { VendorKit, VendorSubscription } from '../vendors';
import type { LifecycleKit } from '../vendors/kit';
import { TriggerHarness } from './n8nCore';

/**
 * Each self-registering trigger as the lifecycle soak drives it (in process and in a real n8n),
 * derived from its vendor kit: the event selections and methods to fail from `lifecycle.soak`, the
 * vendor's view of its subscriptions, and how it loses one.
 */
export interface SoakSubject {
	kit: VendorKit;
	/** The sandbox vendor name (fault and request-log key). */
	vendor: string;
	/** Event selections the cycles switch between. */
	eventSets: string[][];
	/** HTTP methods the vendor sees during publish / unpublish (faults are injected on them). */
	publishMethods: string[];
	unpublishMethods: string[];
	harness(sandbox: Sandbox, index: number): TriggerHarness;
	/** The vendor's subscriptions pointing at `url`. */
	subscriptionsAt(sandbox: Sandbox, url: string): VendorSubscription[];
	/** Deletes a subscription at the vendor behind the node's back. */
	drop(sandbox: Sandbox, id: string): void;
	/** Switches a subscription off at the vendor, where the vendor can. */
	disable?(sandbox: Sandbox, id: string): void;
	/** Whether an error message names the vendor and what it answered. */
	namesVendorAnswer(message: string): boolean;
}

export function soakSubject(kit: VendorKit, index: number): SoakSubject {
	const lifecycle = kit.lifecycle as LifecycleKit;
	return {
		kit,
		vendor: kit.slug,
		...lifecycle.soak,
		harness: (sandbox, run) =>
			new TriggerHarness({
				trigger: kit.trigger,
				credentialTypes: [kit.credentialType],
				credentials: { [kit.credentialType.name]: sandboxCredentials(kit, sandbox) },
				parameters: { events: [] },
				// A vendor that registers only https targets gets an https base; the soak needs no deliveries, so nothing listens there.
				n8nBaseUrl: kit.https ? 'https://n8n.soak.test' : 'http://127.0.0.1:5678',
				webhookId: `50a50a50-0000-4000-${(0x8000 + index * 0x1000).toString(16)}-${String(run).padStart(12, '0')}`,
			}),
		subscriptionsAt: (sandbox, url) => kit.subscriptionsAt(sandbox, url),
		drop: (sandbox, id) => lifecycle.drop(sandbox, id),
		disable: lifecycle.disable ? (sandbox, id) => lifecycle.disable!(sandbox, id) : undefined,
		namesVendorAnswer: lifecycle.namesVendorAnswer,
	};
}

/** Every self-registering trigger (HearLink has no subscription API), one per vendor kit. */
export const soakSubjects: SoakSubject[] = SELF_REGISTERING_KITS.map(soakSubject);
