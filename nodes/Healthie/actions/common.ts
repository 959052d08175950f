import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

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

/** Drops keys whose value is undefined, null or '', so that Healthie keeps what it has. */
export function compact(input: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(input).filter(([, value]) => value !== undefined && value !== null && value !== ''),
	);
}
