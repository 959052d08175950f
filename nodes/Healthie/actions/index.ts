import type { Operation, Resource } from '../../shared/actions';
import { cancelAppointment } from './appointment/cancel';
import { createAppointment } from './appointment/create';
import { deleteAppointment } from './appointment/delete';
import { getAppointment } from './appointment/get';
import { getManyAppointments } from './appointment/getAll';
import { updateAppointment } from './appointment/update';
import { runCustomQuery } from './customQuery/run';
import { getFormAnswerGroup } from './formAnswerGroup/get';
import { createPatient } from './patient/create';
import { getPatient } from './patient/get';
import { getManyPatients } from './patient/getAll';
import { updatePatient } from './patient/update';

/** Healthie's resources and operations, in the order the node shows them (Create first, then alphabetical). */

export const HEALTHIE_RESOURCES: Resource[] = [
	{ value: 'patient', name: 'Patient', description: 'Patients (clients)' },
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'formAnswerGroup', name: 'Form Answer Group', description: 'Filled-out forms with their answers' },
	{ value: 'customQuery', name: 'Custom Query', description: 'Any query or mutation of the Healthie GraphQL API' },
];

export const HEALTHIE_OPERATIONS: Operation[] = [
	createPatient,
	getPatient,
	getManyPatients,
	updatePatient,
	createAppointment,
	cancelAppointment,
	deleteAppointment,
	getAppointment,
	getManyAppointments,
	updateAppointment,
	getFormAnswerGroup,
	runCustomQuery,
];

export { HEALTHIE_LIST_SEARCH } from './listSearch';
