import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { APPOINTMENTS, readCollection } from '../../collections';
import { healthieDateTime, timeZoneFor } from '../../time';
import { APPOINTMENT_TYPE_LOCATOR, locatorField, locatorValue, PATIENT_LOCATOR, PROVIDER_LOCATOR } from '../locators';
import { timeZoneField } from './fields';

/** Pages of 25: the appointment selection times the page size stays well inside Healthie's complexity limit of 2000. */
export const APPOINTMENT_PAGE_SIZE = 25;

/** The `filter` values Healthie documents, and the sort orders offered. */
const WHEN = new Map([
	['future', 'future'],
	['past', 'past'],
	['ended', 'ended'],
	['didnt-occur', 'didnt-occur'],
]);
const ORDER = new Map([
	['DATE_ASC', 'DATE_ASC'],
	['DATE_DESC', 'DATE_DESC'],
]);

export const getManyAppointments: Operation = {
	resource: 'appointment',
	operation: 'getAll',
	name: 'Get Many',
	description: "List appointments of the organisation's providers, by patient, provider, type, dates or status",
	action: 'Get many appointments',
	fields: [
		...returnAllFields(),
		collection('filters', [
			locatorField('Appointment Type', 'appointmentTypeId', APPOINTMENT_TYPE_LOCATOR, { required: false }),
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only appointments up to this date and time (give Start Date too; Healthie needs both)',
			},
			locatorField('Patient', 'patientId', PATIENT_LOCATOR, { required: false }),
			locatorField('Provider', 'providerId', PROVIDER_LOCATOR, { required: false }),
			{
				displayName: 'Search',
				name: 'keywords',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lovelace',
				description: "Healthie's keyword search over appointments (e.g. the patient's name)",
			},
			{
				displayName: 'Sort',
				name: 'order',
				type: 'options',
				default: 'DATE_ASC',
				options: [
					{ name: 'Earliest First', value: 'DATE_ASC' },
					{ name: 'Latest First', value: 'DATE_DESC' },
				],
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only appointments from this date and time (give End Date too; Healthie needs both)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active Only', value: 'active', description: 'Not deleted, cancelled, rescheduled or no-show' },
					{ name: 'Any Status', value: 'all', description: 'Cancelled, rescheduled and no-show appointments too' },
				],
			},
			{
				displayName: 'Time',
				name: 'when',
				type: 'options',
				default: 'future',
				options: [
					{ name: 'Upcoming', value: 'future' },
					{ name: 'Past', value: 'past' },
					{ name: 'Ended', value: 'ended' },
					{ name: 'Did Not Occur', value: 'didnt-occur' },
				],
				description: "Healthie's own time filter; without it Healthie chooses (upcoming, in older API versions)",
			},
			timeZoneField('Start Date and End Date'),
		]),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { returnAll, limit } = listWanted(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined);
		const given = (value: unknown) => text(value) !== undefined || (value !== null && typeof value === 'object');
		if (given(filters.startDate) !== given(filters.endDate)) {
			throw new NodeOperationError(this.getNode(), 'Start Date and End Date go together: give both, or neither', {
				itemIndex,
				description: 'Nothing was sent. Healthie filters appointments by a date range only with both ends.',
			});
		}
		let range: IDataObject = {};
		if (given(filters.startDate)) {
			const zone = timeZoneFor(this, filters.timeZone, itemIndex);
			range = {
				startDate: healthieDateTime(this, 'Start Date', filters.startDate, zone, itemIndex),
				endDate: healthieDateTime(this, 'End Date', filters.endDate, zone, itemIndex),
			};
			if (Date.parse(range.startDate as string) > Date.parse(range.endDate as string)) {
				throw new NodeOperationError(this.getNode(), 'Start Date must not be after End Date', { itemIndex, description: 'Nothing was sent.' });
			}
		}
		return await readCollection.call(this, APPOINTMENTS, {
			filters: {
				is_org: true,
				keywords: text(filters.keywords),
				user_id: text(locatorValue(filters.patientId)),
				provider_id: text(locatorValue(filters.providerId)),
				filter_by_appointment_type_id: text(locatorValue(filters.appointmentTypeId)),
				filter: WHEN.get(String(filters.when ?? '')),
				...range,
				is_active: filters.status === 'active' ? true : undefined,
				with_all_statuses: filters.status === 'all' ? true : undefined,
				order_by: ORDER.get(String(filters.order ?? 'DATE_ASC')),
			},
			pageSize: APPOINTMENT_PAGE_SIZE,
			limit: returnAll ? undefined : limit,
			itemIndex,
		});
	},
};
