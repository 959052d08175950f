import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Operation, Resource } from '../shared/actions';
import { executeOperations, operationProperties } from '../shared/actions';
import { createAppointment } from './actions/appointment/create';
import { getAppointment } from './actions/appointment/get';
import { runCustomQuery } from './actions/customQuery/run';
import { getFormAnswerGroup } from './actions/formAnswerGroup/get';
import { createPatient } from './actions/patient/create';
import { getPatient } from './actions/patient/get';
import { updatePatient } from './actions/patient/update';

const RESOURCES: Resource[] = [
	{ value: 'patient', name: 'Patient', description: 'Patients (clients)' },
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'formAnswerGroup', name: 'Form Answer Group', description: 'Filled-out forms with their answers' },
	{ value: 'customQuery', name: 'Custom Query', description: 'Any query or mutation of the Healthie GraphQL API' },
];

const OPERATIONS: Operation[] = [
	createPatient,
	getPatient,
	updatePatient,
	createAppointment,
	getAppointment,
	getFormAnswerGroup,
	runCustomQuery,
];

export class Healthie implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Healthie',
		name: 'healthie',
		icon: { light: 'file:healthie.svg', dark: 'file:healthie.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create and update patients, book and read appointments, read filled-out forms, or run any Healthie GraphQL query',
		defaults: { name: 'Healthie' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'healthieApi', required: true }],
		properties: operationProperties(RESOURCES, OPERATIONS),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, OPERATIONS);
	}
}
