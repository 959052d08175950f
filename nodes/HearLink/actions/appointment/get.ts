import { getOperation } from '../common';

export const appointmentGet = getOperation({ resource: 'appointment', noun: 'appointment', path: '/appointments' });
