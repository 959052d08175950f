import { REPLAY_GUARD_MAX_ENTRIES } from '../../nodes/shared/delivery';
import { ReplayGuardRegistry } from '../../nodes/shared/replayGuard';

/**
 * (d) Heap growth of one trigger's replay guard after 100,000 distinct deliveries, and whether it
 * stays flat once the bound is reached. Needs `node --expose-gc`.
 */

export interface MemoryResult {
	maxEntries: number;
	growthAtBoundMb: number;
	growthAfter100kMb: number;
	growthAfter200kMb: number;
}

function heapMb(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc');
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

export function benchmarkReplayMemory(): MemoryResult {
	const registry = new ReplayGuardRegistry();
	const guard = registry.guardFor('bench', { maxEntries: REPLAY_GUARD_MAX_ENTRIES, ttlMs: 600_000 });
	const feed = (from: number, to: number) => {
		for (let i = from; i < to; i++) {
			// the shape of a real identity: timestamp + '.' + hex MAC
			guard.checkAndRemember(`${1_700_000_000 + i}.${i.toString(16).padStart(64, '0')}`, 1_700_000_000_000 + i);
		}
	};
	const before = heapMb();
	feed(0, REPLAY_GUARD_MAX_ENTRIES);
	const atBound = heapMb();
	feed(REPLAY_GUARD_MAX_ENTRIES, 100_000);
	const after100k = heapMb();
	feed(100_000, 200_000);
	const after200k = heapMb();
	if (guard.size !== REPLAY_GUARD_MAX_ENTRIES) throw new Error(`guard holds ${guard.size} entries`);
	return {
		maxEntries: REPLAY_GUARD_MAX_ENTRIES,
		growthAtBoundMb: atBound - before,
		growthAfter100kMb: after100k - before,
		growthAfter200kMb: after200k - before,
	};
}
