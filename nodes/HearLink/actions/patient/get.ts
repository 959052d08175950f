import { getOperation } from '../common';
import { PATIENT_ID_HINT } from '../locators';

export const patientGet = getOperation({ resource: 'patient', noun: 'patient', path: '/patients', hint: PATIENT_ID_HINT });
