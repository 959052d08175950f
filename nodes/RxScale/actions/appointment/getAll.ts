import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { parseInput } from '../../../shared/validation';
import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS } from '../../transport';
import { dateFilter, optionalText, unixSeconds } from '../common';
import type { PagedList } from '../pages';
import { fetchRecords, givenQuery } from '../pages';

/**
 * Appointment → Get Many: `GET /scheduling/appointments` (docs/vendors/rxscale.md#scheduled-appointments),
 * the organisation's scheduled (video) appointments, paged, under `data`.
 */

export const APPOINTMENT_LIST: PagedList = { path: RXSCALE_PATHS.appointments, permission: RXSCALE_PERMISSIONS.readScheduling };

/** The statuses RxScale filters by; `all` for every one. */
export const APPOINTMENT_STATUSES = [
	{ name: 'All', value: 'all', description: 'Every status, cancelled and expired ones too' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Confirmed', value: 'confirmed', description: 'Booked' },
	{ name: 'Expired', value: 'expired', description: 'A hold that expired before it was confirmed' },
	{ name: 'Held', value: 'held', description: 'A slot reserved but not confirmed yet' },
	{ name: 'No Show', value: 'no_show', description: 'The patient did not attend' },
] as const;

const STATUS_VALUES = new Set<string>(APPOINTMENT_STATUSES.map((status) => status.value));

const input = z
	.object({
		status: z
			.string()
			.optional()
			.transform((value) => value || undefined)
			.refine((value) => value === undefined || STATUS_VALUES.has(value), {
				message: `Status must be one of ${[...STATUS_VALUES].join(', ')}`,
			}),
		from: unixSeconds('Starts From').optional(),
		to: unixSeconds('Starts To').optional(),
		doctor_uid: optionalText,
		patient_uid: optionalText,
	})
	// RxScale: "to" must be greater than "from" when both are given.
	.refine((value) => value.from === undefined || value.to === undefined || value.to > value.from, {
		message: 'Starts To must be after Starts From',
	});

export const getManyAppointments: Operation = {
	resource: 'appointment',
	operation: 'getAll',
	name: 'Get Many',
	description: "Get many scheduled appointments, filtered by status, start time, doctor or patient, one item each",
	action: 'Get many appointments',
	fields: [
		...returnAllFields(),
		collection('filters', [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'confirmed',
				options: [...APPOINTMENT_STATUSES],
				description: "Only appointments in this status. Without this filter RxScale applies its own default filter.",
			},
			dateFilter('Starts From', 'from', 'Appointments starting at or after this time'),
			dateFilter('Starts To', 'to', 'Appointments starting at or before this time'),
			{
				displayName: 'Doctor UID',
				name: 'doctor_uid',
				type: 'string',
				default: '',
				placeholder: 'e.g. doc-456',
				description: "Only this doctor's appointments (doctor_uid of an appointment)",
			},
			{
				displayName: 'Patient UID',
				name: 'patient_uid',
				type: 'string',
				default: '',
				placeholder: 'e.g. pp-abc123',
				description: "Only this patient's appointments: Patient → Get finds the UID by email; an order event carries it as data.patient_data.uid",
			},
		]),
	],
	async run(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = parseInput(this.getNode(), input, filters, itemIndex);
		const { returnAll, limit } = listWanted(this, itemIndex);
		return await fetchRecords.call(this, APPOINTMENT_LIST, givenQuery(query), returnAll ? Infinity : limit, itemIndex);
	},
};
