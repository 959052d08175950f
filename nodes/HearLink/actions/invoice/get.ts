import { getOperation } from '../common';

export const invoiceGet = getOperation({
	resource: 'invoice',
	noun: 'invoice',
	path: '/invoices',
	hint: 'HearLink gives it as "uid" in the HearLink Trigger\'s invoice events, and as "orderUid" in its transaction and credit note events',
});
