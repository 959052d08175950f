import { messageFromBody, redactSecrets, statusText } from '../../../nodes/shared/errors';

describe('redactSecrets', () => {
	it('replaces every occurrence in nested strings and leaves the input untouched', () => {
		const input = { a: 'key=abcd1234', b: ['x abcd1234 y', 5, null], c: { d: 'abcd1234abcd1234' } };
		expect(redactSecrets(input, ['abcd1234'])).toEqual({
			a: 'key=[redacted]',
			b: ['x [redacted] y', 5, null],
			c: { d: '[redacted][redacted]' },
		});
		expect(input.a).toBe('key=abcd1234');
	});

	it('ignores empty and very short secrets rather than shredding the text', () => {
		expect(redactSecrets('a b c', ['', 'a'])).toBe('a b c');
	});
});

describe('messageFromBody', () => {
	it.each([
		['a string body', '  Unauthorised ', 'Unauthorised'],
		['message', { message: 'Bad thing' }, 'Bad thing'],
		['error string', { error: 'Nope' }, 'Nope'],
		['nested error.message', { success: false, error: { code: 'X', message: 'Nested' } }, 'Nested'],
		['detail', { detail: 'Details here' }, 'Details here'],
	])('finds the message in %s', (_name, body, expected) => {
		expect(messageFromBody(body)).toBe(expected);
	});

	it('is undefined when there is nothing readable', () => {
		expect(messageFromBody({ message: ['a'] })).toBeUndefined();
		expect(messageFromBody(null)).toBeUndefined();
		expect(messageFromBody('')).toBeUndefined();
	});
});

describe('statusText', () => {
	it('explains the common statuses in plain words, naming the vendor', () => {
		expect(statusText('Acme', 401)).toMatch(/^Acme refused the API key \(401\)/);
		expect(statusText('Acme', 403)).toMatch(/lacks the permission/);
		expect(statusText('Acme', 404)).toBe('Acme could not find it (404)');
		expect(statusText('Acme', 503)).toMatch(/internal problem \(503\)/);
		expect(statusText('Acme', 418)).toBe('Acme rejected the request (418)');
	});
});
