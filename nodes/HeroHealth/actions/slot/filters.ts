import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { collection, compact } from '../../../shared/actions';
import { optionalField, parseInput } from '../../../shared/validation';
import { SLOT_QUERY_PARAMETERS } from '../../inferredEndpoints';
import { dateOrDateTime, endOf, startOf } from '../common';

/** The slot filters List Slots and Count Slots share (docs/vendors/hero-health.md#slot-list-parameters). */

export const slotFilterFields: INodeProperties = collection('filters', [
	{
		displayName: 'Appointment Type ID',
		name: 'appointmentTypeId',
		type: 'string',
		default: '',
		description: 'Only slots for this appointment type (see Appointment Type → Get Many)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'string',
		default: '',
		placeholder: '2026-03-07',
		description: 'Only slots up to this date (YYYY-MM-DD, the whole day) or date and time',
	},
	{
		displayName: 'Location ID',
		name: 'locationId',
		type: 'string',
		default: '',
		description: 'Only slots at this location (see Location → Get Many)',
	},
	{
		displayName: 'Practitioner ID',
		name: 'practitionerId',
		type: 'string',
		default: '',
		description: 'Only slots with this practitioner',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'string',
		default: '',
		placeholder: '2026-03-02',
		description: 'Only slots from this date (YYYY-MM-DD) or date and time',
	},
]);

const filterSchema = z
	.object({
		appointmentTypeId: optionalField(z.string().trim()),
		locationId: optionalField(z.string().trim()),
		practitionerId: optionalField(z.string().trim()),
		startDate: optionalField(dateOrDateTime('Start Date')),
		endDate: optionalField(dateOrDateTime('End Date')),
	})
	.refine((range) => !range.startDate || !range.endDate || startOf(range.startDate) <= endOf(range.endDate), {
		message: 'Start Date must not be after End Date',
		path: ['endDate'],
	});

/** The checked filters as Hero's query parameters (names in `SLOT_QUERY_PARAMETERS`). */
export function slotQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = parseInput(
		context.getNode(),
		filterSchema,
		context.getNodeParameter('filters', itemIndex, {}),
		itemIndex,
	);
	return compact({
		[SLOT_QUERY_PARAMETERS.appointmentTypeId]: filters.appointmentTypeId,
		[SLOT_QUERY_PARAMETERS.locationId]: filters.locationId,
		[SLOT_QUERY_PARAMETERS.practitionerId]: filters.practitionerId,
		[SLOT_QUERY_PARAMETERS.startDate]: filters.startDate,
		[SLOT_QUERY_PARAMETERS.endDate]: filters.endDate,
	});
}
