import { corpusSubject } from '../../support/forgeryTargets';
import { KITS } from '../../vendors';
import type { VendorKit } from '../../vendors';
import type { PipelineCase } from './types';
import { padJson } from './types';

/**
 * Every trigger's delivery path, one per vendor kit: the kit's corpus subject (trigger, parameters,
 * where its secret is), its signing recipe, and its bare yardstick (`bench.baseline`).
 */
export function pipelineCase(kit: VendorKit): PipelineCase {
	const subject = corpusSubject(kit);
	const { target } = subject;
	return {
		vendor: kit.name,
		trigger: subject.trigger,
		credentialType: kit.credentialType,
		parameters: subject.parameters,
		staticData: subject.staticData,
		credentials: subject.credentials,
		delivery: (i, padBytes, url) => {
			const signer = url && target.atUrl ? target.atUrl(url) : target;
			return signer.sign(padJson(target.body(1000 + i), padBytes), target.secret, Math.floor(Date.now() / 1000));
		},
		baseline: (delivery, url) => kit.bench.baseline(delivery, target.secret, url),
	};
}

export const pipelineCases: PipelineCase[] = KITS.map(pipelineCase);
