import { setTimeout as sleep } from 'node:timers/promises';

/** Retries `assertion` until it passes or `timeoutMs` runs out (then throws its last error). */
export async function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await assertion();
		} catch (error) {
			if (Date.now() >= deadline) throw error;
			await sleep(intervalMs);
		}
	}
}
