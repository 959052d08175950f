import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { DeliveryRecord } from '../sandbox/deliveries';
import type { FaultRule } from '../sandbox/faults';
import type { SimulationContext, VendorSimulation } from '../sandbox/server';
import type { RecordedRequest } from '../support/fakeVendor';

/**
 * What the tests know about one vendor, in one place: its sandbox simulation, how it signs a
 * delivery, and what each suite that runs over every vendor needs from it (the contract suites,
 * the forged-delivery corpus, the lifecycle soak, the invariant suites, the demo and the e2e
 * example import, the bench). `test/vendors/<slug>.ts` holds one vendor's kit;
 * `test/vendors/index.ts` is the registry every such suite reads. A suite keeps what is the same
 * for all vendors; a kit keeps only what differs.
 */

/** A delivery as it goes on the wire: the exact bytes and the headers. */
export interface Delivery {
	rawBody: Buffer;
	headers: Record<string, string>;
}

/**
 * The vendor's signing recipe: `body` signed with `secret` at `timestampSeconds` for a delivery to
 * `url` (only vendors that sign the URL read it). The one recipe every test uses to sign a delivery
 * for this vendor (and the sandbox, for its own deliveries); the unit tests of
 * `nodes/<Vendor>/signature.ts` compute their vectors independently on purpose.
 */
export type Signer = (body: Buffer, secret: string, timestampSeconds: number, url?: string) => Delivery;

/** A subscription as the vendor holds it, in the vendor-neutral shape the suites compare. */
export interface VendorSubscription {
	id: string;
	events: string[];
	/** The secret the vendor signs deliveries for it with, when the vendor tells. */
	secret?: string;
	/** False when the vendor switched it off (it keeps it, but delivers nothing). */
	enabled?: boolean;
}

/** A trigger of a published example, as the demo and the e2e example import see it. */
export interface ExampleTrigger {
	/** The node's type, e.g. `n8n-nodes-health-practice.hearLinkTrigger`. */
	type: string;
	parameters: Record<string, unknown>;
	/** The Production URL n8n gives it (from its `webhookId`). */
	productionUrl: string;
}

/** Keys and secrets the invariant suites put into a credential. */
export interface InvariantSecrets {
	apiKey: string;
	/** The credential's webhook signing secret (vendors that keep one there). */
	signingSecret: string;
}

export interface VendorKit<S extends VendorSimulation = VendorSimulation, O = unknown> {
	/** The node's spelling: the sandbox's prefix and fault/request-log key, file and folder names. */
	slug: string;
	/** The vendor's name as the nodes write it in messages, e.g. "Hero Health". */
	name: string;

	/** The simulation the sandbox runs at `/<slug>`; a started sandbox holds it as `sandbox[slug]`. */
	simulation: { create(context: SimulationContext, options?: O): S };
	trigger: INodeType;
	action: INodeType;
	credentialType: ICredentialType;

	/** How the vendor signs a delivery: the one recipe, the headers it writes, and its time window. */
	signing: {
		sign: Signer;
		/** Header names (lower case) that carry the signature or parts of it. */
		headers: string[];
		/** How far off a signed time may be, in seconds; absent when the vendor signs no time. */
		windowSeconds?: number;
	};
	/** A valid delivery body's JSON for `event`, distinct per `i`, fresh at `nowSeconds`. */
	envelope(event: string, i: number, nowSeconds: number): IDataObject;
	/** Where the trigger keeps the secret deliveries are signed with: its stored subscriptions, or the credential. */
	secretIn: 'staticData' | 'credential';
	/** Whether the trigger registers its own subscriptions at the vendor (HearLink's are made in its portal). */
	selfRegisters: boolean;
	/** The vendor only delivers to https: n8n's webhook URL must be https (behind a TLS front in tests). */
	https: boolean;
	/** The trigger's parameters for a selection of events (options that make no vendor call for a plain delivery). */
	parameters(events: string[]): IDataObject;
	/** Whether the trigger can fetch the record a delivery names ("Include Full Record"), calling the vendor. */
	fetchesRecords: boolean;

	/** What the vendor holds for `url`: its subscriptions, or for HearLink the webhooks made in the portal. */
	subscriptionsAt(sandbox: Sandbox, url: string): VendorSubscription[];
	/** Makes the vendor send `event` (about a record it has) to whatever is subscribed; settles when all are sent. */
	/** Makes the vendor send `event`; each `variant` is another event (another record), never identical to the others. */
	emit(sandbox: Sandbox, event: string, variant?: number): Promise<DeliveryRecord[]>;
	/**
	 * Credential data for triggers about to be published with it: the sandbox's account, plus what an
	 * admin sets up by hand at the vendor first (HearLink: a webhook in its portal for each trigger's
	 * Production URL, whose secret goes into the credential). Default: the sandbox's credentials.
	 */
	credentialsFor?(sandbox: Sandbox, triggers: ExampleTrigger[]): Record<string, string>;

	/** For vendors whose triggers register themselves: how the lifecycle suites drive and watch the vendor. */
	lifecycle?: LifecycleKit;
	/** What the delivery contract needs beyond the envelope and the recipe. */
	deliveries: DeliveryKit;
	/**
	 * The forged-delivery corpus, the bench and the invariant suites: the event their deliveries
	 * carry (the trigger selects only it) and the secret the trigger holds.
	 */
	corpus: { event: string; secret: string };
	/** The sandbox's account, as the secret-hygiene e2e uses it. */
	account: {
		/** Makes the vendor accept `key` as an API key with every permission (the account's own key, where it has one). */
		acceptApiKey(sandbox: Sandbox, key: string): void;
		/** One read by the action node that the sandbox's account answers (`resource`, `operation`, fields). */
		read: IDataObject;
	};
	/** The demo (`npm start`), the screenshots and the e2e example import. */
	demo: DemoKit;
	/** The bench's yardstick: the bare minimum over a delivery (one HMAC, one JSON.parse), kept bare on purpose. */
	/** The bare work over a delivery to `url`: it must verify (return the parsed body) or the bench refuses to compare. */
	bench: { baseline(delivery: Delivery, secret: string, url?: string): unknown };
	/** The invariant suites' stand-in for the vendor's API (no network: a fake answers every request). */
	invariants: InvariantsKit;
}

