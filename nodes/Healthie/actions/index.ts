import type { Operation, Resource } from '../../shared/actions';
import { createAppointment } from './appointment/create';
import { getAppointment } from './appointment/get';
import { runCustomQuery } from './customQuery/run';
import { getFormAnswerGroup } from './formAnswerGroup/get';
import { createPatient } from './patient/create';
import { getPatient } from './patient/get';
import { updatePatient } from './patient/update';

/** Healthie's resources and operations, in the order the node shows them. */

export const HEALTHIE_RESOURCES: Resource[] = [
	{ value: 'patient', name: 'Patient', description: 'Patients (clients)' },
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'formAnswerGroup', name: 'Form Answer Group', description: 'Filled-out forms with their answers' },
	{ value: 'customQuery', name: 'Custom Query', description: 'Any query or mutation of the Healthie GraphQL API' },
];

export const HEALTHIE_OPERATIONS: Operation[] = [
	createPatient,
	getPatient,
	updatePatient,
	createAppointment,
	getAppointment,
	getFormAnswerGroup,
	runCustomQuery,
];
