import { corpusSubject } from '../../support/forgeryTargets';
import { fakeWebhookContext } from '../../support/mockContexts';
import { VENDOR_KITS } from '../../vendors';

const healthieSubject = corpusSubject(VENDOR_KITS.healthie);
const rxScaleSubject = corpusSubject(VENDOR_KITS.rxScale);

/**
 * How long a captured delivery can be replayed. Healthie signs no time, so the replay memory is
 * the only defence: it used to equal the 300 s duplicate window, so a captured delivery ran (and
 * re-read the full patient record) again five minutes later. RxScale signs only the body's time,
 * and its maximum age used to be off, so a delivery dated years ago ran.
 */

const HOUR = 60 * 60 * 1000;

afterEach(() => jest.restoreAllMocks());

function deliverAt(subject: typeof healthieSubject, delivery: { rawBody: Buffer; headers: Record<string, string> }, nowMs: number, nodeId: string) {
	jest.spyOn(Date, 'now').mockReturnValue(nowMs);
	const { context } = fakeWebhookContext({
		rawBody: delivery.rawBody,
		headers: delivery.headers,
		parameters: subject.parameters,
		staticData: subject.staticData,
		credentials: subject.credentials,
		nodeId,
	});
	return subject.trigger.webhook!.call(context);
}

describe('Healthie (no signed time): the replay memory lasts days', () => {
	const start = Date.UTC(2026, 11, 1, 9, 0, 0);
	const delivery = healthieSubject.target.sign(healthieSubject.target.body(7), healthieSubject.target.secret, 0);

	it.each([
		['10 minutes', 10 * 60 * 1000],
		['a day', 24 * HOUR],
		['71 hours', 71 * HOUR],
	])('does not run a delivery replayed %s later', async (_label, later) => {
		const node = `healthie-replay-${later}`;
		expect((await deliverAt(healthieSubject, delivery, start, node)).workflowData).toHaveLength(1);
		expect(await deliverAt(healthieSubject, delivery, start + later, node)).toEqual({ webhookResponse: { received: true } });
	});

	it('forgets after the memory (72 hours by default), and the option sets it', async () => {
		const node = 'healthie-replay-forget';
		await deliverAt(healthieSubject, delivery, start, node);
		expect((await deliverAt(healthieSubject, delivery, start + 73 * HOUR, node)).workflowData).toHaveLength(1);

		const shortMemory = { ...healthieSubject, parameters: { ...healthieSubject.parameters, options: { includeFullRecord: false, replayMemoryHours: 2 } } };
		await deliverAt(shortMemory, delivery, start, 'healthie-short');
		expect(await deliverAt(shortMemory, delivery, start + HOUR, 'healthie-short')).toEqual({ webhookResponse: { received: true } });
		expect((await deliverAt(shortMemory, delivery, start + 3 * HOUR, 'healthie-short')).workflowData).toHaveLength(1);
	});
});

describe('RxScale (the body’s signed time): a default maximum age the replay memory covers', () => {
	it('runs a fresh delivery once, and never again while its timestamp is accepted', async () => {
		const start = Date.UTC(2026, 11, 1, 9, 0, 0);
		const body = rxScaleSubject.target.body(1);
		const delivery = rxScaleSubject.target.sign(body, rxScaleSubject.target.secret, Math.floor(start / 1000));
		const node = 'rxscale-memory';
		expect((await deliverAt(rxScaleSubject, delivery, start, node)).workflowData).toHaveLength(1);
		for (const later of [HOUR, 23 * HOUR, 24 * HOUR]) {
			expect(await deliverAt(rxScaleSubject, delivery, start + later, node)).toEqual({ webhookResponse: { received: true } });
		}
		// Past the day the timestamp check refuses it, before the memory is asked.
		expect(await deliverAt(rxScaleSubject, delivery, start + 24 * HOUR + 60_000, node)).toEqual({ noWebhookResponse: true });
	});

	it('refuses a correctly signed delivery dated years ago, and one a day and a minute old', async () => {
		const now = Date.UTC(2026, 11, 1, 9, 0, 0);
		for (const [age, node] of [[3 * 365 * 24 * HOUR, 'rx-years'], [24 * HOUR + 60_000, 'rx-day']] as const) {
			const delivery = rxScaleSubject.target.sign(rxScaleSubject.target.body(2), rxScaleSubject.target.secret, Math.floor((now - age) / 1000));
			jest.spyOn(Date, 'now').mockReturnValue(now);
			const { context, response } = fakeWebhookContext({
				rawBody: delivery.rawBody,
				headers: delivery.headers,
				parameters: rxScaleSubject.parameters,
				staticData: rxScaleSubject.staticData,
				credentials: rxScaleSubject.credentials,
				nodeId: node,
			});
			expect(await rxScaleSubject.trigger.webhook!.call(context)).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: 401, body: { error: 'Unauthorized' } });
		}
	});
});
