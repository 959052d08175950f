import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeParameters } from 'n8n-workflow';
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
