import { hash } from 'crypto';
import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { SignedHeaderNames } from './diagnostics';
import { describeDelivery } from './diagnostics';
import type { Envelope } from './envelope';
import { replayGuards } from './replayGuard';

/**
 * The one `webhook()` pipeline: raw body → verify → parse → event filter → replay guard → emit.
 * A rejected delivery gets 401 (not authentic) or 400 (authentic but unreadable) written on the
 * response and never starts an execution; without a secret nothing is accepted (fail closed).
 *
 * What decides whether, and how often, a workflow runs is signed content only: the verdict, the
 * parsed (signed) body, and an identity built from them. Headers the vendor does not sign reach
 * the output item at most. Callers learn nothing from a refusal but its status; the reason goes to
 * n8n's debug log.
 */

/** Request headers as n8n gives them: lower-case names. */
export type DeliveryHeaders = Record<string, string | string[] | undefined>;

export interface SignedRequest {
	rawBody: Buffer;
	headers: DeliveryHeaders;
	/** Every secret the delivery may be signed with (at least one). */
	secrets: readonly string[];
	nowMs: number;
}

/**
 * A verification result. `proof` is the verified signature in one canonical form (e.g. the hex of
 * the MAC that matched): a replay re-encoded by an attacker (hex ↔ base64) has the same proof.
 * `signedAtMs` is the time the vendor signed, when it signs one.
 */
export type Verdict =
	| { ok: true; proof?: string; signedAtMs?: number; /** The body, when the verifier had to parse it already. */ body?: unknown }
	| { ok: false; reason: string };

/** What is known about a delivery once it is verified: all of it covered by the signature. */
export interface VerifiedDelivery<P> {
	payload: P;
	proof?: string;
	signedAtMs?: number;
}

export interface DeliveryHandler<P> {
	vendorName: string;
	/** The node, when the trigger has it already (`getNode()` copies the whole node each time). */
	node?: INode;
	/** The headers that carry the signature and the signed time, described (never shown) in the refusal log line. */
	signedHeaders: SignedHeaderNames;
	/** Secrets a delivery may be signed with. Empty: nothing can be verified, so everything is refused. */
	secrets: readonly string[];
	/** Tells an admin what to configure when there is no secret. */
	missingSecretHint: string;
	verify(request: SignedRequest): Verdict;
	/** The payload envelope; checked only after the signature. */
	envelope: Envelope<P>;
	eventOf(payload: P): string;
	/** Events the user selected; others are acknowledged without an execution. */
	selectedEvents: readonly string[];
	/**
	 * The delivery's identity for the replay guard, built from signed content only (never from a
	 * header the vendor does not sign), or undefined when it has none.
	 */
	identityOf(delivery: VerifiedDelivery<P>): string | undefined;
	/** How long an identity is remembered: at least as long as the signature window accepts it. */
	replayTtlMs: number;
	/**
	 * The item's `dedupeKey` where the vendor sends an event id that its retries keep; otherwise
	 * the key is a digest of the identity (docs/QUEUE-MODE.md#dedupekey).
	 */
	dedupeKeyOf?(delivery: VerifiedDelivery<P>): string;
	/**
	 * For a vendor that signs no time: the key also names the period of this length the delivery
	 * arrived in, so that an identical event in a later period is not a duplicate for ever (Remove
	 * Duplicates remembers keys without an expiry).
	 */
	dedupePeriodMs?: number;
	/** The output item. Unsigned headers may add information to it, never decide whether it exists. */
	toItem(payload: P, request: SignedRequest): Promise<IDataObject> | IDataObject;
}

export const REPLAY_GUARD_MAX_ENTRIES = 10_000;

