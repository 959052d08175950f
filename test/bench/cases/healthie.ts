import { createHash, createHmac } from 'node:crypto';

import { healthieSubject } from '../../support/forgeryTargets';
import type { PipelineCase } from './types';
import { padJson } from './types';

const { target } = healthieSubject;

export const healthieCase: PipelineCase = {
	vendor: 'Healthie',
	trigger: healthieSubject.trigger,
	parameters: healthieSubject.parameters,
	staticData: healthieSubject.staticData,
	delivery: (i, padBytes) => target.sign(padJson(target.body(1000 + i), padBytes), target.secret, 0),
	/** Healthie needs two hashes at the least: the HMAC over the signed string and the body's digest. */
	baseline({ rawBody, headers }) {
		const digest = headers['content-digest'].slice(headers['content-digest'].indexOf('=') + 1);
		const data = `post /webhook/abc/webhook  ${digest} application/json ${rawBody.length}`;
		const signed = `sig1=${createHmac('sha256', target.secret).update(data).digest('hex')}` === headers.signature;
		return signed && createHash('sha256').update(rawBody).digest('base64') === digest && JSON.parse(rawBody.toString('utf8'));
	},
};
