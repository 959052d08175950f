import { setTimeout as sleep } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';

/**
 * Sends webhook deliveries the way a vendor does: a POST per subscription, retried on failure by
 * the vendor's policy, each attempt built afresh (some vendors re-sign every attempt).
 */

export interface DeliveryPolicy {
	/** Total attempts, the first included. */
	attempts: number;
	/** Wait before attempt `n` (n ≥ 2). */
	backoffMs(attempt: number): number;
	/** How long the receiver has to answer. */
	timeoutMs: number;
	/** Whether the sender saw an attempt succeed; default: a 2xx answer. Lets a simulation lose acknowledgements. */
	acknowledged?(attempt: Attempt): boolean;
}

export interface OutgoingDelivery {
	headers: Record<string, string>;
	body: string | Buffer;
}

export interface Attempt {
	at: number;
	status?: number;
	error?: string;
	responseBody?: string;
	request: OutgoingDelivery;
}

export interface DeliveryRecord {
	vendor: string;
	url: string;
	label: string;
	attempts: Attempt[];
	/** True once an attempt got a 2xx. */
	delivered: boolean;
}

export class DeliverySender {
	readonly log: DeliveryRecord[] = [];
	private readonly inFlight = new Set<Promise<DeliveryRecord>>();
	private stopped = false;
	private readonly trusted: string[] = [];
	private dispatcher?: Agent;

	/**
	 * Trusts `certificate` (PEM) for https deliveries, besides the usual roots: a receiver served
	 * with a self-signed certificate, such as a local n8n behind https (vendors that only deliver to
	 * HTTPS need one).
	 */
	trust(certificate: string): void {
		this.trusted.push(certificate);
		const previous = this.dispatcher;
		this.dispatcher = new Agent({ connect: { ca: [...rootCertificates, ...this.trusted] } });
		void previous?.close();
	}

	/** Starts a delivery; the promise settles when it succeeded or ran out of attempts. */
	send(
		vendor: string,
		url: string,
		label: string,
		policy: DeliveryPolicy,
		build: (attempt: number) => OutgoingDelivery,
	): Promise<DeliveryRecord> {
		const record: DeliveryRecord = { vendor, url, label, attempts: [], delivered: false };
		this.log.push(record);
		const run = this.run(record, policy, build).finally(() => this.inFlight.delete(run));
		this.inFlight.add(run);
		return run;
	}

	/** Resolves when no delivery is in flight. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	/** Stops retrying; deliveries in flight finish their current attempt. */
	async stop(): Promise<void> {
		this.stopped = true;
		await this.idle();
		await this.dispatcher?.close();
	}

	private async run(
		record: DeliveryRecord,
		policy: DeliveryPolicy,
		build: (attempt: number) => OutgoingDelivery,
	): Promise<DeliveryRecord> {
		for (let attempt = 1; attempt <= policy.attempts && !this.stopped; attempt++) {
			if (attempt > 1) await sleep(policy.backoffMs(attempt));
			if (this.stopped) break;
			const outgoing = build(attempt);
			const entry: Attempt = { at: Date.now(), request: outgoing };
			record.attempts.push(entry);
			try {
				const response = await request(record.url, {
					method: 'POST',
					headers: outgoing.headers,
					body: outgoing.body,
					headersTimeout: policy.timeoutMs,
					bodyTimeout: policy.timeoutMs,
					...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
				});
				entry.status = response.statusCode;
				entry.responseBody = await response.body.text();
			} catch (error) {
				entry.error = (error as Error).message;
			}
			if (policy.acknowledged ? policy.acknowledged(entry) : isSuccess(entry)) {
				record.delivered = true;
				break;
			}
		}
		return record;
	}
}

function isSuccess(attempt: Attempt): boolean {
	return attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
}

/** A delivery as the control API reports it: where, whether it arrived, each attempt's status. */
export function summariseDelivery(record: DeliveryRecord) {
	return {
		url: record.url,
		delivered: record.delivered,
		attempts: record.attempts.map((attempt) => attempt.status ?? attempt.error),
	};
}
