import { createHmac } from 'node:crypto';

import { z } from 'zod';

import type { DeliveryHandler, SignedRequest } from '../../../nodes/shared/delivery';
import { receiveDelivery } from '../../../nodes/shared/delivery';
import { fakeWebhookContext } from '../../support/mockContexts';

/**
 * The pipeline with a toy vendor: `x-sig` = hex HMAC of the body; the body carries `type` and `id`.
 */
const SECRET = 'toy-secret';
const schema = z.object({ type: z.string(), id: z.string() });
type Toy = z.infer<typeof schema>;

let nodeCounter = 0;

function handler(overrides: Partial<DeliveryHandler<Toy>> = {}): DeliveryHandler<Toy> {
	return {
		vendorName: 'Toy',
		signedHeaders: { signature: ['x-sig'] },
		secrets: [SECRET],
		missingSecretHint: 'Set the toy secret.',
		verify: (request: SignedRequest) => {
			const given = String(request.headers['x-sig'] ?? '');
			const ok = request.secrets.some(
				(secret) => createHmac('sha256', secret).update(request.rawBody).digest('hex') === given,
			);
			return ok ? { ok: true } : { ok: false, reason: 'signature does not match' };
		},
		envelope: { is: (value: unknown): value is Toy => schema.safeParse(value).success, schema },
		eventOf: (payload) => payload.type,
		selectedEvents: ['thing.created'],
		identityOf: ({ payload }) => payload.id,
		replayTtlMs: 60_000,
		toItem: (payload) => ({ ...payload, seen: true }),
		...overrides,
	};
}

function delivery(body: string, options: { secret?: string; viaRead?: boolean; nodeId?: string } = {}) {
	const raw = Buffer.from(body, 'utf8');
	const sig = createHmac('sha256', options.secret ?? SECRET).update(raw).digest('hex');
	return fakeWebhookContext({
		...(options.viaRead ? { rawBodyViaRead: raw } : { rawBody: raw }),
		headers: { 'x-sig': sig },
		nodeId: options.nodeId ?? `node-${++nodeCounter}`,
	});
}

const good = JSON.stringify({ type: 'thing.created', id: 'evt_1' });

