import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { HERO_HEALTH_OPERATIONS, HERO_HEALTH_RESOURCES } from '../../../nodes/HeroHealth/actions';
import { HERO_HEALTH_EVENTS } from '../../../nodes/HeroHealth/events';

/** The Hero Health node's description as n8n reads it, and the example workflow against it. */

const node = new HeroHealth();
const { properties } = node.description;

/** The parameters n8n resolves for a node set to this operation (defaults filled in). */
function resolvedParameters(parameters: INodeParameters): INodeParameters {
	const fakeNode = { parameters, typeVersion: 1 } as unknown as INode;
	return NodeHelpers.getNodeParameters(properties, parameters, true, false, fakeNode, node.description) ?? {};
}

describe('Hero Health node description', () => {
	it('is an action node usable as a tool, with the Hero Health credential', () => {
		expect(node.description).toMatchObject({ name: 'heroHealth', usableAsTool: true, credentials: [{ name: 'heroHealthApi', required: true }] });
	});

	it('has one operation per resource/operation pair, each under a declared resource', () => {
		const keys = HERO_HEALTH_OPERATIONS.map((operation) => `${operation.resource}:${operation.operation}`);
		expect(new Set(keys).size).toBe(keys.length);
		const resources = HERO_HEALTH_RESOURCES.map((resource) => resource.value);
		for (const operation of HERO_HEALTH_OPERATIONS) expect(resources).toContain(operation.resource);
		for (const resource of resources) expect(HERO_HEALTH_OPERATIONS.some((operation) => operation.resource === resource)).toBe(true);
	});

	it.each(HERO_HEALTH_OPERATIONS.map((operation) => [`${operation.resource} → ${operation.name}`, operation] as const))(
		'%s: n8n resolves its defaults and shows its own top-level fields',
		(_name, operation) => {
			const resolved = resolvedParameters({ resource: operation.resource, operation: operation.operation });
			expect(resolved).toMatchObject({ resource: operation.resource, operation: operation.operation });
			const shownByDefault = operation.fields.filter((field) => field.type !== 'notice' && !field.displayOptions);
			for (const field of shownByDefault) expect(resolved).toHaveProperty(field.name);
		},
	);
});

/** Every field of the node, collections' options included, with the operation it belongs to. */
function allFields(): Array<{ key: string; field: INodeProperties }> {
	return HERO_HEALTH_OPERATIONS.flatMap((operation) => {
		const key = `${operation.resource}:${operation.operation}`;
		const walk = (field: INodeProperties): Array<{ key: string; field: INodeProperties }> => [
			{ key, field },
			...(field.type === 'collection' ? ((field.options ?? []) as INodeProperties[]).flatMap(walk) : []),
		];
		return operation.fields.flatMap(walk);
	});
}

