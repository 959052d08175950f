import { HEALTHIE_EVENT_OPTIONS, HEALTHIE_EVENTS, toDottedName, toEnumName } from '../../../nodes/Healthie/events';
import { apiShapeFor, containsMutation, describeHealthieHttpError } from '../../../nodes/Healthie/graphql';
import { WEBHOOK_EVENT_TYPES } from '../../sandbox/healthie/schema';

describe('API version shapes (docs/vendors/healthie.md#api-versions; docs/vendors/healthie.md#webhooks-list-shape)', () => {
	it.each([
		[undefined, 'dotted', ['list']],
		['2024-07-01', 'dotted', ['list', 'connection']],
		['2025-01-01', 'dotted', ['list', 'connection']],
		['2025-04-01', 'enum', ['list', 'connection']],
		['2025-10-15', 'enum', ['connection', 'list']],
		['2025-11-30', 'enum', ['connection']],
		['2026-01-01', 'enum', ['connection']],
		['2026-07-01', 'enum', ['connection']],
	])('version %s: %s event types, webhooks as %j', (version, eventTypes, webhookLists) => {
		expect(apiShapeFor(version)).toEqual({ version, eventTypes, webhookLists });
	});
});

describe('the event catalogue', () => {
	it('holds the 179 event types of docs/vendors/healthie.md#event-catalogue (the 179 values of WebhookEventType, release 2026-01-01), the same as the sandbox’s own copy', () => {
		expect(HEALTHIE_EVENTS).toHaveLength(179);
		expect([...HEALTHIE_EVENTS].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
	});

	it('maps every event to its enum name and back', () => {
		for (const event of HEALTHIE_EVENTS) expect(toDottedName(toEnumName(event))).toBe(event);
		expect(toEnumName('form_answer_group.created')).toBe('FORM_ANSWER_GROUP_CREATED');
		expect(toDottedName('appointment.created')).toBe('appointment.created');
		expect(toDottedName('SOMETHING_NEW')).toBe('something_new');
	});

	it('names every option and describes the common ones in plain words', () => {
		const byValue = new Map(HEALTHIE_EVENT_OPTIONS.map((option) => [option.value, option]));
		expect(byValue.get('form_answer_group.created')).toMatchObject({ name: 'Form Answer Group Created' });
		expect(byValue.get('form_answer_group.created')?.description).toMatch(/filled out and submitted/);
		for (const common of ['patient.created', 'appointment.updated', 'message.created', 'task.created', 'document.created', 'billing_item.created']) {
			expect(byValue.get(common)?.description).not.toMatch(/^Healthie event/);
		}
		expect(new Set(HEALTHIE_EVENT_OPTIONS.map((option) => option.name)).size).toBe(179);
	});
});

describe('GraphQL helpers', () => {
	it.each([
		['mutation n8nCreateClient($input: createClientInput!) { createClient(input: $input) { user { id } } }', true],
		['# a comment\n  mutation { deleteWebhook(input: {id: 1}) { webhook { id } } }', true],
		['query { currentUser { id } }', false],
		['{ currentUser { id } }', false],
		['query mutationLike { currentUser { id } }', false],
		// A mutation after a fragment or a query is still a mutation: never sent twice.
		['fragment F on User { id }\nmutation M { createClient(input: {}) { user { ...F } } }', true],
		['query Q { currentUser { id } }\nmutation M { deleteWebhook(input: {id: 1}) { webhook { id } } }', true],
		['query { users(keywords: "mutation {") { id } } # mutation', false],
		['query { notes(body: """a\nmutation { x }""") { id } }', false],
		// Unreadable (an unterminated string): taken for a mutation, so never sent twice.
		['query { user(id: "1) { id } }', true],
	])('containsMutation(%j) is %s', (document, expected) => {
		expect(containsMutation(document)).toBe(expected);
	});

	it('reads Healthie’s GraphQL-shaped body on an HTTP error', () => {
		const text = describeHealthieHttpError(401, { errors: [{ message: 'API Key is invalid', extensions: { code: 'UNAUTHORIZED' } }] });
		expect(text.message).toBe('Healthie refused the API key (401): check the key in the credential: API Key is invalid');
		expect(text.description).toMatch(/sandbox and production keys differ/);
		expect(describeHealthieHttpError(502, '<html>Bad gateway</html>').message).toMatch(/Healthie had an internal problem \(502\)/);
	});
});
