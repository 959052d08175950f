/**
 * Side-by-side measurement for a shared, noisy machine: the candidate and its baseline run in
 * alternating rounds over the same inputs, and the result is the median of the per-round ratios,
 * so that load that comes and goes hits both alike. Absolute times are printed for context only.
 */

export interface Comparison {
	name: string;
	candidateNsPerOp: number;
	baselineNsPerOp: number;
	/** Median over rounds of candidate time / baseline time. */
	ratio: number;
}

export interface CompareOptions {
	rounds?: number;
	iterations?: number;
	warmup?: number;
}

export async function compare(
	name: string,
	candidate: (i: number) => unknown | Promise<unknown>,
	baseline: (i: number) => unknown | Promise<unknown>,
	{ rounds = 15, iterations = 2000, warmup = 2000 }: CompareOptions = {},
): Promise<Comparison> {
	for (let i = 0; i < warmup; i++) {
		await candidate(i);
		await baseline(i);
	}
	const ratios: number[] = [];
	const candidateTimes: number[] = [];
	const baselineTimes: number[] = [];
	let offset = warmup;
	for (let round = 0; round < rounds; round++) {
		const first = round % 2 === 0 ? candidate : baseline;
		const second = round % 2 === 0 ? baseline : candidate;
		const a = await timeLoop(first, offset, iterations);
		const b = await timeLoop(second, offset, iterations);
		offset += iterations;
		const [c, base] = round % 2 === 0 ? [a, b] : [b, a];
		candidateTimes.push(c);
		baselineTimes.push(base);
		ratios.push(c / base);
	}
	return {
		name,
		candidateNsPerOp: median(candidateTimes) / iterations,
		baselineNsPerOp: median(baselineTimes) / iterations,
		ratio: median(ratios),
	};
}

async function timeLoop(fn: (i: number) => unknown | Promise<unknown>, offset: number, iterations: number): Promise<number> {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await fn(offset + i);
	return Number(process.hrtime.bigint() - start);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function formatNs(ns: number): string {
	return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
}