export interface LifecycleKit {
	/** A selection of at least three events (the idempotency scenario fails the third create). */
	events: string[];
	/** A different selection, for "changing the events re-registers exactly the new set". */
	otherEvents: string[];
	/** How many create calls the vendor received (from the sandbox's request log). */
	creates(sandbox: Sandbox): number;
	/** Deletes a subscription at the vendor behind the node's back. */
	drop(sandbox: Sandbox, id: string): void;
	/** Switches a subscription off at the vendor, where the vendor can. */
	disable?(sandbox: Sandbox, id: string): void;
	/** Adds a subscription at `url` that is not this node's (another integration, the vendor's own UI). */
	addForeign(sandbox: Sandbox, url: string, event: string): void;
	/**
	 * Makes the vendor refuse creates from now on, after letting the first through (so a rollback has
	 * something to remove); returns the events to select, the event the first refusal is for (when
	 * the vendor's order decides it), and the vendor's own words the failure must carry.
	 */
	refuseCreate(sandbox: Sandbox): { events: string[]; refused?: string; words: RegExp };
	/** Credential data the vendor refuses at publish, and its words for it. */
	refusedKey: { credentials: Record<string, string>; message: RegExp };
	/** Fault rules that hit creates alone and deletes alone (absent where one call does everything, as Healthie's GraphQL). */
	faults?: { create: Pick<FaultRule, 'method' | 'path'>; remove: Pick<FaultRule, 'method' | 'path'> };
	/** Whether an error message names the vendor and what it answered (the soak's check of every failure). */
	namesVendorAnswer(message: string): boolean;
	/** The lifecycle soak: event selections to switch between, and the HTTP methods publish and unpublish use. */
	soak: { eventSets: string[][]; publishMethods: string[]; unpublishMethods: string[] };
}

export interface DeliveryKit {
	/** Events the contract's trigger selects (its Production URL gets deliveries for them). */
	events: string[];
	/** An event the trigger offers that `events` leaves out. */
	unselected: string;
	/** The vendor's own sample delivery: the trigger's parameters, how the vendor sends it, and the item the workflow must get. */
	sample: {
		parameters: IDataObject;
		send(sandbox: Sandbox): Promise<DeliveryRecord[]>;
		/** The expected output item (a value for `toEqual`; may hold asymmetric matchers). */
		item(delivery: DeliveryRecord, sandbox: Sandbox): unknown;
	};
	/** Whether "Listen for test event" registers a second, short-lived subscription at the Test URL. */
	testSubscriptions: boolean;
}

export interface DemoKit {
	/** The credential's name in `examples/*.json`, e.g. "Hero Health (sandbox)". */
	credentialName: string;
	/** Makes the simulation deliver a few events to whatever is subscribed; settles when all are sent. */
	sendSampleEvents(sandbox: Sandbox): Promise<DeliveryRecord[]>;
	/** How to send another event by hand (the demo's printout). */
	curl(sandboxUrl: string): string;
}

export interface InvariantsKit {
	/** The API root the credentials point at (with a path, so that an escape from it is as visible as one to another host). */
	baseUrl: string;
	credentials(secrets: InvariantSecrets): ICredentialDataDecryptedObject;
	/** Which credential values are secrets. */
	secretsOf(secrets: InvariantSecrets): string[];
	/** A 200 answer of the vendor's shape for `request`, its strings from `value()`. */
	answer(request: RecordedRequest, value: () => string): unknown;
	/** Headers the vendor itself sends that nothing signs. */
	ownUnsignedHeaders: string[];
	/** Bodies of the vendor's own shape that echo `secret`: a refusal, and a success. */
	echoes: { error(secret: string): unknown; success(secret: string): unknown };
	/**
	 * One valid set of parameters for every operation of the action node (`resource:operation` →
	 * parameters without those two), taken from the integration and e2e tests that exercise them.
	 * The invariant suites start from these and change one thing; an operation without an entry
	 * fails their coverage test.
	 */
	catalogue: Record<string, IDataObject>;
	/**
	 * Operations whose text fields never reach the vendor by design (`resource:operation` → why),
	 * left out of the suites' check that an injected value can reach it.
	 */
	textNeverSent?: Record<string, string>;
}

/** The path of `url` below `baseUrl` ('' when it is not below it). */
/** An item's `dedupeKey` where the vendor sends no event id: a SHA-256 digest, base64url (matched in tests only). */
export const digestKey = (): unknown => expect.stringMatching(/^[\w-]{43}$/);

export function pathBelow(url: string, baseUrl: string): string {
	return url.startsWith(baseUrl) ? url.slice(baseUrl.length).split('?')[0] : '';
}

/** Whether an error message names the vendor and what it answered (a status, or that it could not be reached). */
export const namesVendorAnswer = (vendorName: string, also?: RegExp) => (message: string) =>
	message.includes(vendorName) &&
	(/\(\d{3}\)|could not be reached|did not accept|did not remove/.test(message) || (also?.test(message) ?? false));
