import type { IDataObject } from 'n8n-workflow';

import { dateTimeText, ukPracticeTime } from '../../../nodes/HearLink/actions/appointment/times';
import { idOrNameField, idOrNameSchema } from '../../../nodes/HearLink/actions/idOrName';
import { HEARLINK_EVENT_OPTIONS, HEARLINK_SUBSCRIBABLE_EVENTS } from '../../../nodes/HearLink/events';
import { HearLink } from '../../../nodes/HearLink/HearLink.node';
import { HearLinkTrigger } from '../../../nodes/HearLink/HearLinkTrigger.node';
import { describeHearLinkError } from '../../../nodes/HearLink/transport';

describe('HearLink error bodies', () => {
	it('show the code, the message and every field detail (the documented 400 example)', () => {
		expect(
			describeHearLinkError(400, {
				success: false,
				error: {
					code: 'VALIDATION_ERROR',
					message: 'Exactly one of [statusId, statusName] must be provided for status.',
					details: { statusId: 'Both statusId and statusName provided', dob: 'Must match YYYY-MM-DD' },
				},
			}),
		).toEqual({
			message: 'HearLink rejected the request (400 VALIDATION_ERROR): Exactly one of [statusId, statusName] must be provided for status.',
			description:
				'statusId: Both statusId and statusName provided; dob: Must match YYYY-MM-DD — Correct the fields named above and run the node again.',
		});
	});

	it.each<[number, unknown, RegExp, RegExp | undefined]>([
		[401, { success: false, error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } }, /^HearLink refused the API key \(401 UNAUTHORIZED\): Invalid API key$/, /paste a current API key/],
		[401, undefined, /^HearLink refused the API key \(401\)$/, /paste a current API key/],
		[403, { success: false, error: { code: 'FORBIDDEN' } }, /^HearLink refused this request: the API key lacks the permission \(403 FORBIDDEN\)$/, /organisation owner/],
		[404, { success: false, error: { message: 'Invoice not found' } }, /^HearLink could not find it \(404\): Invoice not found$/, /Check the ID/],
		[502, '<html>Bad gateway</html>', /^HearLink had an internal problem \(502\); try again later: <html>Bad gateway<\/html>$/, undefined],
		[400, { success: false, error: { code: 'VALIDATION_ERROR', message: 'Bad', details: ['first', { field: 'x' }] } }, /^HearLink rejected the request \(400 VALIDATION_ERROR\): Bad$/, /^first; \{"field":"x"\}/],
	])('%i %j', (status, body, message, description) => {
		const text = describeHearLinkError(status, body);
		expect(text.message).toMatch(message);
		if (description) expect(text.description).toMatch(description);
		else expect(text.description).toBeUndefined();
	});
});

describe('"By Name / By ID" resource locators', () => {
	const group = { key: 'referral', label: 'Referral', nameHint: 'n', namePlaceholder: 'e.g. Facebook', idHint: 'i' };
	const schema = idOrNameSchema(group);
	const optional = idOrNameSchema({ ...group, key: 'secondaryStatus', label: 'Secondary Status', optional: true });
	const issue = (result: ReturnType<typeof schema.safeParse>) => (result.success ? undefined : result.error.issues[0].message);

	it('offer By Name (the default) and By ID, each with its hint, and nothing to list', () => {
		const field = idOrNameField(group);
		expect(field).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'name', value: '' } });
		expect(field.modes?.map((mode) => [mode.name, mode.displayName, mode.hint])).toEqual([
			['name', 'By Name', 'n'],
			['id', 'By ID', 'i'],
		]);
		expect(idOrNameField({ ...group, optional: true }).required).toBe(false);
	});

	it('turn the chosen mode into the one body field', () => {
		expect(schema.parse({ mode: 'name', value: ' Facebook ' })).toEqual({ referralName: 'Facebook' });
		expect(schema.parse({ mode: 'id', value: 42 })).toEqual({ referralId: '42' });
		expect(optional.parse({ mode: 'name', value: '' })).toEqual({});
		expect(optional.parse({ mode: 'id', value: '  ' })).toEqual({});
	});

	it('refuse a required group left empty, in either mode', () => {
		for (const mode of ['name', 'id']) {
			expect(issue(schema.safeParse({ mode, value: '' }))).toBe('Referral is required: give its name (By Name) or its ID (By ID)');
		}
	});

	it('refuse a mode HearLink does not take (a From List or By URL value copied from another node)', () => {
		for (const mode of ['list', 'url']) {
			expect(issue(schema.safeParse({ mode, value: 'abc' }))).toBe('Referral: choose By Name or By ID (HearLink has no list to choose from)');
		}
	});
});