describe('Hero Health node: the editor’s n8n conventions', () => {
	const locators = allFields().filter(({ field }) => field.type === 'resourceLocator');
	const listSearch = node.methods?.listSearch ?? {};

	it('offers a From List for appointment types, locations, slots, practitioners and batch messages, each backed by a listSearch method the node has', () => {
		const byMethod = new Map<string, Set<string>>();
		for (const { field } of locators) {
			const list = field.modes?.find((mode) => mode.name === 'list');
			if (!list) continue;
			const method = String(list.typeOptions?.searchListMethod);
			expect(listSearch).toHaveProperty(method);
			byMethod.set(method, new Set([...(byMethod.get(method) ?? []), field.name]));
		}
		expect(Object.fromEntries([...byMethod].map(([method, names]) => [method, [...names].sort()]))).toEqual({
			searchAppointmentTypes: ['appointmentTypeId'],
			searchLocations: ['locationId'],
			searchSlots: ['slotId'],
			searchPractitioners: ['practitionerId', 'practitioner_id'],
			searchBatchMessages: ['batchId'],
		});
		expect(Object.keys(listSearch).sort()).toEqual([...byMethod.keys()].sort());
	});

	it('keeps By ID on every resource locator, with an "e.g." placeholder and a hint saying where the ID comes from', () => {
		expect(locators.length).toBeGreaterThan(0);
		for (const { key, field } of locators) {
			const byId = field.modes?.find((mode) => mode.name === 'id');
			expect({ key, name: field.name, placeholder: byId?.placeholder }).toEqual({ key, name: field.name, placeholder: expect.stringMatching(/^e\.g\. /) });
			expect(byId?.hint).toEqual(expect.any(String));
		}
	});

	it('has the patient and the appointment By ID only (Hero lists neither), saying where to find the ID', () => {
		for (const name of ['patientId', 'patient_id', 'appointmentId']) {
			const found = locators.filter(({ field }) => field.name === name);
			expect(found.length).toBeGreaterThan(0);
			for (const { field } of found) {
				expect(field.modes?.map((mode) => mode.name)).toEqual(['id']);
				expect(field.modes?.[0].hint).toMatch(name === 'appointmentId' ? /Reserve/ : /Trace and Register/);
			}
		}
	});

	it('uses the date picker for every date and time, and keeps dates of birth as text', () => {
		const dated = allFields()
			.filter(({ field }) => field.type === 'dateTime')
			.map(({ key, field }) => `${key} ${field.name}`)
			.sort();
		expect(dated).toEqual(
			[
				'appointment:reserve startTime',
				'appointment:update startTime',
				'appointment:reschedule startTime',
				'message:send send_at',
				'slot:getAll startDate',
				'slot:getAll endDate',
				'slot:count startDate',
				'slot:count endDate',
				'link:createAttachmentLink expiryDate',
				'link:createBookingLink expiry_date',
				'link:createBookingLink from_date',
				'link:createBookingLink to_date',
			].sort(),
		);
		const births = allFields().filter(({ field }) => field.name === 'dob');
		expect(births.length).toBeGreaterThan(0);
		for (const { field } of births) expect(field).toMatchObject({ type: 'string', placeholder: 'e.g. 1985-12-10' });
	});

	it('writes actions without articles, in sentence case, and every placeholder as "e.g. …"', () => {
		for (const operation of HERO_HEALTH_OPERATIONS) {
			expect(operation.action).not.toMatch(/\b(a|an|the)\b/i);
			expect(operation.action.slice(1)).toBe(operation.action.slice(1).replace(/\b(?!Elements\b)[A-Z]/g, (letter) => letter.toLowerCase()));
		}
		const placeholders = allFields()
			.filter(({ field }) => field.placeholder && field.type !== 'collection' && field.type !== 'fixedCollection')
			.map(({ field }) => field.placeholder);
		expect(placeholders.length).toBeGreaterThan(0);
		for (const placeholder of placeholders) expect(placeholder).toMatch(/^e\.g\. /);
	});

	it('names the list operations Get Many, with Return All and Limit', () => {
		const lists = HERO_HEALTH_OPERATIONS.filter((operation) => operation.fields.some((field) => field.name === 'returnAll'));
		expect(lists.map((operation) => `${operation.resource}:${operation.operation}`).sort()).toEqual(
			['appointmentType:getAll', 'batchMessage:getAll', 'batchMessage:getMessages', 'batchMessage:getRecipients', 'location:getAll', 'slot:getAll'].sort(),
		);
		for (const operation of lists.filter((candidate) => candidate.operation === 'getAll')) expect(operation.name).toBe('Get Many');
	});
});

describe('examples/hero-health-book-and-notify.json', () => {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../../examples/hero-health-book-and-notify.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { name: string }> }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const ours = workflow.nodes.filter((candidate) => candidate.type.startsWith('n8n-nodes-health-practice.'));

	it('uses only operations and fields the node has', () => {
		const actions = ours.filter((candidate) => candidate.type === 'n8n-nodes-health-practice.heroHealth');
		expect(actions.length).toBeGreaterThan(0);
		for (const action of actions) {
			const { resource, operation: operationName, ...fields } = action.parameters;
			const operation = HERO_HEALTH_OPERATIONS.find((candidate) => candidate.resource === resource && candidate.operation === operationName);
			expect(operation).toBeDefined();
			const known = operation!.fields.map((field) => field.name);
			expect(known).toEqual(expect.arrayContaining(Object.keys(fields)));
		}
	});

	it('uses the trigger with events it offers', () => {
		const triggers = ours.filter((candidate) => candidate.type === 'n8n-nodes-health-practice.heroHealthTrigger');
		const offered: string[] = HERO_HEALTH_EVENTS.map((event) => event.value);
		expect(triggers).toHaveLength(1);
		expect(offered).toEqual(expect.arrayContaining(triggers[0].parameters.events as string[]));
	});

	it('refers to the credential by the name "Hero Health (sandbox)" and connects only nodes it has', () => {
		for (const candidate of ours) expect(candidate.credentials).toEqual({ heroHealthApi: { id: null, name: 'Hero Health (sandbox)' } });
		const names = new Set(workflow.nodes.map((candidate) => candidate.name));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
		}
	});
});
