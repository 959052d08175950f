import { createHmac } from 'node:crypto';

import { describeDelivery } from '../../../nodes/shared/diagnostics';
import { corpusSubjects } from '../../support/forgeryTargets';
import { fakeWebhookContext } from '../../support/mockContexts';

/**
 * When a vendor's real deliveries are refused, the debug log must tell the maintainers why the
 * signature check and the vendor disagree, without revealing a signature, a secret or the body.
 */

const SECRET = 'whsec_the-secret-never-logged';
const hex = createHmac('sha256', SECRET).update('body').digest('hex');
const base64 = createHmac('sha256', SECRET).update('body').digest('base64');

describe('describeDelivery', () => {
	const names = { signature: ['x-sig'], timestamp: ['x-ts'] };
	const describe_ = (headers: Record<string, string | string[]>, body: Buffer | undefined = Buffer.from('{"a":1}')) =>
		describeDelivery(headers, body, names);

	it.each([
		[{ 'x-sig': hex, 'x-ts': '1764806400' }, /x-sig: no prefix, 64 chars lower-case hex; x-ts: 10 digits \(Unix seconds\?\)/],
		[{ 'x-sig': `sha256=${hex.toUpperCase()}`, 'x-ts': '1764806400000' }, /prefix sha256=, 64 chars upper-case hex; x-ts: 13 digits \(Unix milliseconds\?\)/],
		[{ 'x-sig': `v1=${base64}`, 'x-ts': '2026-12-04T10:00:00Z' }, /prefix v1=, 44 chars base64; x-ts: ISO date-time with zone/],
		[{ 'x-sig': `t=1764806400,v1=${hex}` }, /x-sig: t=10 digits \(Unix seconds\?\) \| prefix v1=, 64 chars lower-case hex; x-ts: absent/],
		[{}, /x-sig: absent; x-ts: absent; content-type: absent; body: 7 bytes/],
		[{ 'x-sig': [hex, hex], 'content-type': 'application/json; charset=utf-8' }, /\(header repeated\).*content-type: application\/json/],
		[{ 'x-sig': 'not a signature é' }, /non-ASCII text/],
	])('describes %j', (headers, expected) => {
		const line = describe_(headers);
		expect(line).toMatch(expected);
		expect(line).not.toContain(hex);
		expect(line).not.toContain(base64);
		expect(line).not.toContain('1764806400');
	});

	it('says when the body was never read', () => {
		expect(describeDelivery({}, undefined, names)).toMatch(/body: unread/);
	});
});

describe.each(corpusSubjects.map((subject) => [subject.target.vendor, subject] as const))('%s trigger: the refusal line', (_vendor, subject) => {
	const refusals = {
		'a wrong secret': () => subject.target.sign(subject.target.body(1), 'whsec_wrong-secret-0123456789', Math.floor(Date.now() / 1000)),
		'no signature': () => ({ rawBody: subject.target.body(2), headers: { 'content-type': 'application/json' } }),
		'a body that is not JSON': () => subject.target.sign(Buffer.from('nope'), subject.target.secret, Math.floor(Date.now() / 1000)),
	};

	it.each(Object.entries(refusals))('for %s names the check and the request’s shape, never a secret or the signature', async (_kind, make) => {
		const delivery = make();
		const { context, logs } = fakeWebhookContext({
			rawBody: delivery.rawBody,
			headers: delivery.headers,
			parameters: subject.parameters,
			staticData: subject.staticData,
			credentials: subject.credentials,
			nodeId: `diagnostics-${subject.target.vendor}-${_kind}`,
		});
		await subject.trigger.webhook!.call(context);
		expect(logs.debug).toHaveLength(1);
		const [line] = logs.debug;
		expect(line).toMatch(/refused a delivery \((400|401)\): .+\. The request: /);
		for (const header of subject.target.signatureHeaders) expect(line).toContain(`${header}: `);
		expect(line).toMatch(/content-type: (application\/json|absent); body: \d+ bytes/);
		expect(line).not.toContain(subject.target.secret);
		for (const header of subject.target.signatureHeaders) {
			const value = (delivery.headers as Record<string, string | undefined>)[header];
			if (value) expect(line).not.toContain(value);
		}
	});
});