describe('appointment times in UK practice time', () => {
	it.each([
		['a winter time from the date picker (GMT)', '2026-01-15T09:00:00', { date: '2026-01-15', time: '09:00' }],
		['a summer time from the date picker (BST)', '2026-07-15T09:00:00', { date: '2026-07-15', time: '09:00' }],
		['a winter instant in UTC', '2026-01-15T09:00:00Z', { date: '2026-01-15', time: '09:00' }],
		['a summer instant in UTC (an hour later in BST)', '2026-07-15T08:00:00.000Z', { date: '2026-07-15', time: '09:00' }],
		['a summer instant that is the next day in the UK', '2026-07-15T23:30:00Z', { date: '2026-07-16', time: '00:30' }],
		['an instant with another offset', '2026-07-15T10:15:00+02:00', { date: '2026-07-15', time: '09:15' }],
		['the first minute of BST (29 March 2026, 01:00 GMT)', '2026-03-29T01:00:00Z', { date: '2026-03-29', time: '02:00' }],
		['the last minute of BST (25 October 2026, 00:59 GMT)', '2026-10-25T00:59:00Z', { date: '2026-10-25', time: '01:59' }],
		['seconds (dropped)', '2026-05-12T09:30:45', { date: '2026-05-12', time: '09:30' }],
	])('%s', (_case, value, expected) => {
		expect(ukPracticeTime(value)).toEqual(expected);
	});

	it('refuse what is not a date and time', () => {
		for (const value of ['2026-05-12', '09:00', '2026-02-30T09:00:00', 'tomorrow', '2026-05-12T25:00:00']) {
			expect(ukPracticeTime(value)).toBeUndefined();
		}
	});

	it('read a Date or a Luxon DateTime (from an expression) as its ISO text', () => {
		expect(dateTimeText(new Date('2026-07-15T08:00:00Z'))).toBe('2026-07-15T08:00:00.000Z');
		// n8n's expressions hand over Luxon DateTimes ($now, $today): anything with toISO().
		expect(dateTimeText({ toISO: () => '2026-07-15T09:00:00.000+01:00' })).toBe('2026-07-15T09:00:00.000+01:00');
		expect(dateTimeText(' 2026-07-15T09:00 ')).toBe('2026-07-15T09:00');
		expect(dateTimeText(new Date('nonsense'))).toBeUndefined();
	});
});

