import fc from 'fast-check';

import type { Delivery } from '../vendors/kit';

export type { Delivery };

/**
 * A seeded generator of bad deliveries for any trigger. A vendor describes how it signs
 * (`ForgeryTarget`); the generator takes a valid delivery and breaks it in one of many ways:
 * tampered bytes, broken signature headers, wrong secrets, skewed or malformed timestamps, odd
 * content types, empty / non-JSON / very large bodies. Every result must be refused.
 */

export interface ForgeryTarget {
	vendor: string;
	/** Header names (lower case) that carry the signature or parts of it. */
	signatureHeaders: string[];
	/** A valid delivery of body `body` signed with `secret` at `timestampSeconds`. */
	sign(body: Buffer, secret: string, timestampSeconds: number): Delivery;
	/** The secret the trigger under test holds. */
	secret: string;
	/** A valid JSON body the trigger would accept (selected event), distinct per `i`. */
	body(i: number): Buffer;
	/** How far off a timestamp must be to be refused, in seconds; omit when the vendor signs none. */
	windowSeconds?: number;
	/** The same target for deliveries to `url`, for vendors that sign the request's URL too. */
	atUrl?(url: string): ForgeryTarget;
}

export type Forgery = Delivery & { kind: string };

const now = () => Math.floor(Date.now() / 1000);

function withHeader(delivery: Delivery, name: string, value: string | undefined): Delivery {
	const headers = { ...delivery.headers };
	if (value === undefined) delete headers[name];
	else headers[name] = value;
	return { rawBody: delivery.rawBody, headers };
}

/** The arbitrary of one forged delivery for `target`. */
export function forgeryArbitrary(target: ForgeryTarget): fc.Arbitrary<Forgery> {
	const index = fc.nat({ max: 1_000_000 });
	const header = fc.constantFrom(...target.signatureHeaders);
	const valid = (i: number) => target.sign(target.body(i), target.secret, now());

	const tamperedByte = fc.tuple(index, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, at, xor]) => {
		const delivery = valid(i);
		const rawBody = Buffer.from(delivery.rawBody);
		rawBody[at % rawBody.length] ^= xor;
		return { ...delivery, rawBody, kind: 'tampered byte' };
	});
	const appendedBytes = fc.tuple(index, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([i, extra]) => {
		const delivery = valid(i);
		return { ...delivery, rawBody: Buffer.concat([delivery.rawBody, Buffer.from(extra)]), kind: 'appended bytes' };
	});
	const brokenHeader = fc
		.tuple(
			index,
			header,
			fc.oneof(
				fc.constant('truncate'),
				fc.constant('remove'),
				fc.constant('empty'),
				fc.constant('repeat'),
				fc.constant('oversized'),
				fc.constant('non-ascii'),
				fc.constant('garble'),
			),
			fc.string({ minLength: 1, maxLength: 80 }),
		)
		.map(([i, name, how, noise]) => {
			const delivery = valid(i);
			const value = delivery.headers[name] ?? '';
			const broken: Record<string, string | undefined> = {
				truncate: value.slice(0, Math.max(0, value.length - 1 - (noise.length % Math.max(1, value.length)))),
				remove: undefined,
				empty: '',
				repeat: `${value}, ${value}`,
				oversized: value + 'f'.repeat(64 * 1024),
				'non-ascii': `${value.slice(0, -2)}é€`,
				garble: noise.replace(/[\r\n]/g, ' '),
			};
			return { ...withHeader(delivery, name, broken[how]), kind: `${how} ${name}` };
		});
	const wrongSecret = fc.tuple(index, fc.string({ minLength: 1, maxLength: 64 })).map(([i, secret]) => ({
		...target.sign(target.body(i), `${secret}${target.secret.length}x`, now()),
		kind: 'wrong secret',
	}));
	const arbitraries: Array<fc.Arbitrary<Forgery>> = [tamperedByte, appendedBytes, brokenHeader, wrongSecret];

	if (target.windowSeconds !== undefined) {
		const window = target.windowSeconds;
		arbitraries.push(
			fc
				// A future timestamp gets closer to "now" while the corpus waits its turn under load: keep
				// it two minutes past the window so that it is still out of it when checked.
				.tuple(index, fc.integer({ min: window + 120, max: 10 * 365 * 86400 }), fc.boolean())
				.map(([i, skew, past]) => ({
					...target.sign(target.body(i), target.secret, now() + (past ? -skew : skew)),
					kind: past ? 'stale timestamp' : 'future timestamp',
				})),
		);
	}

	const contentType = fc
		.tuple(fc.oneof(tamperedByte, wrongSecret), fc.constantFrom(undefined, 'text/plain', 'application/xml', 'multipart/form-data', ''))
		.map(([forgery, type]) => ({ ...withHeader(forgery, 'content-type', type), kind: `${forgery.kind}, content type ${type ?? 'missing'}` }));
	const oddBody = fc
		.tuple(
			fc.constantFrom('empty', 'not json', 'huge', 'binary'),
			fc.uint8Array({ minLength: 1, maxLength: 256 }),
			fc.boolean(),
		)
		.map(([what, bytes, signedWithWrongSecret]) => {
			const body = {
				empty: Buffer.alloc(0),
				'not json': Buffer.from('event=appointment.confirmed&id=1'),
				huge: Buffer.alloc(2 * 1024 * 1024, 0x7b),
				binary: Buffer.from(bytes),
			}[what];
			const secret = signedWithWrongSecret ? 'not-the-secret' : target.secret;
			// With the right secret only unreadable bodies are generated: they must get a 400.
			return { ...target.sign(body, secret, now()), kind: `${what} body${signedWithWrongSecret ? ', wrong secret' : ''}` };
		});
	arbitraries.push(contentType, oddBody);
	return fc.oneof(...arbitraries);
}

/** `count` forged deliveries from a fixed seed (the same corpus on every run). */
export function forgedDeliveries(target: ForgeryTarget, count: number, seed = 20261124): Forgery[] {
	return fc.sample(forgeryArbitrary(target), { numRuns: count, seed });
}
