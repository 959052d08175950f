import { createHmac } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import type { VendorCheck } from '../../../scripts/vendorCheck/common';
import type { FactResult } from '../../../scripts/vendorCheck/findings';
import { Findings } from '../../../scripts/vendorCheck/findings';
import { healthieCheck } from '../../../scripts/vendorCheck/healthie';
import { hearLinkCheck } from '../../../scripts/vendorCheck/hearLink';
import { heroHealthCheck } from '../../../scripts/vendorCheck/heroHealth';
import { rxScaleCheck } from '../../../scripts/vendorCheck/rxScale';
import { parseDiagnosticsLine } from '../../../scripts/vendorCheck/shapes';
import { signHealthieDelivery } from '../../sandbox/healthie/signing';
import { signHearLinkDelivery } from '../../sandbox/hearLink/signing';
import { HERO_SIGNATURE_FORM, signHeroHealthDelivery } from '../../sandbox/heroHealth/signing';
import { signRxScaleDelivery } from '../../sandbox/rxScale/signing';
import type { Delivery } from '../../support/forgery';
import { corpusSubjects } from '../../support/forgeryTargets';
import { DEFAULT_WEBHOOK_URL, fakeWebhookContext } from '../../support/mockContexts';

/**
 * `--delivery-diagnostics`: a delivery the vendor signed in some form is refused by the real
 * trigger, which logs its diagnostics line; the check reads that line and names the form. The
 * deliveries are signed as the sandbox can sign them (its switches), with a wrong secret (refused
 * for the signature) or a stale time (refused for the time, so the form itself is not in doubt).
 */

const WRONG = 'whsec_a-secret-the-trigger-does-not-hold';
const now = () => Math.floor(Date.now() / 1000);
const STALE = () => now() - 3600;

/** The line the vendor's trigger logs when it refuses `delivery`. */
async function refusalLine(vendorName: string, delivery: Delivery): Promise<string> {
	const subject = corpusSubjects.find((candidate) => candidate.kit.name === vendorName)!;
	const { context, logs } = fakeWebhookContext({
		rawBody: delivery.rawBody,
		headers: delivery.headers,
		parameters: subject.parameters,
		staticData: subject.staticData,
		credentials: subject.credentials,
		nodeId: `diagnostics-${vendorName}-${Math.random()}`,
	});
	await subject.trigger.webhook!.call(context as unknown as IWebhookFunctions);
	expect(logs.debug).toHaveLength(1);
	return logs.debug[0];
}

function judged(vendor: VendorCheck, line: string): Map<string, FactResult> {
	const shape = parseDiagnosticsLine(line);
	if ('error' in shape) throw new Error(shape.error);
	expect(shape.vendorName).toBe(vendor.binding.name);
	const findings = new Findings(vendor.catalogue);
	vendor.judgeDiagnostics(shape, findings);
	return new Map(findings.results().map((result) => [result.id, result]));
}

const body = (subjectName: string) => corpusSubjects.find((subject) => subject.kit.name === subjectName)!.target.body(1);
const heroSecret = corpusSubjects.find((subject) => subject.kit.name === 'Hero Health')!.target.secret;
const hearLinkSecret = corpusSubjects.find((subject) => subject.kit.name === 'HearLink')!.target.secret;

describe('Hero Health diagnostics lines', () => {
	const hero = (form: Partial<typeof HERO_SIGNATURE_FORM>, key = WRONG, at = now()) => signHeroHealthDelivery(body('Hero Health'), key, at, { ...HERO_SIGNATURE_FORM, ...form });

	it('a delivery refused for its time, signed as assumed: encoding and unit hold', async () => {
		const results = judged(heroHealthCheck, await refusalLine('Hero Health', hero({}, heroSecret, STALE())));
		expect(results.get('signature-encoding')).toMatchObject({ verdict: 'holds', checkedBy: 'diagnostics', seen: expect.stringMatching(/no prefix, 64 chars, lower-case hex/) });
		expect(results.get('timestamp-unit')).toMatchObject({ verdict: 'holds', seen: expect.stringMatching(/10 digits \(Unix seconds\)/) });
	});

	it('signed as assumed but refused for its signature: could not tell, and says what else may differ', async () => {
		const results = judged(heroHealthCheck, await refusalLine('Hero Health', hero({})));
		expect(results.get('signature-encoding')).toMatchObject({ verdict: 'could not tell', note: expect.stringMatching(/signed string, the key/) });
	});

	it.each([
		[{ encoding: 'base64' as const }, 'signature-encoding', /44 chars, base64/],
		[{ prefix: 'sha256=' }, 'signature-encoding', /prefix "sha256="/],
		[{ timestampUnit: 'milliseconds' as const }, 'timestamp-unit', /13 digits \(Unix milliseconds\)/],
	])('signed with %j: %s differs', async (form, fact, seen) => {
		const results = judged(heroHealthCheck, await refusalLine('Hero Health', hero(form)));
		expect(results.get(fact)).toMatchObject({ verdict: 'differs', checkedBy: 'diagnostics', seen: expect.stringMatching(seen) });
	});
});

