import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { collection, compact } from '../../../shared/actions';
import { optionalField, parseInput } from '../../../shared/validation';
import { heroDate } from '../../dates';
import { SLOT_QUERY_PARAMETERS } from '../../inferredEndpoints';
import { appointmentTypeField, locatedId, locationField, practitionerField } from '../common';

/**
 * The slot filters List Slots and Count Slots share (docs/vendors/hero-health.md#slot-list-parameters).
 * The dates are calendar days in the UK, sent as `YYYY-MM-DD`: the window runs from the start of
 * Start Date to the end of End Date.
 */

export const slotFilterFields: INodeProperties = collection('filters', [
	appointmentTypeField({ required: false, description: 'Only slots for this appointment type' }),
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Only slots up to the end of this day (UK date; a time given is ignored)',
	},
	locationField({ required: false, description: 'Only slots at this location' }),
	practitionerField({ required: false, description: 'Only slots with this practitioner' }),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'Only slots from the start of this day (UK date; a time given is ignored)',
	},
]);

const filterSchema = z
	.object({
		appointmentTypeId: optionalField(z.string().trim()),
		locationId: optionalField(z.string().trim()),
		practitionerId: optionalField(z.string().trim()),
		startDate: optionalField(heroDate('Start Date')),
		endDate: optionalField(heroDate('End Date')),
	})
	.refine((range) => !range.startDate || !range.endDate || range.startDate <= range.endDate, {
		message: 'Start Date must not be after End Date',
		path: ['endDate'],
	});

/** The checked filters as Hero's query parameters (names in `SLOT_QUERY_PARAMETERS`). */
export function slotQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const given = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters = parseInput(
		context.getNode(),
		filterSchema,
		{
			...given,
			appointmentTypeId: locatedId(context, 'filters.appointmentTypeId', itemIndex),
			locationId: locatedId(context, 'filters.locationId', itemIndex),
			practitionerId: locatedId(context, 'filters.practitionerId', itemIndex),
		},
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
