export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `task` for every item with at most `limit` running at once and waits for all of them.
 * Results keep the order of `items`; a failure never stops the other tasks, so callers can see
 * exactly what succeeded (to roll it back) and what failed (to report it).
 */
export async function settleWithConcurrency<I, T>(
	items: readonly I[],
	limit: number,
	task: (item: I, index: number) => Promise<T>,
): Promise<Array<Settled<T>>> {
	const results = new Array<Settled<T>>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await task(items[index], index) };
			} catch (error) {
				results[index] = { ok: false, error };
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
	await Promise.all(workers);
	return results;
}
