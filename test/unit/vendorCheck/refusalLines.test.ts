import type { IWebhookFunctions } from 'n8n-workflow';

import { parseDiagnosticsLine } from '../../../scripts/vendorCheck/shapes';
import type { CorpusSubject } from '../../support/forgeryTargets';
import { corpusSubjects } from '../../support/forgeryTargets';
import type { Delivery } from '../../support/forgery';
import { fakeWebhookContext } from '../../support/mockContexts';

/**
 * Every trigger writes the diagnostics line (nodes/shared/diagnostics.ts) for every kind of refusal,
 * naming the check that failed, and never a secret, a signature or a byte of the body; the vendor
 * check reads the same line back (docs/VENDOR-CHECK.md). One row per trigger and kind of refusal.
 */

const nowSeconds = () => Math.floor(Date.now() / 1000);
const TWO_DAYS = 2 * 24 * 60 * 60;

interface Refusal {
	status: 400 | 401;
	/** The words of the check that failed, by vendor where they differ. */
	reason: RegExp;
	delivery(subject: CorpusSubject): Delivery;
	/** The trigger holds no secret. */
	noSecret?: boolean;
	/** The body cannot be read (n8n's `readRawBody` fails). */
	unreadable?: boolean;
	/** Only for vendors that sign a time. */
	timed?: boolean;
	/** Where a vendor's own check refuses it first, with other words. */
	byVendor?: Record<string, { status: 400 | 401; reason: RegExp }>;
}

const BODY_MARKER = 'n8n-vendor-check-body-marker';

const REFUSALS: Record<string, Refusal> = {
	'an empty body': { status: 400, reason: /^empty body$/, delivery: (s) => ({ ...s.target.sign(s.target.body(1), s.target.secret, nowSeconds()), rawBody: Buffer.alloc(0) }) },
	'a body n8n cannot read': { status: 400, reason: /^the body could not be read \(socket hang up\)$/, unreadable: true, delivery: (s) => s.target.sign(s.target.body(2), s.target.secret, nowSeconds()) },
	'no secret held': { status: 401, reason: /^no signing secret configured$/, noSecret: true, delivery: (s) => s.target.sign(s.target.body(3), s.target.secret, nowSeconds()) },
	'no signature': {
		status: 401,
		reason: /^missing (signature headers|X-HearLink-Signature header|X-Webhook-Signature header)$/,
		delivery: (s) => ({ rawBody: s.target.body(4), headers: { 'content-type': 'application/json' } }),
	},
	'a wrong secret': { status: 401, reason: /^signature does not match$/, delivery: (s) => s.target.sign(s.target.body(5), 'whsec_wrong-secret-0123456789abcdef', nowSeconds()) },
	'a stale timestamp': { status: 401, reason: /^timestamp too old$/, timed: true, delivery: (s) => s.target.sign(s.target.body(6), s.target.secret, nowSeconds() - TWO_DAYS) },
	'a body changed after signing': {
		status: 401,
		reason: /^(signature does not match|body does not match its Content-Digest)$/,
		delivery: (s) => {
			const signed = s.target.sign(s.target.body(7), s.target.secret, nowSeconds());
			const rawBody = Buffer.from(signed.rawBody);
			rawBody[rawBody.length - 2] ^= 1;
			return { ...signed, rawBody };
		},
	},
	'a body that is not JSON': {
		status: 400,
		reason: /^body is not JSON$/,
		// RxScale's time is in the signed body: without JSON, there is none.
		byVendor: { RxScale: { status: 401, reason: /^missing timestamp$/ } },
		delivery: (s) => s.target.sign(Buffer.from(`{${BODY_MARKER}`), s.target.secret, nowSeconds()) },
	'a body that is not the vendor’s envelope': {
		status: 400,
		reason: /^unexpected payload \(.+\)$/,
		delivery: (s) => s.target.sign(Buffer.from(JSON.stringify({ timestamp: nowSeconds(), note: BODY_MARKER })), s.target.secret, nowSeconds()),
	},
};

/** Vendors whose deliveries carry a signed time (RxScale's is in the body). */
const TIMED = new Set(['Hero Health', 'HearLink', 'RxScale']);

const rows = corpusSubjects.flatMap((subject) =>
	Object.entries(REFUSALS)
		.filter(([, refusal]) => !refusal.timed || TIMED.has(subject.kit.name))
		.map(([kind, refusal]) => [subject.kit.name, kind, subject, { ...refusal, ...refusal.byVendor?.[subject.kit.name] }] as const),
);

describe.each(rows)('%s trigger, %s', (vendorName, kind, subject, refusal) => {
	it('answers with a bare status and logs one line naming the check that failed and the request’s shape, nothing secret', async () => {
		const delivery = refusal.delivery(subject);
		const { context, logs, response } = fakeWebhookContext({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			parameters: subject.parameters,
			staticData: refusal.noSecret ? {} : subject.staticData,
			credentials: refusal.noSecret
				? { [subject.kit.credentialType.name]: { apiKey: 'k', environment: 'production' } }
				: subject.credentials,
			nodeId: `refusal-${vendorName}-${kind}`,
		});
		if (refusal.unreadable) {
			const request = { rawBody: undefined, headers: delivery.headers, readRawBody: async () => Promise.reject(new Error('socket hang up')) };
			(context as unknown as { getRequestObject: () => unknown }).getRequestObject = () => request;
		}

		const answer = await subject.trigger.webhook!.call(context as unknown as IWebhookFunctions);
		expect(answer).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(refusal.status);
		expect(response.body).toEqual({ error: refusal.status === 400 ? 'Bad Request' : 'Unauthorized' });

		expect(logs.debug).toHaveLength(1);
		const [line] = logs.debug;
		const parsed = parseDiagnosticsLine(line);
		if ('error' in parsed) throw new Error(`${parsed.error}: ${line}`);
		expect(parsed.vendorName).toBe(vendorName);
		expect(parsed.status).toBe(refusal.status);
		expect(parsed.reason).toMatch(refusal.reason);
		for (const header of subject.target.signatureHeaders) expect(parsed.headers.has(header)).toBe(true);
		expect(line).toMatch(/content-type: (application\/json|absent); body: (\d+ bytes|unread)$/);

		const everything = [line, ...logs.info, ...logs.warn, ...logs.error].join('\n');
		expect(everything).not.toContain(subject.target.secret);
		expect(everything).not.toContain('whsec_wrong-secret');
		expect(everything).not.toContain(BODY_MARKER);
		for (const header of subject.target.signatureHeaders) {
			const value = delivery.headers[header];
			if (value) for (const part of value.split(/[,=]/).filter((piece) => piece.length >= 16)) expect(everything).not.toContain(part);
		}
		if (refusal.noSecret) expect(logs.warn.join('\n')).toMatch(/no signing secret/);
	});
});
