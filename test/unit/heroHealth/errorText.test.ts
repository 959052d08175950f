import { describeHeroHealthError } from '../../../nodes/HeroHealth/transport';

describe('describeHeroHealthError', () => {
	it('turns Hero’s 400 body into one readable line per field', () => {
		const body = {
			error: true,
			statusCode: 400,
			message: [
				{ code: 'invalid_type', expected: 'ISO date', path: ['dob'] },
				{ code: 'invalid_string', expected: 'uri', path: ['webhook', 'url'] },
				{ code: 'custom', path: [] },
			],
		};
		expect(describeHeroHealthError(400, body).message).toBe(
			'Hero Health rejected the request: dob: expected ISO date; webhook.url: expected uri; request: custom',
		);
	});

	it('explains refused keys and shows Hero’s own message when there is one', () => {
		expect(describeHeroHealthError(401, { message: 'Unauthorized' })).toEqual({
			message: 'Hero Health refused the API key (401): check the key in the credential: Unauthorized',
			description: expect.stringContaining('Practice Group ID'),
		});
		expect(describeHeroHealthError(404, undefined).message).toBe('Hero Health could not find it (404)');
		expect(describeHeroHealthError(500, 'Unknown error').message).toBe(
			'Hero Health had an internal problem (500); try again later: Unknown error',
		);
	});
});
