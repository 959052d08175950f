/**
 * Fault switches for the vendor APIs: latency on every call, and one-off or repeated failures
 * (5xx, 429 with Retry-After, a hung request, a dropped connection) on matching calls.
 */

export type FaultKind =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'rateLimit'; retryAfterSeconds: number }
	/** Holds the request this long, then drops the connection without an answer. */
	| { kind: 'timeout'; hangMs: number }
	| { kind: 'drop' }
	/** Handles the request (its effect happens) and then drops the connection: a lost answer. */
	| { kind: 'dropAfterHandling' };

export type FaultRule = FaultKind & {
	vendor?: string;
	method?: string;
	/** Matches the path below the vendor prefix (e.g. `^/v1/webhooks$`). */
	path?: string | RegExp;
	/** How many matching calls fail; afterwards the rule is spent. Default 1. */
	times?: number;
	/** Let this many matching calls through before failing. Default 0. */
	after?: number;
};

interface ActiveRule {
	rule: FaultRule;
	remaining: number;
	skip: number;
}

export class Faults {
	private rules: ActiveRule[] = [];
	private readonly latency = new Map<string, number>();

	/** Adds a failure rule; returns the sandbox-wide rule count. */
	inject(rule: FaultRule): number {
		this.rules.push({ rule, remaining: rule.times ?? 1, skip: rule.after ?? 0 });
		return this.rules.length;
	}

	/** Every call to `vendor` (or every vendor, with `*`) waits this long before it is handled. */
	setLatency(vendor: string, ms: number): void {
		if (ms > 0) this.latency.set(vendor, ms);
		else this.latency.delete(vendor);
	}

	latencyFor(vendor: string): number {
		return this.latency.get(vendor) ?? this.latency.get('*') ?? 0;
	}

	clear(): void {
		this.rules = [];
		this.latency.clear();
	}

	/** The fault to apply to this call, if any (and counts it). */
	take(vendor: string, method: string, path: string): FaultKind | undefined {
		for (const active of this.rules) {
			const { rule } = active;
			if (active.remaining <= 0) continue;
			if (rule.vendor && rule.vendor !== vendor) continue;
			if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
			if (rule.path && !new RegExp(rule.path).test(path)) continue;
			if (active.skip > 0) {
				active.skip--;
				continue;
			}
			active.remaining--;
			return rule;
		}
		return undefined;
	}

	/** Rules that have not fired all their times yet. */
	pending(): FaultRule[] {
		return this.rules.filter((active) => active.remaining > 0).map((active) => active.rule);
	}
}
