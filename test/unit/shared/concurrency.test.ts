import { settleWithConcurrency } from '../../../nodes/shared/concurrency';

describe('settleWithConcurrency', () => {
	it('never runs more tasks at once than the limit, and runs up to it', async () => {
		let running = 0;
		let peak = 0;
		await settleWithConcurrency(Array.from({ length: 10 }, (_, i) => i), 3, async () => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setImmediate(resolve));
			running--;
		});
		expect(peak).toBe(3);
	});

	it('keeps results in input order and reports failures without stopping the others', async () => {
		const results = await settleWithConcurrency([1, 2, 3, 4], 2, async (n) => {
			if (n === 2) throw new Error('two failed');
			await new Promise((resolve) => setImmediate(resolve));
			return n * 10;
		});
		expect(results).toEqual([
			{ ok: true, value: 10 },
			{ ok: false, error: new Error('two failed') },
			{ ok: true, value: 30 },
			{ ok: true, value: 40 },
		]);
	});

	it('handles no items and a limit larger than the work', async () => {
		expect(await settleWithConcurrency([], 4, async () => 1)).toEqual([]);
		expect(await settleWithConcurrency(['a'], 10, async (x) => x)).toEqual([{ ok: true, value: 'a' }]);
	});
});