describe('node descriptions', () => {
	it('offer the 18 documented events and the portal’s test event, each once', () => {
		const entities = ['patient', 'appointment', 'invoice', 'transaction', 'credit_note', 'hearing_test'];
		const expected = entities.flatMap((entity) => ['created', 'updated', 'deleted'].map((action) => `${entity}.${action}`));
		expect([...HEARLINK_SUBSCRIBABLE_EVENTS].sort()).toEqual(expected.sort());
		const values = HEARLINK_EVENT_OPTIONS.map((option) => option.value);
		expect([...values].sort()).toEqual([...expected, 'webhook.test'].sort());
		expect(new Set(HEARLINK_EVENT_OPTIONS.map((option) => option.name)).size).toBe(19);
	});

	it('make the action node a tool and keep the trigger out of tools', () => {
		expect(new HearLink().description).toMatchObject({ name: 'hearLink', usableAsTool: true });
		const trigger = new HearLinkTrigger().description;
		expect(trigger).toMatchObject({ name: 'hearLinkTrigger', inputs: [] });
		expect(trigger.usableAsTool).toBeUndefined();
	});

	it('offer exactly HearLink’s five operations', () => {
		const properties = new HearLink().description.properties;
		const pickers = properties.filter((property) => property.name === 'operation');
		const operations = pickers.flatMap((picker) =>
			(picker.options as unknown as IDataObject[]).map((option) => `${(picker.displayOptions?.show?.resource as string[])[0]}:${String(option.value)}`),
		);
		expect(operations.sort()).toEqual(['appointment:create', 'appointment:get', 'invoice:get', 'patient:create', 'patient:get']);
	});

	const properties = new HearLink().description.properties;
	const fieldsOf = (resource: string, operation: string) =>
		properties.filter((property) => {
			const show = property.displayOptions?.show;
			return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
		});
	const field = (resource: string, operation: string, name: string) => fieldsOf(resource, operation).find((property) => property.name === name);

	it('name every action in n8n’s words: sentence case, no articles', () => {
		const actions = properties
			.filter((property) => property.name === 'operation')
			.flatMap((picker) => (picker.options as unknown as IDataObject[]).map((option) => option.action));
		expect(actions.sort()).toEqual(['Create appointment', 'Create patient', 'Get appointment', 'Get invoice', 'Get patient']);
	});

	it.each([
		['patient', 'get', 'patientId'],
		['appointment', 'get', 'appointmentId'],
		['invoice', 'get', 'invoiceId'],
		['appointment', 'create', 'patientId'],
		['appointment', 'create', 'appointmentTypeId'],
		['appointment', 'create', 'clinicId'],
		['appointment', 'create', 'assigneeId'],
	])('%s %s: %s is By ID only (HearLink has nothing to list), with a hint saying where HearLink gives it', (resource, operation, name) => {
		const locator = field(resource, operation, name);
		expect(locator).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'id', value: '' } });
		expect(locator?.modes?.map((mode) => mode.name)).toEqual(['id']);
		expect(locator?.modes?.[0].hint).toMatch(/HearLink|Get/);
		expect(locator?.modes?.[0].placeholder).toMatch(/^e\.g\. /);
	});

	it('Patient → Create: referral, primary clinic and status are By Name / By ID locators; secondary status may stay empty', () => {
		const locators = fieldsOf('patient', 'create').filter((property) => property.type === 'resourceLocator');
		expect(locators.map((locator) => [locator.name, locator.required])).toEqual([
			['referral', true],
			['primaryClinic', true],
			['status', true],
			['secondaryStatus', false],
		]);
		const additional = field('patient', 'create', 'additionalFields')?.options as Array<{ name: string; type: string; placeholder?: string }>;
		// A date of birth is a date, not a date-time.
		expect(additional.find((option) => option.name === 'dob')).toMatchObject({ type: 'string', placeholder: 'e.g. 1985-12-10' });
	});

	it('Appointment → Create: Start and End are date-time fields; the referral is an optional By ID locator', () => {
		expect(field('appointment', 'create', 'start')).toMatchObject({ type: 'dateTime', required: true });
		expect(field('appointment', 'create', 'end')).toMatchObject({ type: 'dateTime', required: true });
		expect(field('appointment', 'create', 'date')).toBeUndefined();
		const additional = field('appointment', 'create', 'additionalFields')?.options as Array<{ name: string; type: string; required?: boolean }>;
		expect(additional.find((option) => option.name === 'referralId')).toMatchObject({ type: 'resourceLocator', required: false });
	});

	it('use n8n’s Simplify wording and "e.g." placeholders', () => {
		const simplify = properties.filter((property) => property.name === 'simplify');
		expect(simplify).toHaveLength(5);
		for (const property of simplify) {
			expect(property).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true, description: 'Whether to return a simplified version of the response instead of the raw data' });
		}
		const placeholders = JSON.stringify(properties)
			.match(/"placeholder":"[^"]*"/g)!
			.map((entry) => entry.slice(15, -1))
			.filter((placeholder) => !placeholder.startsWith('Add ') && placeholder !== 'name@email.com');
		expect(placeholders.filter((placeholder) => !placeholder.startsWith('e.g. '))).toEqual([]);
	});
});