describe('Healthie diagnostics lines', () => {
	const healthie = (spelling: Parameters<typeof signHealthieDelivery>[3]) => signHealthieDelivery(body('Healthie'), WRONG, DEFAULT_WEBHOOK_URL, spelling);

	it('a body changed after signing, digest as assumed: the format holds', async () => {
		const secret = corpusSubjects.find((subject) => subject.kit.name === 'Healthie')!.target.secret;
		const signed = signHealthieDelivery(body('Healthie'), secret, DEFAULT_WEBHOOK_URL);
		const rawBody = Buffer.from(signed.rawBody);
		rawBody[rawBody.length - 3] = rawBody[rawBody.length - 3] === 0x31 ? 0x32 : 0x31;
		const line = await refusalLine('Healthie', { ...signed, rawBody });
		expect(line).toMatch(/body does not match its Content-Digest|signature does not match/);
		const results = judged(healthieCheck, line);
		expect(results.get('content-digest-format')?.seen).toMatch(/prefix "sha-256=", 44 chars, base64/);
	});

	it.each([
		[{ label: 'sha-256', colons: true }, /base64 in colons/],
		[{ label: 'sha-256', colons: false, encoding: 'hex' as const }, /64 chars, lower-case hex/],
		[{ label: 'SHA-256', colons: false }, /prefix "SHA-256="/],
	])('Content-Digest spelled %j: content-digest-format differs', async (spelling, seen) => {
		const results = judged(healthieCheck, await refusalLine('Healthie', healthie(spelling)));
		expect(results.get('content-digest-format')).toMatchObject({ verdict: 'differs', seen: expect.stringMatching(seen) });
	});
});

describe('HearLink diagnostics lines', () => {
	it('t in seconds, refused for its age: the unit holds', async () => {
		const results = judged(hearLinkCheck, await refusalLine('HearLink', signHearLinkDelivery(body('HearLink'), hearLinkSecret, STALE())));
		expect(results.get('timestamp-unit')).toMatchObject({ verdict: 'holds', seen: 't: 10 digits (Unix seconds)' });
		expect(results.get('secret-rotation')).toMatchObject({ verdict: 'could not tell', seen: expect.stringMatching(/^1 v1 value/) });
	});

	it('t in milliseconds: the unit differs', async () => {
		const raw = body('HearLink');
		const t = String(Date.now());
		const v1 = createHmac('sha256', WRONG).update(`${t}.`).update(raw).digest('hex');
		const results = judged(hearLinkCheck, await refusalLine('HearLink', { rawBody: raw, headers: { 'content-type': 'application/json', 'x-hearlink-signature': `t=${t},v1=${v1}` } }));
		expect(results.get('timestamp-unit')).toMatchObject({ verdict: 'differs', seen: 't: 13 digits (Unix milliseconds)' });
	});

	it('two v1 during a rotation', async () => {
		const results = judged(hearLinkCheck, await refusalLine('HearLink', signHearLinkDelivery(body('HearLink'), [WRONG, `${WRONG}-old`], now())));
		expect(results.get('secret-rotation')).toMatchObject({ verdict: 'holds', seen: expect.stringMatching(/^2 v1 values/) });
	});
});

describe('RxScale diagnostics lines', () => {
	const rx = (transform: (signature: string) => string) => {
		const signed = signRxScaleDelivery(body('RxScale'), WRONG);
		return { ...signed, headers: { ...signed.headers, 'x-webhook-signature': transform(signed.headers['x-webhook-signature']) } };
	};

	it('as assumed but refused for its signature: could not tell', async () => {
		const results = judged(rxScaleCheck, await refusalLine('RxScale', rx((value) => value)));
		expect(results.get('signature-prefix-and-key')).toMatchObject({ verdict: 'could not tell', seen: expect.stringMatching(/no prefix, 64 chars, lower-case hex/) });
	});

	it.each([
		['with a sha256= prefix', (value: string) => `sha256=${value}`, /prefix "sha256="/],
		['in upper case', (value: string) => value.toUpperCase(), /upper-case hex/],
	])('%s: differs', async (_label, transform, seen) => {
		const results = judged(rxScaleCheck, await refusalLine('RxScale', rx(transform)));
		expect(results.get('signature-prefix-and-key')).toMatchObject({ verdict: 'differs', seen: expect.stringMatching(seen) });
	});
});

describe('parseDiagnosticsLine', () => {
	const line =
		'Hero Health trigger "My \\"Hero\\" trigger" refused a delivery (401): signature does not match. The request: x-herohealth-signature: no prefix, 44 chars base64; x-herohealth-timestamp: 13 digits (Unix milliseconds?); content-type: application/json; body: 87 bytes';

	it.each([
		['as n8n writes it to the console or its file', `2026-12-05T10:00:00.000Z | debug | ${line.replace(/\\"/g, '"')} {"file":"delivery.js"}`],
		['as a JSON log record', JSON.stringify({ level: 'debug', message: line.replace(/\\"/g, '"'), metadata: { file: 'delivery.js' } })],
		['pasted from a JSON log without its record', `"message":"${line}","level":"debug"`],
	])('reads the line %s', (_label, input) => {
		const shape = parseDiagnosticsLine(input);
		if ('error' in shape) throw new Error(shape.error);
		expect(shape).toMatchObject({ vendorName: 'Hero Health', status: 401, reason: 'signature does not match', contentType: 'application/json', bodyBytes: 87 });
		expect(shape.headers.get('x-herohealth-timestamp')).toEqual({ kind: 'time', time: { kind: 'milliseconds', digits: 13 }, repeated: false });
	});

	it('says what to look for when it is not a refusal line', () => {
		expect(parseDiagnosticsLine('Workflow "x" executed')).toEqual({ error: expect.stringMatching(/refused a delivery/) });
	});
});