describe('receiveDelivery', () => {
	it('emits one item for a signed delivery of a selected event', async () => {
		const { context, response } = delivery(good);
		const result = await receiveDelivery.call(context, handler());
		expect(result).toEqual({ workflowData: [[{ json: { type: 'thing.created', id: 'evt_1', seen: true, dedupeKey: expect.stringMatching(/^[\w-]{43}$/) } }]] });
		expect(response.statusCode).toBeUndefined();
	});

	describe('dedupeKey (what a Remove Duplicates step keys on when another n8n process ran a retry)', () => {
		const keyOf = async (body: string, overrides: Partial<DeliveryHandler<Toy>> = {}) => {
			// A node of its own each time: a replay memory that has never seen the delivery, as in another process.
			const result = await receiveDelivery.call(delivery(body).context, handler(overrides));
			return (result.workflowData?.[0][0].json as { dedupeKey: string }).dedupeKey;
		};
		const other = JSON.stringify({ type: 'thing.created', id: 'evt_2' });

		it('is the same for the same delivery wherever it runs, and differs for another delivery', async () => {
			expect(await keyOf(good)).toBe(await keyOf(good));
			expect(await keyOf(other)).not.toBe(await keyOf(good));
		});

		it("is the vendor's event id where the handler names one", async () => {
			expect(await keyOf(good, { dedupeKeyOf: ({ payload }) => payload.id })).toBe('evt_1');
		});

		it('names the period a delivery arrived in where the vendor signs no time, so that an identical event later is new', async () => {
			const periodic = { dedupePeriodMs: 60_000 };
			const now = Date.now();
			const at = async (ms: number) => {
				const spy = jest.spyOn(Date, 'now').mockReturnValue(ms);
				try {
					return await keyOf(good, periodic);
				} finally {
					spy.mockRestore();
				}
			};
			const start = Math.floor(now / 60_000) * 60_000;
			expect(await at(start + 1_000)).toBe(await at(start + 59_000));
			expect(await at(start + 61_000)).not.toBe(await at(start + 1_000));
		});

		it('falls back to the signed body when a delivery has no identity, and never shows the identity itself', async () => {
			const withoutIdentity = { identityOf: () => undefined };
			expect(await keyOf(good, withoutIdentity)).toBe(await keyOf(good, withoutIdentity));
			expect(await keyOf(other, withoutIdentity)).not.toBe(await keyOf(good, withoutIdentity));
			expect(await keyOf(good, { identityOf: () => 'the-signature-proof' })).not.toContain('the-signature-proof');
		});
	});

	it('reads the raw body itself when n8n has not (rawBody undefined)', async () => {
		const { context } = delivery(good, { viaRead: true });
		const result = await receiveDelivery.call(context, handler());
		expect(result.workflowData).toHaveLength(1);
	});

	it('refuses everything with 401 when there is no secret (fail closed), and logs what to configure', async () => {
		const { context, response, logs } = delivery(good);
		const result = await receiveDelivery.call(context, handler({ secrets: [] }));
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response).toEqual({ statusCode: 401, body: { error: 'Unauthorized' }, ended: true });
		expect(logs.warn).toEqual([expect.stringContaining('Set the toy secret.')]);
	});

	it('refuses a wrong signature with 401, writing the answer itself', async () => {
		const { context, response } = delivery(good, { secret: 'wrong' });
		expect(await receiveDelivery.call(context, handler())).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 401, body: { error: 'Unauthorized' }, ended: true });
	});

	it('tells the caller only the status: the reason goes to the debug log', async () => {
		const cases = [
			{ body: good, secret: 'wrong', status: 401, reason: 'signature does not match' },
			{ body: 'not json', secret: SECRET, status: 400, reason: 'body is not JSON' },
			{ body: JSON.stringify({ kind: 'x' }), secret: SECRET, status: 400, reason: 'unexpected payload' },
		];
		for (const { body, secret, status, reason } of cases) {
			const { context, response, logs } = delivery(body, { secret });
			await receiveDelivery.call(context, handler());
			expect(response.body).toEqual({ error: status === 401 ? 'Unauthorized' : 'Bad Request' });
			expect(response.statusCode).toBe(status);
			expect(logs.debug).toEqual([expect.stringContaining(reason)]);
		}
	});

	it('answers 400 when the body cannot be read, instead of letting the error escape as a 500', async () => {
		const { context, response, logs } = fakeWebhookContext({ rawBodyViaRead: Buffer.from(good), nodeId: 'node-unreadable' });
		(context.getRequestObject() as unknown as { readRawBody: () => Promise<void> }).readRawBody = async () => {
			throw new Error('request aborted');
		};
		expect(await receiveDelivery.call(context, handler())).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 400, body: { error: 'Bad Request' } });
		expect(logs.debug).toEqual([expect.stringContaining('request aborted')]);
	});

	it('refuses an empty body with 400', async () => {
		const { context, response } = delivery('');
		expect(await receiveDelivery.call(context, handler())).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 400, body: { error: 'Bad Request' } });
	});

	it('refuses a signed body that is not JSON, or not the envelope, with 400', async () => {
		const notJson = delivery('not json');
		await receiveDelivery.call(notJson.context, handler());
		expect(notJson.response).toMatchObject({ statusCode: 400 });

		const wrongShape = delivery(JSON.stringify({ kind: 'x' }));
		await receiveDelivery.call(wrongShape.context, handler());
		expect(wrongShape.response).toMatchObject({ statusCode: 400 });
		expect(wrongShape.logs.debug).toEqual([expect.stringMatching(/unexpected payload \(type:/)]);
	});

	it('checks the signature before reading the body (a forged non-JSON body gets 401)', async () => {
		const { context, response } = delivery('not json', { secret: 'wrong' });
		await receiveDelivery.call(context, handler());
		expect(response.statusCode).toBe(401);
	});

	it('acknowledges an event that is not selected without an execution', async () => {
		const { context } = delivery(JSON.stringify({ type: 'thing.deleted', id: 'evt_2' }));
		const result = await receiveDelivery.call(context, handler());
		expect(result).toEqual({ webhookResponse: { received: true } });
	});

	it('emits a replayed delivery once per node, and separately for another node', async () => {
		const first = delivery(good, { nodeId: 'node-replay' });
		const second = delivery(good, { nodeId: 'node-replay' });
		const elsewhere = delivery(good, { nodeId: 'node-other' });
		expect((await receiveDelivery.call(first.context, handler())).workflowData).toHaveLength(1);
		expect(await receiveDelivery.call(second.context, handler())).toEqual({ webhookResponse: { received: true } });
		expect(second.logs.debug).toEqual([expect.stringContaining('duplicate delivery')]);
		expect((await receiveDelivery.call(elsewhere.context, handler())).workflowData).toHaveLength(1);
	});

	it('does not let a forged delivery poison the replay guard', async () => {
		const forged = delivery(good, { secret: 'wrong', nodeId: 'node-poison' });
		await receiveDelivery.call(forged.context, handler());
		const real = delivery(good, { nodeId: 'node-poison' });
		expect((await receiveDelivery.call(real.context, handler())).workflowData).toHaveLength(1);
	});

	it('answers 500 when building the item fails, and lets the sender’s retry through', async () => {
		const failing = handler({
			toItem: () => {
				throw new Error('boom');
			},
		});
		const first = delivery(good, { nodeId: 'node-retry' });
		expect(await receiveDelivery.call(first.context, failing)).toEqual({ noWebhookResponse: true });
		expect(first.response.statusCode).toBe(500);
		expect(first.logs.error).toEqual([expect.stringContaining('boom')]);

		const retry = delivery(good, { nodeId: 'node-retry' });
		expect((await receiveDelivery.call(retry.context, handler())).workflowData).toHaveLength(1);
	});

	it('never puts the secret into a response or log line', async () => {
		const contexts = [delivery(good, { secret: 'wrong' }), delivery('{', {}), delivery(good)];
		for (const { context } of contexts) await receiveDelivery.call(context, handler());
		const everything = JSON.stringify(contexts.map(({ response, logs }) => ({ response, logs })));
		expect(everything).not.toContain(SECRET);
	});
});
