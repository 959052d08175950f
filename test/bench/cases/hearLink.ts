import { createHmac } from 'node:crypto';

import { hearLinkSubject } from '../../support/forgeryTargets';
import type { PipelineCase } from './types';
import { padJson } from './types';

const { target } = hearLinkSubject;

export const hearLinkCase: PipelineCase = {
	vendor: 'HearLink',
	trigger: hearLinkSubject.trigger,
	parameters: hearLinkSubject.parameters,
	staticData: hearLinkSubject.staticData,
	credentials: hearLinkSubject.credentials,
	delivery: (i, padBytes) => target.sign(padJson(target.body(1000 + i), padBytes), target.secret, Math.floor(Date.now() / 1000)),
	baseline({ rawBody, headers }) {
		const [t, v1] = headers['x-hearlink-signature'].split(',').map((part) => part.slice(part.indexOf('=') + 1));
		const expected = createHmac('sha256', target.secret).update(`${t}.`).update(rawBody).digest('hex');
		return expected === v1 && JSON.parse(rawBody.toString('utf8'));
	},
};
