import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, compact, outputItem } from '../../../shared/actions';
import { pathSegment } from '../../../shared/paths';
import { resourceLocatorField } from '../../../shared/resourceLocator';
import { optionalField, parseInput, requiredText } from '../../../shared/validation';
import { heroHealthRequest, permissionHint } from '../../transport';
import { appointmentTypeField, locatedId, locationField, patientId, patientIdField } from '../common';
import { durationField, practitionerIdField, skipAvailabilityOption, startTimeField, suppressMailOption, timingSchema } from './appointment';

/**
 * `POST /v1/appointments` (docs/vendors/hero-health.md#booking): holds a slot. Hero answers
 * `{ id, reserved_until }`; the booking is made by Appointment → Confirm before that time. The time
 * is either one of Hero's free slots (its practitioner, start and length, read with
 * `GET /v1/slots/{id}`) or a practitioner and start time given here.
 */

const reservation = timingSchema.extend({
	appointment_type_id: requiredText('Appointment Type ID'),
	location_id: requiredText('Location ID'),
	patient_id: optionalField(patientId()),
	billpayer_id: optionalField(z.string().trim()),
	reason: optionalField(z.string().trim()),
	suppress_mail: z.boolean().optional(),
	suppress_availability_check: z.boolean().optional(),
});

const showFor = (timeFrom: string) => ({ show: { timeFrom: [timeFrom] } });

export const reserveAppointment: Operation = {
	resource: 'appointment',
	operation: 'reserve',
	name: 'Reserve',
	description: 'Hold a slot for a patient; confirm the booking before the "reserved_until" time in the output',
	action: 'Reserve appointment',
	fields: [
		{
			displayName:
				'A reservation holds the slot only until "reserved_until" (Hero\'s own booking pages hold 15 minutes). Book it with Appointment → Confirm before then.',
			name: 'reservationNotice',
			type: 'notice',
			default: '',
		},
		appointmentTypeField(),
		locationField(),
		{
			displayName: 'Time',
			name: 'timeFrom',
			type: 'options',
			options: [
				{
					name: 'Free Slot',
					value: 'slot',
					description: "One of Hero's free slots for the appointment type and location: its practitioner, start and length",
				},
				{
					name: 'Practitioner and Start Time',
					value: 'manual',
					description: 'A practitioner, start time and length given here',
				},
			],
			default: 'slot',
		},
		{
			...resourceLocatorField({
				displayName: 'Slot',
				name: 'slotId',
				searchMethod: 'searchSlots',
				idPlaceholder: 'e.g. 7013',
				idHint: 'The id of a slot, as Slot → Get Many outputs it',
				description: 'A free slot of the appointment type at the location, by its start in UK time',
			}),
			displayOptions: showFor('slot'),
		},
		{ ...practitionerIdField, displayOptions: showFor('manual') },
		{ ...startTimeField, displayOptions: showFor('manual') },
		{ ...durationField, displayOptions: showFor('manual') },
		patientIdField({
			required: false,
			description: 'The patient the appointment is for, by their Hero patient ID (needed to confirm it)',
		}),
		collection('additionalFields', [
			{
				displayName: 'Billpayer ID',
				name: 'billpayer_id',
				type: 'string',
				default: '',
				description: 'For a paid appointment: who pays, if not the patient',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Why the patient needs the appointment',
			},
			skipAvailabilityOption,
			suppressMailOption,
		]),
	],

	async run(itemIndex) {
		const read = (name: string) => this.getNodeParameter(name, itemIndex, '');
		const chosen = {
			appointment_type_id: locatedId(this, 'appointmentTypeId', itemIndex),
			location_id: locatedId(this, 'locationId', itemIndex),
			patient_id: locatedId(this, 'patientId', itemIndex),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		};
		const timeFrom = this.getNodeParameter('timeFrom', itemIndex, 'slot') as string;
		const timing =
			timeFrom === 'manual'
				? {
						practitioner_id: locatedId(this, 'practitionerId', itemIndex),
						start_time: read('startTime'),
						duration: read('duration'),
					}
				: undefined;
		// Everything typed is checked before any request, the slot's timing once it is read.
		if (timing) {
			parseInput(this.getNode(), reservation, { ...chosen, ...timing }, itemIndex);
		} else {
			parseInput(this.getNode(), reservation.omit({ start_time: true, duration: true, practitioner_id: true }), chosen, itemIndex);
		}
		const slotId = timing ? undefined : parseInput(this.getNode(), requiredText('Slot ID'), locatedId(this, 'slotId', itemIndex), itemIndex);
		const body = parseInput(
			this.getNode(),
			reservation,
			{ ...chosen, ...(timing ?? (await slotTiming(this, itemIndex, slotId!, chosen))) },
			itemIndex,
		);
		const answer = await heroHealthRequest.call(this, {
			method: 'POST',
			path: '/v1/appointments',
			body: compact(body as IDataObject),
			itemIndex,
			permissionHint: permissionHint('Booking'),
			notFoundHint: 'Check the appointment type, location, practitioner and patient IDs.',
		});
		return outputItem(answer, {});
	},
};

/**
 * The practitioner, start and length of slot `slotId` (`GET /v1/slots/{id}`), after checking that
 * it is a slot of the chosen appointment type and location.
 */
async function slotTiming(
	context: IExecuteFunctions,
	itemIndex: number,
	slotId: string,
	chosen: { appointment_type_id: unknown; location_id: unknown },
): Promise<IDataObject> {
	const slot = (await heroHealthRequest.call(context, {
		method: 'GET',
		path: `/v1/slots/${pathSegment(slotId, 'Slot ID')}`,
		itemIndex,
		permissionHint: permissionHint('Booking'),
		notFoundHint: `Hero has no slot with ID ${slotId}: it may have been taken. Choose another from the list.`,
	})) as IDataObject | undefined;
	const node = context.getNode();
	const field = (name: string) => (typeof slot?.[name] === 'string' || typeof slot?.[name] === 'number' ? String(slot[name]) : undefined);
	const mismatch = (name: string, wanted: unknown) => field(name) !== undefined && field(name) !== String(wanted).trim();
	if (mismatch('appointment_type_id', chosen.appointment_type_id) || mismatch('location_id', chosen.location_id)) {
		throw new NodeOperationError(
			node,
			`Slot ${slotId} is for appointment type ${field('appointment_type_id') ?? '?'} at location ${field('location_id') ?? '?'}, not the chosen appointment type ${String(chosen.appointment_type_id)} at location ${String(chosen.location_id)}`,
			{ itemIndex, description: 'Nothing was reserved. Choose a slot from the list, which shows the slots of the chosen type and location.' },
		);
	}
	const start = Date.parse(field('start_time') ?? '');
	const finish = Date.parse(field('finish_time') ?? '');
	if (!Number.isFinite(start) || !Number.isFinite(finish) || finish <= start || field('practitioner_id') === undefined) {
		throw new NodeOperationError(node, `Hero's answer for slot ${slotId} has no practitioner, start and finish time`, {
			itemIndex,
			description: 'Nothing was reserved. Set Time to "Practitioner and Start Time" and give them there.',
		});
	}
	return {
		practitioner_id: field('practitioner_id'),
		start_time: new Date(start).toISOString(),
		duration: Math.round((finish - start) / 60_000),
	};
}
