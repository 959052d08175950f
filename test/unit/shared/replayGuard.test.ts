import { ReplayGuard, ReplayGuardRegistry } from '../../../nodes/shared/replayGuard';

describe('ReplayGuard', () => {
	it('reports the second sighting of an identity as a replay', () => {
		const guard = new ReplayGuard(10, 60_000);
		expect(guard.checkAndRemember('delivery-1', 1000)).toBe(false);
		expect(guard.checkAndRemember('delivery-1', 2000)).toBe(true);
		expect(guard.checkAndRemember('delivery-2', 2000)).toBe(false);
	});

	it('forgets an identity once its time to live has passed', () => {
		const guard = new ReplayGuard(10, 60_000);
		guard.checkAndRemember('delivery-1', 0);
		expect(guard.checkAndRemember('delivery-1', 59_999)).toBe(true);
		expect(guard.checkAndRemember('delivery-1', 60_000 + 59_999 + 1)).toBe(false);
	});

	it('evicts expired entries so that its size reflects only live ones', () => {
		const guard = new ReplayGuard(100, 1000);
		for (let i = 0; i < 50; i++) guard.checkAndRemember(`old-${i}`, 0);
		guard.checkAndRemember('new', 5000);
		expect(guard.size).toBe(1);
	});

	it('never holds more than its maximum, dropping the oldest first', () => {
		const guard = new ReplayGuard(3, 60_000);
		for (const id of ['a', 'b', 'c', 'd']) guard.checkAndRemember(id, 1);
		expect(guard.size).toBe(3);
		expect(guard.checkAndRemember('d', 2)).toBe(true);
		expect(guard.checkAndRemember('a', 2)).toBe(false); // 'a' was evicted
	});

	it('stays bounded under 100,000 distinct identities', () => {
		const guard = new ReplayGuard(1000, 60_000);
		for (let i = 0; i < 100_000; i++) guard.checkAndRemember(`delivery-${i}`, i);
		expect(guard.size).toBe(1000);
	});

	it('lets a forgotten identity through again', () => {
		const guard = new ReplayGuard(10, 60_000);
		guard.checkAndRemember('x', 0);
		guard.forget('x');
		expect(guard.checkAndRemember('x', 1)).toBe(false);
	});

	it('treats identities of any length alike (they are stored as digests)', () => {
		const guard = new ReplayGuard(10, 60_000);
		const long = 'x'.repeat(1_000_000);
		expect(guard.checkAndRemember(long, 0)).toBe(false);
		expect(guard.checkAndRemember(long, 1)).toBe(true);
		expect(guard.checkAndRemember(`${long}y`, 1)).toBe(false);
	});
});

describe('ReplayGuardRegistry', () => {
	const options = { maxEntries: 10, ttlMs: 60_000 };

	it('gives each scope its own guard and the same guard back for a scope', () => {
		const registry = new ReplayGuardRegistry();
		registry.guardFor('node-a', options).checkAndRemember('x', 0);
		expect(registry.guardFor('node-a', options).checkAndRemember('x', 1)).toBe(true);
		expect(registry.guardFor('node-b', options).checkAndRemember('x', 1)).toBe(false);
	});

	it('starts a fresh guard when the window changes', () => {
		const registry = new ReplayGuardRegistry();
		registry.guardFor('node-a', options).checkAndRemember('x', 0);
		expect(registry.guardFor('node-a', { ...options, ttlMs: 120_000 }).checkAndRemember('x', 1)).toBe(false);
	});

	it('keeps at most its maximum number of scopes, dropping the least recently used', () => {
		const registry = new ReplayGuardRegistry(2);
		registry.guardFor('a', options).checkAndRemember('x', 0);
		registry.guardFor('b', options).checkAndRemember('x', 0);
		registry.guardFor('a', options); // a is now the most recent
		registry.guardFor('c', options); // evicts b
		expect(registry.guardFor('a', options).checkAndRemember('x', 1)).toBe(true);
		expect(registry.guardFor('b', options).checkAndRemember('x', 1)).toBe(false);
	});
});

describe('ReplayGuard ring', () => {
	it('keeps insertion order across growth and wrap-around', () => {
		const guard = new ReplayGuard(40, 1_000_000);
		for (let i = 0; i < 100; i++) expect(guard.checkAndRemember(`id-${i}`, i)).toBe(false);
		expect(guard.size).toBe(40);
		// the 40 most recent are remembered, the older ones were evicted in order
		for (let i = 60; i < 100; i++) expect(guard.checkAndRemember(`id-${i}`, 200)).toBe(true);
		expect(guard.checkAndRemember('id-59', 200)).toBe(false);
	});

	it('does not evict an identity remembered again after it was forgotten', () => {
		const guard = new ReplayGuard(2, 1_000_000);
		guard.checkAndRemember('a', 0);
		guard.forget('a');
		guard.checkAndRemember('b', 1);
		guard.checkAndRemember('a', 2); // evicts the stale ring slot of the first 'a', not the new one
		expect(guard.checkAndRemember('a', 3)).toBe(true);
	});
});

describe('ReplayGuard under pressure (more deliveries than it may remember)', () => {
	it('refuses a delivery signed no later than one it had to forget early, so no replay slips through', () => {
		const guard = new ReplayGuard(3, 1_000_000);
		// Signed at 10, 20, 30, 40: the fourth pushes out the first while it is still live.
		for (const [id, signedAt] of [['a', 10], ['b', 20], ['c', 30], ['d', 40]] as const) {
			expect(guard.checkAndRemember(id, 100, signedAt)).toBe(false);
		}
		expect(guard.pressure.floorMs).toBe(10);
		expect(guard.check('a', 101, 10)).toBe('beyondMemory'); // the forgotten one, replayed
		expect(guard.check('b', 101, 20)).toBe('seen');
		expect(guard.checkAndRemember('older', 101, 5)).toBe(true); // anything signed before it
		expect(guard.checkAndRemember('newer', 101, 41)).toBe(false);
	});

	it('raises no floor for entries that expired on their own', () => {
		const guard = new ReplayGuard(2, 1000);
		guard.checkAndRemember('a', 0, 0);
		guard.checkAndRemember('b', 0, 0);
		guard.checkAndRemember('c', 5000, 5000);
		expect(guard.pressure.floorMs).toBe(-Infinity);
		expect(guard.checkAndRemember('a', 5001, 4500)).toBe(false);
	});

	it('counts live entries without a signed time that it had to forget (they cannot be bounded)', () => {
		const guard = new ReplayGuard(2, 1_000_000);
		for (const id of ['a', 'b', 'c']) guard.checkAndRemember(id, 1);
		expect(guard.pressure).toEqual({ floorMs: -Infinity, unboundedEvictions: 1 });
	});
});