export async function receiveDelivery<P>(
	this: IWebhookFunctions,
	handler: DeliveryHandler<P>,
): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (request.rawBody === undefined) {
		try {
			await request.readRawBody();
		} catch (error) {
			return reject.call(this, handler, 400, `the body could not be read (${(error as Error).message})`);
		}
	}
	const rawBody = request.rawBody;
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return reject.call(this, handler, 400, 'empty body');

	if (handler.secrets.length === 0) {
		this.logger.warn(
			`${handler.vendorName} trigger "${nodeOf(this, handler).name}" refused a delivery: no signing secret. ${handler.missingSecretHint}`,
		);
		return reject.call(this, handler, 401, 'no signing secret configured');
	}

	const signed: SignedRequest = {
		rawBody,
		headers: this.getHeaderData(),
		secrets: handler.secrets,
		nowMs: Date.now(),
	};
	const verdict = handler.verify(signed);
	if (!verdict.ok) return reject.call(this, handler, 401, verdict.reason);

	let json: unknown = verdict.body;
	if (json === undefined) {
		try {
			json = JSON.parse(rawBody.toString('utf8'));
		} catch {
			return reject.call(this, handler, 400, 'body is not JSON');
		}
	}
	if (!handler.envelope.is(json)) return reject.call(this, handler, 400, `unexpected payload (${whyNot(handler.envelope, json)})`);
	const payload = json;

	const event = handler.eventOf(payload);
	if (!handler.selectedEvents.includes(event)) {
		return acknowledge.call(this, handler, 'the event is not selected in this trigger');
	}

	const verified: VerifiedDelivery<P> = { payload, proof: verdict.proof, signedAtMs: verdict.signedAtMs };
	const identity = handler.identityOf(verified);
	const guard = replayGuards.guardFor(replayScope(this, nodeOf(this, handler)), {
		maxEntries: REPLAY_GUARD_MAX_ENTRIES,
		ttlMs: handler.replayTtlMs,
	});
	const sighting = identity === undefined ? 'new' : guard.check(identity, signed.nowMs, verdict.signedAtMs);
	if (sighting === 'seen') return acknowledge.call(this, handler, 'duplicate delivery');
	if (sighting === 'beyondMemory') {
		this.logger.warn(
			`${handler.vendorName} trigger "${nodeOf(this, handler).name}" received more deliveries than it can remember within their time window, and did not run one signed before ${new Date(guard.pressure.floorMs).toISOString()}: it may be a replay of one it had to forget`,
		);
		return acknowledge.call(this, handler, 'possible replay beyond the replay memory');
	}

	let item: IDataObject;
	try {
		item = await handler.toItem(payload, signed);
	} catch (error) {
		// Let the sender's retry through: this delivery was never emitted.
		if (identity !== undefined) guard.forget(identity);
		this.logger.error(
			`${handler.vendorName} trigger "${nodeOf(this, handler).name}" could not process a delivery: ${(error as Error).message}`,
		);
		const response = this.getResponseObject();
		response.status(500).json({ error: 'could not process the delivery' });
		return { noWebhookResponse: true };
	}
	item.dedupeKey = handler.dedupeKeyOf?.(verified) ?? digestKey(handler, identity ?? rawBody, signed.nowMs);
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}

/**
 * A stable, opaque key for a delivery: the same for the vendor's retries of it (built, like the
 * replay identity, from signed content only), so that a Remove Duplicates step can drop a retry
 * that another n8n process let through. Never the signature itself.
 */
function digestKey<P>(handler: DeliveryHandler<P>, identity: string | Buffer, nowMs: number): string {
	const period = handler.dedupePeriodMs ? `\n${Math.floor(nowMs / handler.dedupePeriodMs)}` : '';
	const named = typeof identity === 'string' ? `${handler.vendorName}\n${identity}${period}` : Buffer.concat([Buffer.from(`${handler.vendorName}\n`), identity, Buffer.from(period)]);
	return hash('sha256', named, 'base64url');
}

const GENERIC_ANSWER = { 400: 'Bad Request', 401: 'Unauthorized' } as const;

/** Writes a bare 400/401; why it was refused goes to n8n's debug log, never to the caller. */
function reject<P>(
	this: IWebhookFunctions,
	handler: DeliveryHandler<P>,
	status: 400 | 401,
	reason: string,
): IWebhookResponseData {
	const request = this.getRequestObject();
	const shape = describeDelivery(this.getHeaderData(), Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined, handler.signedHeaders);
	this.logger.debug(`${handler.vendorName} trigger "${nodeOf(this, handler).name}" refused a delivery (${status}): ${reason}. The request: ${shape}`);
	this.getResponseObject().status(status).json({ error: GENERIC_ANSWER[status] });
	return { noWebhookResponse: true };
}

/** 200 without starting an execution; the same answer whatever the reason. */
function acknowledge<P>(this: IWebhookFunctions, handler: DeliveryHandler<P>, note: string): IWebhookResponseData {
	this.logger.debug(`${handler.vendorName} trigger "${nodeOf(this, handler).name}" acknowledged a delivery without running: ${note}`);
	return { webhookResponse: { received: true } };
}

function replayScope(context: IWebhookFunctions, node: INode): string {
	return `${context.getWorkflow().id ?? ''}:${node.id}:${context.getMode()}`;
}

function nodeOf<P>(context: IWebhookFunctions, handler: DeliveryHandler<P>): INode {
	return handler.node ?? context.getNode();
}

/** Why the envelope test failed, in zod's words (only on this path: it costs more than the test). */
function whyNot<P>(envelope: Envelope<P>, json: unknown): string {
	const parsed = envelope.schema.safeParse(json);
	const issue = parsed.success ? undefined : parsed.error.issues[0];
	return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not the envelope';
}
