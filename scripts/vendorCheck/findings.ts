/**
 * What the vendor check found about each inferred fact: what the nodes assume, what the vendor
 * answered, and a verdict. One `FactSpec` per `###` heading of the vendor's "Inferred facts"
 * section in docs/vendors/<vendor>.md (a unit test keeps the two lists equal).
 */

export type Verdict = 'holds' | 'differs' | 'could not tell';

/** How a fact can be (or was) checked. */
export type CheckedBy = 'api' | 'delivery' | 'diagnostics';

export interface FactSpec {
	/** The reading the nodes (and the sandbox) take, in one sentence. */
	assumed: string;
	/** How the check can decide it; empty when no call the check may make shows it. */
	checkedBy: CheckedBy[];
	/** Why it is "could not tell" when nothing decided it, and what would tell. */
	otherwise: string;
}

export type FactCatalogue = Record<string, FactSpec>;

export interface FactResult {
	id: string;
	verdict: Verdict;
	/** What decided it; `none` when nothing could. */
	checkedBy: CheckedBy | 'none';
	assumed: string;
	/** What the vendor answered (shapes, statuses, codes: never a secret or patient data). */
	seen: string;
	/** For "differs": whether the nodes still work under what was seen. For "could not tell": why, and what would tell. */
	note?: string;
}

const STRENGTH: Record<CheckedBy, number> = { diagnostics: 1, api: 2, delivery: 3 };

/** The findings of one run, in the catalogue's order. A decisive finding beats "could not tell"; a delivery beats a diagnostics line. */
export class Findings {
	private readonly found = new Map<string, FactResult>();

	constructor(readonly catalogue: FactCatalogue) {}

	holds(id: string, checkedBy: CheckedBy, seen: string, note?: string): void {
		this.set({ id, verdict: 'holds', checkedBy, assumed: this.spec(id).assumed, seen, note });
	}

	/** `note`: what it means for the nodes (they accept it too, or they fail and must change). */
	differs(id: string, checkedBy: CheckedBy, seen: string, note: string): void {
		this.set({ id, verdict: 'differs', checkedBy, assumed: this.spec(id).assumed, seen, note });
	}

	/** Looked, but what came back does not decide it; `why` says why and what would. */
	cannotTell(id: string, checkedBy: CheckedBy | 'none', seen: string, why: string): void {
		this.set({ id, verdict: 'could not tell', checkedBy, assumed: this.spec(id).assumed, seen, note: why });
	}

	has(id: string): boolean {
		return this.found.get(id)?.verdict !== undefined && this.found.get(id)?.verdict !== 'could not tell';
	}

	results(): FactResult[] {
		return Object.entries(this.catalogue).map(
			([id, spec]) =>
				this.found.get(id) ?? {
					id,
					verdict: 'could not tell',
					checkedBy: 'none',
					assumed: spec.assumed,
					seen: spec.checkedBy.length === 0 ? 'nothing the check may do shows it' : 'not asked',
					note: spec.otherwise,
				},
		);
	}

	private spec(id: string): FactSpec {
		const spec = this.catalogue[id];
		if (!spec) throw new Error(`the vendor check has no fact "${id}"`);
		return spec;
	}

	private set(result: FactResult): void {
		const before = this.found.get(result.id);
		if (before && !outranks(result, before)) return;
		this.found.set(result.id, result);
	}
}

function outranks(next: FactResult, before: FactResult): boolean {
	const decisive = (result: FactResult) => result.verdict !== 'could not tell';
	if (decisive(next) !== decisive(before)) return decisive(next);
	const strength = (result: FactResult) => (result.checkedBy === 'none' ? 0 : STRENGTH[result.checkedBy]);
	return strength(next) > strength(before);
}
