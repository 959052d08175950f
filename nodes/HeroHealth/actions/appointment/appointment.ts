import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { collection, compact } from '../../../shared/actions';
import type { VendorRequest } from '../../../shared/http';
import { parseInput, requiredText, wholeNumber } from '../../../shared/validation';
import { heroDateTime } from '../../dates';
import type { InferredEndpoint } from '../../inferredEndpoints';
import { inferredPathHint } from '../../inferredEndpoints';
import { permissionHint } from '../../transport';
import { locatedId, practitionerField, requestForId } from '../common';

/** What the appointment operations share: the time fields, their checks, and the request by ID. */

export const startTimeField: INodeProperties = {
	displayName: 'Start Time',
	name: 'startTime',
	type: 'dateTime',
	required: true,
	default: '',
	description:
		'When the appointment starts, in UK time (GMT or BST, as the practice clock shows), or a date and time with its zone, e.g. the start_time of a slot',
};

export const durationField: INodeProperties = {
	displayName: 'Duration (Minutes)',
	name: 'duration',
	type: 'number',
	typeOptions: { minValue: 1 },
	required: true,
	default: 10,
};

export const practitionerIdField: INodeProperties = practitionerField();

export const suppressMailOption: INodeProperties = {
	displayName: 'Suppress Mail',
	name: 'suppress_mail',
	type: 'boolean',
	default: false,
	description: 'Whether to stop Hero emailing the patient about this change',
};

export const skipAvailabilityOption: INodeProperties = {
	displayName: 'Skip Availability Check',
	name: 'suppress_availability_check',
	type: 'boolean',
	default: false,
	description: "Whether to book even if Hero's calendar shows the time as taken",
};

/** Start Time, Duration and Practitioner ID, plus the options that come with moving an appointment. */
export function timingFields(): INodeProperties[] {
	return [
		startTimeField,
		durationField,
		practitionerIdField,
		collection('options', [skipAvailabilityOption, suppressMailOption]),
	];
}

export const timingSchema = z.object({
	start_time: heroDateTime('Start Time'),
	duration: wholeNumber('Duration (minutes)', 1),
	practitioner_id: requiredText('Practitioner ID'),
});

/** The checked body of `timingFields()`: `start_time`, `duration`, `practitioner_id` and the options. */
export function timingBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const timing = parseInput(
		context.getNode(),
		timingSchema,
		{
			start_time: context.getNodeParameter('startTime', itemIndex),
			duration: context.getNodeParameter('duration', itemIndex),
			practitioner_id: locatedId(context, 'practitionerId', itemIndex),
		},
		itemIndex,
	);
	return compact({ ...timing, ...(context.getNodeParameter('options', itemIndex, {}) as IDataObject) });
}

/** A request about one appointment, by the `appointmentId` parameter. */
export async function appointmentRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	request: (id: string) => Omit<VendorRequest, 'itemIndex' | 'permissionHint' | 'notFoundHint'>,
	inferred?: InferredEndpoint,
) {
	return await requestForId(context, itemIndex, { name: 'appointmentId', label: 'Appointment ID' }, (id) => ({
		...request(id),
		permissionHint: permissionHint('Booking'),
		notFoundHint: [
			`Hero has no appointment with ID ${id} in this practice group.`,
			inferred ? inferredPathHint(inferred) : '',
		].join(' ').trim(),
	}));
}
