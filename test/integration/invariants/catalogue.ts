import type { IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { KITS } from '../../vendors';
import type { VendorSetup } from './vendors';
import { vendorSetup } from './vendors';

/**
 * One valid set of parameters for every operation of every action node: each vendor kit's
 * `invariants.catalogue` (test/vendors/<slug>.ts), taken from the integration and e2e tests that
 * exercise them. The invariant suites start from these and change one thing. `operationsOf` reads
 * the node's own Operation pickers, so an operation added without an entry fails the coverage test.
 */

export interface ActionSubject {
	vendor: VendorSetup;
	node: INodeType;
	/** `resource:operation` → valid parameters (without `resource` and `operation`, which come from the key). */
	catalogue: Record<string, IDataObject>;
	/** Operations whose text fields never reach the vendor by design, with why. */
	textNeverSent: Record<string, string>;
}

export const ACTION_SUBJECTS: ActionSubject[] = KITS.map((kit) => ({
	vendor: vendorSetup(kit),
	node: kit.action,
	catalogue: kit.invariants.catalogue,
	textNeverSent: kit.invariants.textNeverSent ?? {},
}));

/** Every `resource:operation` the node's Operation pickers offer. */
export function operationsOf(node: INodeType): string[] {
	return node.description.properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((picker) => {
			const resources = (picker.displayOptions?.show?.resource ?? []) as string[];
			const values = (picker.options ?? []).map((option) => String((option as { value: unknown }).value));
			return resources.flatMap((resource) => values.map((operation) => `${resource}:${operation}`));
		});
}

/** The parameters for one run of `key` (`resource:operation`). */
export function parametersFor(subject: ActionSubject, key: string): IDataObject {
	const entry = subject.catalogue[key];
	if (!entry) throw new Error(`No catalogue entry for ${key}: add its valid parameters to the vendor's kit (test/vendors/<slug>.ts, invariants.catalogue)`);
	const [resource, operation] = key.split(':');
	return { resource, operation, ...structuredClone(entry) };
}

export type ParameterPath = Array<string | number>;

const TEXT_TYPES = new Set(['string', 'json', 'dateTime', 'resourceLocator']);

/**
 * Where a text value can go for `key`: every string, JSON, date or resource locator field the
 * node's description shows for the operation (a resource locator given plain text reads it as
 * "By ID", as n8n does for an expression), including the options of its collections and the values
 * of its fixed collections (first row), as paths into the parameters.
 */
export function textParameterPaths(subject: ActionSubject, key: string): ParameterPath[] {
	const [resource, operation] = key.split(':');
	const fields = subject.node.description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return (
			property.name !== 'resource' &&
			property.name !== 'operation' &&
			((show?.resource ?? []) as string[]).includes(resource) &&
			((show?.operation ?? []) as string[]).includes(operation)
		);
	});
	const paths = fields.flatMap((field) => pathsOf(field, []));
	const unique = new Map(paths.map((path) => [JSON.stringify(path), path]));
	return [...unique.values()];
}

function pathsOf(field: INodeProperties, prefix: ParameterPath): ParameterPath[] {
	const here = [...prefix, field.name];
	if (TEXT_TYPES.has(field.type)) return [here];
	if (field.type === 'collection') {
		return ((field.options ?? []) as INodeProperties[]).flatMap((option) => pathsOf(option, here));
	}
	if (field.type === 'fixedCollection') {
		const multiple = field.typeOptions?.multipleValues === true;
		return ((field.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
			(group.values ?? []).flatMap((value) => pathsOf(value, multiple ? [...here, group.name, 0] : [...here, group.name])),
		);
	}
	return [];
}

/** A copy of `parameters` with `value` at `path` (objects and rows made as needed). */
export function withValueAt(parameters: IDataObject, path: ParameterPath, value: unknown): IDataObject {
	const copy = structuredClone(parameters) as Record<string | number, unknown>;
	let node: Record<string | number, unknown> = copy;
	path.forEach((key, index) => {
		if (index === path.length - 1) {
			node[key] = value;
			return;
		}
		const nextIsIndex = typeof path[index + 1] === 'number';
		const existing = node[key];
		if (existing === null || typeof existing !== 'object') node[key] = nextIsIndex ? [] : {};
		node = node[key] as Record<string | number, unknown>;
	});
	return copy as IDataObject;
}
