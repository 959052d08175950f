import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import { KITS } from '../vendors';
import type { VendorKit } from '../vendors';
import type { ForgeryTarget } from './forgery';
import { DEFAULT_WEBHOOK_URL } from './mockContexts';

/**
 * Each vendor's trigger set up to receive deliveries, with the forgery recipe for its vendor: the
 * kit's signing recipe, envelope and corpus event (test/vendors/<slug>.ts), nothing restated here.
 */

/** A trigger set up to receive deliveries, with the forgery recipe for its vendor. */
export interface CorpusSubject {
	kit: VendorKit;
	trigger: INodeType;
	parameters: IDataObject;
	staticData: IDataObject;
	/** Credentials by type that `webhook()` may read (the secret itself, for vendors that keep it there). */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	target: ForgeryTarget;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The kit's recipe as a forgery target for deliveries to `url` (vendors that sign the URL sign that one). */
export function forgeryTarget(kit: VendorKit, url = DEFAULT_WEBHOOK_URL, secret = kit.corpus.secret): ForgeryTarget {
	return {
		vendor: kit.name,
		signatureHeaders: kit.signing.headers,
		secret,
		windowSeconds: kit.signing.windowSeconds,
		body: (i) => Buffer.from(JSON.stringify(kit.envelope(kit.corpus.event, i, nowSeconds()))),
		sign: (body, signingSecret, timestampSeconds) => kit.signing.sign(body, signingSecret, timestampSeconds, url),
		atUrl: (other) => forgeryTarget(kit, other, secret),
	};
}

/** The kit's trigger selecting the corpus event, holding the corpus secret where the vendor keeps it. */
export function corpusSubject(kit: VendorKit): CorpusSubject {
	const { event, secret } = kit.corpus;
	return {
		kit,
		trigger: kit.trigger,
		parameters: kit.parameters([event]),
		staticData: kit.secretIn === 'staticData' ? { subscriptions: [{ id: '1', events: [event], secret }] } : {},
		credentials: {
			[kit.credentialType.name]: {
				apiKey: 'k',
				environment: 'production',
				...(kit.secretIn === 'credential' ? { webhookSigningSecret: secret } : {}),
			},
		},
		// The path of mockContexts' default webhook URL, which a vendor that signs the URL signed.
		target: forgeryTarget(kit),
	};
}

/** Every trigger's corpus subject, one per vendor kit. */
export const corpusSubjects: CorpusSubject[] = KITS.map(corpusSubject);
