import type { IDataObject } from 'n8n-workflow';

import { idOrNameSchema } from '../../../nodes/HearLink/actions/idOrName';
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

describe('"By ID | By Name" groups', () => {
	const schema = idOrNameSchema({ key: 'referral', label: 'Referral', nameHint: '' });
	const optional = idOrNameSchema({ key: 'secondaryStatus', label: 'Secondary Status', nameHint: '', optional: true });
	const issue = (result: ReturnType<typeof schema.safeParse>) => (result.success ? undefined : result.error.issues[0].message);

	it('turn the chosen member into the one body field', () => {
		expect(schema.parse({ by: 'name', name: ' Facebook ', id: '' })).toEqual({ referralName: 'Facebook' });
		expect(schema.parse({ by: 'id', id: 42, name: undefined })).toEqual({ referralId: '42' });
		expect(optional.parse({ by: 'none', id: '', name: '' })).toEqual({});
	});

	it('refuse both members, whichever is chosen, should parameters ever arrive unnormalised', () => {
		expect(issue(schema.safeParse({ by: 'name', name: 'Facebook', id: 'abc' }))).toBe('Referral: give either Referral ID or Referral Name, not both');
		expect(issue(schema.safeParse({ by: 'id', name: 'Facebook', id: 'abc' }))).toBe('Referral: give either Referral ID or Referral Name, not both');
	});

	it('refuse neither, and "None" with a value, and "None" for a required group', () => {
		expect(issue(schema.safeParse({ by: 'name', name: '', id: '' }))).toBe('Referral Name is required (or choose Referral "By ID")');
		expect(issue(optional.safeParse({ by: 'none', name: 'Called', id: '' }))).toMatch(/is set to "None" but a Secondary Status Name is given/);
		expect(issue(schema.safeParse({ by: 'none', name: '', id: '' }))).toBe('Referral is required: choose "By Name" or "By ID" and fill it in');
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
});
