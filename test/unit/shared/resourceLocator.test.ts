import type { IExecuteFunctions } from 'n8n-workflow';

import { locatedValue, matchesFilter, resourceLocatorField } from '../../../nodes/shared/resourceLocator';

describe('resourceLocatorField', () => {
	it('offers From List first when there is a search method, then By ID, By URL and By Name as given', () => {
		const field = resourceLocatorField({
			displayName: 'Appointment Type',
			name: 'appointmentTypeId',
			searchMethod: 'searchAppointmentTypes',
			idPlaceholder: 'e.g. 2',
			url: { placeholder: 'https://app.example/types/2', regex: 'https://app\\.example/types/(\\d+)' },
		});
		expect(field.type).toBe('resourceLocator');
		expect(field.default).toEqual({ mode: 'list', value: '' });
		expect(field.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
		expect(field.modes?.[0].typeOptions).toEqual({ searchListMethod: 'searchAppointmentTypes', searchable: true });
	});

	it('starts at By ID where the vendor has no list, and offers By Name where it takes names', () => {
		const field = resourceLocatorField({ displayName: 'Clinic', name: 'clinic', idPlaceholder: 'e.g. cl_1', byName: { placeholder: 'e.g. Manchester' } });
		expect(field.default).toEqual({ mode: 'id', value: '' });
		expect(field.modes?.map((mode) => mode.name)).toEqual(['id', 'name']);
	});
});

describe('locatedValue', () => {
	const context = (raw: unknown, extracted: unknown) =>
		({
			getNodeParameter: (_name: string, _index: number, _fallback: unknown, options?: { extractValue?: boolean }) =>
				options?.extractValue ? extracted : raw,
		}) as unknown as IExecuteFunctions;

	it('reads a resource locator’s mode and its (extracted) value', () => {
		expect(locatedValue(context({ __rl: true, mode: 'list', value: '7' }, '7'), 'x', 0)).toEqual({ mode: 'list', value: '7' });
		expect(locatedValue(context({ __rl: true, mode: 'url', value: 'https://a/7' }, '7'), 'x', 0)).toEqual({ mode: 'url', value: '7' });
		expect(locatedValue(context({ __rl: true, mode: 'name', value: 'Leeds' }, 'Leeds'), 'x', 0)).toEqual({ mode: 'name', value: 'Leeds' });
	});

	it('reads a plain value (an expression, an older workflow) as By ID', () => {
		expect(locatedValue(context('1001', '1001'), 'x', 0)).toEqual({ mode: 'id', value: '1001' });
		expect(locatedValue(context({ __rl: true, mode: 'unknown', value: '9' }, '9'), 'x', 0)).toEqual({ mode: 'id', value: '9' });
	});
});

describe('matchesFilter', () => {
	it('matches every typed word, in any case and order', () => {
		expect(matchesFilter('Nurse appointment (10 min)', 'nurse 10')).toBe(true);
		expect(matchesFilter('Nurse appointment (10 min)', 'doctor')).toBe(false);
		expect(matchesFilter('anything', '  ')).toBe(true);
	});
});
