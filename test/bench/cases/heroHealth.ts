import { createHmac } from 'node:crypto';

import { heroHealthSubject } from '../../support/forgeryTargets';
import type { PipelineCase } from './types';
import { padJson } from './types';

const { target } = heroHealthSubject;

export const heroHealthCase: PipelineCase = {
	vendor: 'Hero Health',
	trigger: heroHealthSubject.trigger,
	parameters: heroHealthSubject.parameters,
	staticData: heroHealthSubject.staticData,
	delivery: (i, padBytes) => target.sign(padJson(target.body(1000 + i), padBytes), target.secret, Math.floor(Date.now() / 1000)),
	baseline({ rawBody, headers }) {
		const expected = createHmac('sha256', target.secret)
			.update(`${headers['x-herohealth-timestamp']}.`)
			.update(rawBody)
			.digest('hex');
		return expected === headers['x-herohealth-signature'] && JSON.parse(rawBody.toString('utf8'));
	},
};
