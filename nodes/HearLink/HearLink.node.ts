import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation, Resource } from '../shared/actions';
import { executeOperations, operationProperties } from '../shared/actions';
import { appointmentCreate } from './actions/appointment/create';
import { appointmentGet } from './actions/appointment/get';
import { invoiceGet } from './actions/invoice/get';
import { patientCreate } from './actions/patient/create';
import { patientGet } from './actions/patient/get';

/** HearLink's API has five operations (hearlink.md §3); there is nothing to list, search or update. */
const RESOURCES: Resource[] = [
	{ value: 'patient', name: 'Patient' },
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'invoice', name: 'Invoice' },
];

const OPERATIONS: Operation[] = [patientCreate, patientGet, appointmentCreate, appointmentGet, invoiceGet];

export class HearLink implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HearLink',
		name: 'hearLink',
		icon: { light: 'file:hearLink.svg', dark: 'file:hearLink.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create and read patients, appointments and invoices in HearLink (audiology practice management)',
		defaults: { name: 'HearLink' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'hearLinkApi', required: true }],
		properties: operationProperties(RESOURCES, OPERATIONS),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, OPERATIONS);
	}
}
