import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/actions';
import { collection, listWanted, returnAllFields } from '../../../shared/actions';
import { PATIENTS, readCollection } from '../../collections';
import { locatorField, locatorValue, PROVIDER_LOCATOR } from '../locators';

/** Pages of 25: the patient selection times the page size stays well inside Healthie's complexity limit of 2000. */
export const PATIENT_PAGE_SIZE = 25;

const STATUSES = new Map([
	['active', 'active'],
	['archived', 'archived'],
]);

export const getManyPatients: Operation = {
	resource: 'patient',
	operation: 'getAll',
	name: 'Get Many',
	description: 'Find patients by name, email, date of birth or record identifier',
	action: 'Get many patients',
	fields: [
		...returnAllFields(),
		collection('filters', [
			{
				displayName: 'Client Group ID',
				name: 'group_id',
				type: 'string',
				default: '',
				description: 'Only patients in this client group',
			},
			locatorField('Provider', 'provider_id', PROVIDER_LOCATOR, {
				required: false,
				description: "Only this provider's patients",
			}),
			{
				displayName: 'Search',
				name: 'keywords',
				type: 'string',
				default: '',
				placeholder: 'e.g. Lovelace',
				description: "Healthie's patient search: name, email, date of birth, record identifier and other fields",
			},
			{
				displayName: 'Status',
				name: 'active_status',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
				],
			},
		]),
	],
	async run(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const { returnAll, limit } = listWanted(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined);
		return await readCollection.call(this, PATIENTS, {
			filters: {
				keywords: text(filters.keywords),
				provider_id: text(locatorValue(filters.provider_id)),
				group_id: text(filters.group_id),
				active_status: STATUSES.get(String(filters.active_status ?? '')),
			},
			pageSize: PATIENT_PAGE_SIZE,
			limit: returnAll ? undefined : limit,
			itemIndex,
		});
	},
};
