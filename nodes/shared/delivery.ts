import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { z } from 'zod';

import { replayGuards } from './replayGuard';

/**
 * The one `webhook()` pipeline: raw body → verify → parse → event filter → replay guard → emit.
 * A rejected delivery gets 401 (not authentic) or 400 (authentic but unreadable) written on the
 * response and never starts an execution; without a secret nothing is accepted (fail closed).
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
 */
export type Verdict = { ok: true; proof?: string } | { ok: false; reason: string };

export interface DeliveryHandler<P> {
	vendorName: string;
	/** Secrets a delivery may be signed with. Empty: nothing can be verified, so everything is refused. */
	secrets: readonly string[];
	/** Tells an admin what to configure when there is no secret. */
	missingSecretHint: string;
	verify(request: SignedRequest): Verdict;
	/** The payload envelope; checked only after the signature. */
	schema: z.ZodType<P, z.ZodTypeDef, unknown>;
	eventOf(payload: P): string;
	/** Events the user selected; others are acknowledged without an execution. */
	selectedEvents: readonly string[];
	/** The delivery's identity for the replay guard, or undefined when it has none. */
	identityOf(payload: P, request: SignedRequest, proof: string | undefined): string | undefined;
	/** How long an identity is remembered. */
	replayTtlMs: number;
	/** The output item; `undefined` acknowledges the delivery without an execution. */
	toItem(payload: P, request: SignedRequest): Promise<IDataObject | undefined> | IDataObject | undefined;
}

export const REPLAY_GUARD_MAX_ENTRIES = 10_000;

export async function receiveDelivery<P>(
	this: IWebhookFunctions,
	handler: DeliveryHandler<P>,
): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	if (request.rawBody === undefined) await request.readRawBody();
	const rawBody = request.rawBody;
	if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) return reject.call(this, 400, 'empty body');

	if (handler.secrets.length === 0) {
		this.logger.warn(
			`${handler.vendorName} trigger "${this.getNode().name}" refused a delivery: no signing secret. ${handler.missingSecretHint}`,
		);
		return reject.call(this, 401, `no signing secret configured: ${handler.missingSecretHint}`);
	}

	const signed: SignedRequest = {
		rawBody,
		headers: this.getHeaderData(),
		secrets: handler.secrets,
		nowMs: Date.now(),
	};
	const verdict = handler.verify(signed);
	if (!verdict.ok) {
		this.logger.debug(`${handler.vendorName} trigger "${this.getNode().name}" refused a delivery: ${verdict.reason}`);
		return reject.call(this, 401, verdict.reason);
	}

	let json: unknown;
	try {
		json = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return reject.call(this, 400, 'body is not JSON');
	}
	const parsed = handler.schema.safeParse(json);
	if (!parsed.success) return reject.call(this, 400, `unexpected payload (${firstIssue(parsed.error)})`);
	const payload = parsed.data;

	const event = handler.eventOf(payload);
	if (!handler.selectedEvents.includes(event)) {
		return acknowledge(`event ${event} is not selected in this trigger`);
	}

	const identity = handler.identityOf(payload, signed, verdict.proof);
	const guard = replayGuards.guardFor(replayScope(this), {
		maxEntries: REPLAY_GUARD_MAX_ENTRIES,
		ttlMs: handler.replayTtlMs,
	});
	if (identity !== undefined && guard.checkAndRemember(identity, signed.nowMs)) {
		return acknowledge('duplicate delivery');
	}

	let item: IDataObject | undefined;
	try {
		item = await handler.toItem(payload, signed);
	} catch (error) {
		// Let the sender's retry through: this delivery was never emitted.
		if (identity !== undefined) guard.forget(identity);
		this.logger.error(
			`${handler.vendorName} trigger "${this.getNode().name}" could not process a delivery: ${(error as Error).message}`,
		);
		const response = this.getResponseObject();
		response.status(500).json({ error: 'could not process the delivery' });
		return { noWebhookResponse: true };
	}
	if (item === undefined) return acknowledge('delivery ignored by the trigger options');
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}

function reject(this: IWebhookFunctions, status: 400 | 401, reason: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ error: reason });
	return { noWebhookResponse: true };
}

/** 200 without starting an execution. */
function acknowledge(note: string): IWebhookResponseData {
	return { webhookResponse: { received: true, note } };
}

function replayScope(context: IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}:${context.getNode().id}:${context.getMode()}`;
}

function firstIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}
