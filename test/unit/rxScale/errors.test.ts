import { describeRxScaleError, fieldIssues } from '../../../nodes/RxScale/transport';

/** RxScale's three error body shapes (docs/vendors/rxscale.md#errors) become words a user can act on. */

describe('describeRxScaleError', () => {
	it('reads the standard shape { error }', () => {
		expect(describeRxScaleError(400, { error: 'Missing required parameters: from and to' })).toEqual({
			message: 'RxScale rejected the request (400): Missing required parameters: from and to',
		});
	});

	it('reads the auth shape { code, description }', () => {
		expect(describeRxScaleError(401, { code: 'invalid_api_key', description: 'Invalid API key' })).toMatchObject({
			message: 'RxScale refused the API key (401): Invalid API key',
			description: expect.stringContaining('Check the API key and the environment'),
		});
	});

	it('puts an auth code without a description into words', () => {
		expect(describeRxScaleError(401, { code: 'token_expired' }).message).toBe('RxScale refused the API key (401): the key has expired');
		expect(describeRxScaleError(401, { code: 'api_key_missing' }).message).toBe('RxScale refused the API key (401): no API key was sent');
	});

	it('names the permission on a 403', () => {
		expect(
			describeRxScaleError(403, { code: 'permission_denied', description: 'Permission denied' }, { permission: 'order:read' }),
		).toEqual({
			message: 'RxScale refused this request (403): this API key lacks the permission "order:read"',
			description: expect.stringContaining('account manager'),
		});
	});

	it('says a 404 on a resource endpoint may be a missing permission', () => {
		const text = describeRxScaleError(404, { error: 'Resource not found' }, { permission: 'patient:read', resourceEndpoint: true });
		expect(text.message).toBe('RxScale could not find it (404): Resource not found');
		expect(text.description).toBe('Check the ID. RxScale also answers 404 when the API key lacks the permission "patient:read".');
		expect(describeRxScaleError(404, { error: 'Resource not found' }, { permission: 'patient:read' }).description).toBeUndefined();
	});

	it('reads field-level validation details', () => {
		expect(
			describeRxScaleError(400, { error: 'Validation error', details: { target: ['URL must use HTTPS.'], payload_version: 'Must be 1.' } }),
		).toEqual({
			message: 'RxScale rejected the request: target: URL must use HTTPS.; payload_version: Must be 1.',
			description: 'Correct the fields named above and run the node again.',
		});
	});

	it('falls back to plain words for an empty or non-JSON body', () => {
		expect(describeRxScaleError(502, '')).toEqual({ message: 'RxScale had an internal problem (502); try again later' });
		expect(describeRxScaleError(500, '<html>oops</html>').message).toBe(
			'RxScale had an internal problem (500); try again later: <html>oops</html>',
		);
		expect(describeRxScaleError(409, { error: 'Notification subscription already exists' }).message).toBe(
			'RxScale already has this (409): Notification subscription already exists',
		);
	});
});

describe('fieldIssues: every validation form seen in similar APIs', () => {
	it.each([
		['{ errors: { field: [messages] } }', { errors: { target: ['Not a valid URL.', 'Must use HTTPS.'] } }, ['target: Not a valid URL., Must use HTTPS.']],
		['{ error: { field: message } }', { error: { notification_type: 'Unknown type' } }, ['notification_type: Unknown type']],
		['nested fields', { details: { meta_data: { header_key: ['Invalid'] } } }, ['meta_data.header_key: Invalid']],
		['a list of { field, message }', { errors: [{ field: 'target', message: 'required' }] }, ['target: required']],
		['a list of { loc, msg } under detail (FastAPI)', { detail: [{ loc: ['body', 'target'], msg: 'field required' }] }, ['body.target: field required']],
		['a text detail is no field list', { detail: 'Not found' }, []],
		['plain strings', { errors: ['target is required'] }, ['target is required']],
		['the standard shape', { error: 'Bad request' }, []],
	])('%s', (_name, body, expected) => {
		expect(fieldIssues(body)).toEqual(expected);
	});
});
