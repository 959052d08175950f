import { getOperation } from '../common';

export const patientGet = getOperation({ resource: 'patient', noun: 'patient', path: '/patients' });
