import { createHash } from 'crypto';

/**
 * Remembers which deliveries a trigger has already emitted, so that a replayed or re-sent delivery
 * does not run the workflow twice. Memory is bounded whatever the traffic: each entry is at most
 * 96 characters (longer identities are kept as a digest), entries expire after `ttlMs`, and past
 * `maxEntries` the oldest are forgotten first.
 *
 * Forgetting a live entry early would let its delivery be replayed, so for deliveries with a signed
 * time the guard keeps a floor instead: the newest signed time among the entries it had to drop.
 * A delivery signed at or before the floor is reported as a replay, since it may be one of them.
 * The memory therefore covers the whole signature window whatever the traffic; only deliveries
 * without a signed time (Healthie's) can be forgotten early, after `maxEntries` newer ones.
 *
 * It lives in memory on purpose: n8n saves static data written by `webhook()` back over the
 * workflow's, which can undo a key rotation made by a concurrent republish.
 */
export class ReplayGuard {
	/** identity key → expiry (epoch ms) */
	private readonly seen = new Map<string, number>();
	/**
	 * Insertion order as a ring, oldest at `head`, so that eviction never walks the Map (whose
	 * deleted slots make iteration slow). It starts small and doubles up to `maxEntries`.
	 */
	private ringKeys: string[] = new Array<string>(16);
	private ringExpiries: number[] = new Array<number>(16);
	/** Signed time of each ring entry (epoch ms), or NaN when the delivery had none. */
	private ringSignedAt: number[] = new Array<number>(16);
	private head = 0;
	private count = 0;
	/** Deliveries signed at or before this time may have been forgotten early: they count as replays. */
	private floorMs = -Infinity;
	/** How many live entries without a signed time were dropped early to stay within `maxEntries`. */
	private unboundedEvictions = 0;

	constructor(
		private readonly maxEntries: number,
		private readonly ttlMs: number,
	) {}

	/**
	 * Records `identity` as seen at `nowMs`. Returns true when it was already seen and has not
	 * expired, or when it was signed at or before the floor (a replay); false when it is new.
	 * `signedAtMs` is the delivery's signed time, when the vendor signs one.
	 */
	checkAndRemember(identity: string, nowMs: number, signedAtMs?: number): boolean {
		return this.check(identity, nowMs, signedAtMs) !== 'new';
	}

	/**
	 * As `checkAndRemember`, saying why a delivery is not new: `seen` (remembered), or
	 * `beyondMemory` (signed at or before a delivery the guard had to forget early).
	 */
	check(identity: string, nowMs: number, signedAtMs?: number): 'new' | 'seen' | 'beyondMemory' {
		// Every entry gets the same TTL, so the ring's order is expiry order.
		while (this.count > 0 && this.ringExpiries[this.head] <= nowMs) this.evictOldest(nowMs);
		if (signedAtMs !== undefined && signedAtMs <= this.floorMs) return 'beyondMemory';
		const key = digest(identity);
		const expiry = this.seen.get(key);
		if (expiry !== undefined && expiry > nowMs) return 'seen';
		if (this.count >= this.maxEntries) this.evictOldest(nowMs);
		else if (this.count === this.ringKeys.length) this.grow();
		const tail = (this.head + this.count) % this.ringKeys.length;
		this.ringKeys[tail] = key;
		this.ringExpiries[tail] = nowMs + this.ttlMs;
		this.ringSignedAt[tail] = signedAtMs ?? Number.NaN;
		this.count++;
		this.seen.set(key, nowMs + this.ttlMs);
		return 'new';
	}

	/** Forgets `identity`, so that a delivery whose processing failed can be retried by the sender. */
	forget(identity: string): void {
		this.seen.delete(digest(identity));
	}

	get size(): number {
		return this.seen.size;
	}

	/** The floor and how many entries without a signed time were dropped early, for logs and tests. */
	get pressure(): { floorMs: number; unboundedEvictions: number } {
		return { floorMs: this.floorMs, unboundedEvictions: this.unboundedEvictions };
	}

	private evictOldest(nowMs: number): void {
		const key = this.ringKeys[this.head];
		const expiry = this.ringExpiries[this.head];
		// The key may have been forgotten, or remembered again later with a newer expiry.
		if (this.seen.get(key) === expiry) {
			this.seen.delete(key);
			if (expiry > nowMs) {
				const signedAt = this.ringSignedAt[this.head];
				if (Number.isNaN(signedAt)) this.unboundedEvictions++;
				else this.floorMs = Math.max(this.floorMs, signedAt);
			}
		}
		this.ringKeys[this.head] = '';
		this.head = (this.head + 1) % this.ringKeys.length;
		this.count--;
	}

	private grow(): void {
		const capacity = Math.min(this.maxEntries, this.ringKeys.length * 2);
		const keys = new Array<string>(capacity);
		const expiries = new Array<number>(capacity);
		const signedAt = new Array<number>(capacity);
		for (let i = 0; i < this.count; i++) {
			const from = (this.head + i) % this.ringKeys.length;
			keys[i] = this.ringKeys[from];
			expiries[i] = this.ringExpiries[from];
			signedAt[i] = this.ringSignedAt[from];
		}
		this.ringKeys = keys;
		this.ringExpiries = expiries;
		this.ringSignedAt = signedAt;
		this.head = 0;
	}
}

const LONGEST_KEPT_AS_IS = 96;

/** Short identities are kept as they are; longer ones as a fixed-size digest, so entries stay small. */
function digest(identity: string): string {
	if (identity.length <= LONGEST_KEPT_AS_IS) return identity;
	return `#${createHash('sha256').update(identity).digest('base64')}`;
}

export interface ReplayGuardOptions {
	maxEntries: number;
	ttlMs: number;
}

const DEFAULT_MAX_SCOPES = 1000;

/**
 * One guard per trigger node (scope), created on first use. The number of scopes is bounded too:
 * the guard used least recently is dropped first.
 */
export class ReplayGuardRegistry {
	private readonly guards = new Map<string, ReplayGuard>();
	private mostRecent: string | undefined;

	constructor(private readonly maxScopes = DEFAULT_MAX_SCOPES) {}

	guardFor(scope: string, options: ReplayGuardOptions): ReplayGuard {
		// A changed window gives a fresh guard rather than one that keeps the old expiry.
		const key = `${scope}|${options.maxEntries}|${options.ttlMs}`;
		let guard = this.guards.get(key);
		if (guard && key === this.mostRecent) return guard;
		if (guard) {
			this.guards.delete(key); // re-insert: most recently used last
		} else {
			guard = new ReplayGuard(options.maxEntries, options.ttlMs);
		}
		this.guards.set(key, guard);
		this.mostRecent = key;
		while (this.guards.size > this.maxScopes) {
			const leastRecent = this.guards.keys().next().value as string;
			this.guards.delete(leastRecent);
		}
		return guard;
	}
}

/** The process-wide registry used by the trigger nodes. */
export const replayGuards = new ReplayGuardRegistry();
