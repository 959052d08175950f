import { getOperation } from '../common';

export const invoiceGet = getOperation({ resource: 'invoice', noun: 'invoice', path: '/invoices' });
