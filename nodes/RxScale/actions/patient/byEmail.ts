import type { IAllExecuteFunctions } from 'n8n-workflow';

import { RXSCALE_PATHS } from '../../environments';
import { RXSCALE_PERMISSIONS, rxScaleRequest } from '../../transport';

/**
 * `GET /patients?email=`: the most recently created patient whose shop or order email is `email`,
 * or RxScale's 404 when there is none (docs/vendors/rxscale.md#orders-patients-and-prescriptions).
 */
export async function patientByEmail(this: IAllExecuteFunctions, email: string, itemIndex?: number): Promise<unknown> {
	return await rxScaleRequest.call(this, {
		method: 'GET',
		path: RXSCALE_PATHS.patients,
		qs: { email },
		permission: RXSCALE_PERMISSIONS.readPatients,
		itemIndex,
	});
}

/** What RxScale's patient search treats as an email (it answers 400 otherwise). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
