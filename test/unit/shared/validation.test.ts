import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import {
	describeIssues,
	emailAddress,
	isIsoDateTime,
	isoDate,
	isRealIsoDate,
	parseInput,
	requiredText,
} from '../../../nodes/shared/validation';
import { testNode } from '../../support/mockContexts';

describe('dates', () => {
	it.each([
		['2024-02-29', true],
		['2023-02-29', false],
		['2023-04-31', false],
		['2023-13-01', false],
		['2023-1-01', false],
		['01/02/2023', false],
		['2023-12-31', true],
	])('isRealIsoDate(%s) is %s', (value, expected) => {
		expect(isRealIsoDate(value)).toBe(expected);
	});

	it.each([
		['2026-03-01T09:30:00Z', true],
		['2026-03-01T09:30Z', true],
		['2026-03-01T09:30:00.123+01:00', true],
		['2026-03-01T09:30:00', false],
		['2026-02-30T09:30:00Z', false],
		['2026-03-01', false],
	])('isIsoDateTime(%s) is %s', (value, expected) => {
		expect(isIsoDateTime(value)).toBe(expected);
	});
});

describe('parseInput', () => {
	const schema = z.object({
		dob: isoDate('Date of birth'),
		name: requiredText('Full name'),
		email: emailAddress().optional(),
	});

	it('returns the parsed value when everything is right', () => {
		expect(parseInput(testNode, schema, { dob: ' 1990-01-31 ', name: ' Ada ', email: 'a@b.co' })).toEqual({
			dob: '1990-01-31',
			name: 'Ada',
			email: 'a@b.co',
		});
	});

	it('names every bad field in plain words, with the item index', () => {
		let error: unknown;
		try {
			parseInput(testNode, schema, { dob: '1990-02-30', name: '  ', email: 'nope' }, 4);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'Date of birth must be a real date written YYYY-MM-DD; Full name is required; Email must be an email address',
		);
		expect((error as NodeOperationError).context.itemIndex).toBe(4);
	});

	it('prefixes zod’s own messages with the field path', () => {
		const result = z.object({ age: z.number().min(0) }).safeParse({ age: 'x' });
		expect(result.success).toBe(false);
		if (!result.success) expect(describeIssues(result.error)).toBe('age: Expected number, received string');
	});
});
