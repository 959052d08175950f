import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../shared/actions';
import { getByIdOperation } from '../../shared/actions';
import type { LocatorSpec } from '../../shared/resourceLocator';
import { fetchRecord } from '../records';

/** Pieces every Healthie operation uses: an ID typed or mapped in, and inputs without empty fields. */

/** A Healthie ID: text or a number from an expression, never empty. */
export const healthieId = (label: string) =>
	z
		.union([z.string(), z.number()], {
			required_error: `${label} is required`,
			invalid_type_error: `${label} must be text or a number`,
		})
		.transform((value) => String(value).trim())
		.refine((value) => value.length > 0, { message: `${label} is required` });

/** Optional text: trimmed, with empty meaning "not given". */
export const optionalText = () =>
	z
		.union([z.string(), z.number()])
		.optional()
		.transform((value) => (value === undefined ? undefined : String(value).trim() || undefined));

export interface RecordGetSpec {
	resource: string;
	description: string;
	action: string;
	/** The n8n field holding the ID, e.g. `patientId` / "Patient": a resource locator (From List / By ID). */
	idField: { name: string; displayName: string; description?: string; locator: Omit<LocatorSpec, 'displayName' | 'name' | 'description'> };
	/** The `resource_id_type` whose default selection is read (see records.ts). */
	recordType: string;
	/** Words for "Healthie has no <noun> with ID …". */
	noun: string;
}

/** A "Get" operation: one record by ID with the trigger's default selection, or a plain "not found". */
export function getRecordOperation(spec: RecordGetSpec): Operation {
	return getByIdOperation({
		resource: spec.resource,
		description: spec.description,
		action: spec.action,
		id: { ...spec.idField, schema: healthieId(`${spec.idField.displayName} ID`) },
		async fetch(id, itemIndex) {
			const record = await fetchRecord.call(this, spec.recordType, id, { itemIndex });
			if (!record) {
				throw new NodeOperationError(this.getNode(), `Healthie has no ${spec.noun} with ID ${id}`, {
					itemIndex,
					description: `Check the ID, and that the API key can see this ${spec.noun}.`,
				});
			}
			return record;
		},
	});
}
