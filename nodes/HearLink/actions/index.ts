import type { Operation, Resource } from '../../shared/actions';
import { appointmentCreate } from './appointment/create';
import { appointmentGet } from './appointment/get';
import { invoiceGet } from './invoice/get';
import { patientCreate } from './patient/create';
import { patientGet } from './patient/get';

/** HearLink's API has five operations: nothing to list, search, update or delete (docs/nodes/hearlink.md#not-shipped). */

export const HEARLINK_RESOURCES: Resource[] = [
	{ value: 'patient', name: 'Patient' },
	{ value: 'appointment', name: 'Appointment' },
	{ value: 'invoice', name: 'Invoice' },
];

export const HEARLINK_OPERATIONS: Operation[] = [patientCreate, patientGet, appointmentCreate, appointmentGet, invoiceGet];
