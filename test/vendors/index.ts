import type { Sandbox } from '../sandbox';
import type { VendorSimulation } from '../sandbox/server';
import { healthie } from './healthie';
import { hearLink } from './hearLink';
import { heroHealth } from './heroHealth';
import type { ExampleTrigger, VendorKit } from './kit';
import { rxScale } from './rxScale';

/**
 * THE registry of vendors the tests know: one kit per vendor (test/vendors/<slug>.ts, keyed by its
 * slug, the node's spelling). The sandbox, its CLI, the contract suites, the forged-delivery
 * corpus, the lifecycle soak, the invariant suites, the demo and the e2e example import, and the
 * bench all read it; adding a vendor is adding its kit here.
 */
export const VENDOR_KITS = { heroHealth, healthie, hearLink, rxScale };

export type VendorSlug = keyof typeof VENDOR_KITS;

/** Every kit, in the registry's order. */
export const KITS: VendorKit[] = Object.values(VENDOR_KITS);

/** Kits whose triggers register their own subscriptions at the vendor. */
export const SELF_REGISTERING_KITS = KITS.filter((kit) => kit.selfRegisters && kit.lifecycle);

/** `[name, kit]` rows for `describe.each` (`%s` names the vendor). */
export const eachKit = (kits: VendorKit[] = KITS) => kits.map((kit) => [kit.name, kit] as [string, VendorKit]);

/** The kit of a credential type, e.g. `heroHealthApi`. */
export function kitOfCredential(credentialType: string): VendorKit | undefined {
	return KITS.find((kit) => kit.credentialType.name === credentialType);
}

/** The kit's simulation on a started sandbox. */
export function simulationOf(sandbox: Sandbox, kit: VendorKit): VendorSimulation {
	return sandbox[kit.slug as VendorSlug];
}

/** Credential data for the sandbox's account at this vendor (an admin's by-hand set-up not included). */
export function sandboxCredentials(kit: VendorKit, sandbox: Sandbox): Record<string, string> {
	return simulationOf(sandbox, kit).credentials();
}

/** Credential data for `triggers` about to be published with it, with what an admin sets up at the vendor first. */
export function credentialsFor(kit: VendorKit, sandbox: Sandbox, triggers: ExampleTrigger[]): Record<string, string> {
	return kit.credentialsFor?.(sandbox, triggers) ?? sandboxCredentials(kit, sandbox);
}

export type { Delivery, ExampleTrigger, Signer, VendorKit, VendorSubscription } from './kit';
