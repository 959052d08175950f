import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import type { RecordedRequest } from '../../support/fakeVendor';
import { KITS } from '../../vendors';
import type { VendorKit, VendorSlug } from '../../vendors';
import type { InvariantSecrets } from '../../vendors/kit';

/**
 * The vendors as the invariant suites see them, one per vendor kit (its `invariants` part):
 * credentials pointing at an API root (each with a path, so that an escape from the path is as
 * visible as one to another host), and a fake vendor's plausible answer to any request, shaped
 * like the vendor's own, whose string values come from `value()` (plain ids for a baseline run,
 * hostile or secret-bearing text otherwise).
 */

export type VendorKey = VendorSlug;

export type Secrets = InvariantSecrets;

export const PLAIN_SECRETS: Secrets = { apiKey: 'plain-api-key-0001', signingSecret: 'plain-signing-secret-0001' };

export interface VendorSetup {
	key: VendorKey;
	name: string;
	credentialType: ICredentialType;
	/** The API root the credentials below point at; every request must stay below it. */
	baseUrl: string;
	credentials(secrets: Secrets): ICredentialDataDecryptedObject;
	/** Which credential values are secrets. */
	secretsOf(secrets: Secrets): string[];
	/** A 200 answer of the vendor's shape for `request`. */
	answer(request: RecordedRequest, value: () => string): unknown;
	/** Bodies of the vendor's own shape that echo a secret: a refusal, and a success. */
	echoes: VendorKit['invariants']['echoes'];
}

export { pathBelow } from '../../vendors/kit';

export function vendorSetup(kit: VendorKit): VendorSetup {
	return { key: kit.slug as VendorKey, name: kit.name, credentialType: kit.credentialType, ...kit.invariants };
}

/** Every vendor, by slug. */
export const VENDORS = Object.fromEntries(KITS.map((kit) => [kit.slug, vendorSetup(kit)])) as Record<VendorKey, VendorSetup>;

/** `value()` for a baseline run: distinct, ordinary ids. */
export function plainValues(): () => string {
	let next = 0;
	return () => `value-${++next}`;
}

/** `value()` that cycles through `values` (hostile strings, or texts carrying secrets). */
export function cycling(values: readonly string[]): () => string {
	let next = 0;
	return () => values[next++ % values.length];
}
