import { createHmac } from 'node:crypto';

import { rxScaleSubject } from '../../support/forgeryTargets';
import type { PipelineCase } from './types';
import { padJson } from './types';

const { target } = rxScaleSubject;

export const rxScaleCase: PipelineCase = {
	vendor: 'RxScale',
	trigger: rxScaleSubject.trigger,
	parameters: rxScaleSubject.parameters,
	staticData: rxScaleSubject.staticData,
	credentials: rxScaleSubject.credentials,
	delivery: (i, padBytes) => target.sign(padJson(target.body(1000 + i), padBytes), target.secret, 0),
	baseline({ rawBody, headers }) {
		const expected = createHmac('sha256', target.secret).update(rawBody).digest('hex');
		return expected === headers['x-webhook-signature'] && JSON.parse(rawBody.toString('utf8'));
	},
};
