import type { EnvironmentUrls } from '../shared/environment';
import { pathSegment } from '../shared/paths';

/** RxScale API roots (docs/vendors/rxscale.md#hosts-and-authentication). */
export const RXSCALE_ENVIRONMENTS: EnvironmentUrls = {
	production: { name: 'Production', url: 'https://api.rxscale.com' },
	development: { name: 'Development', url: 'https://api.rxscale-dev.com' },
};

/**
 * Where the Management API lives below the API root. Two versions of RxScale's docs disagree on the
 * other API families' prefixes (docs/vendors/rxscale.md#documentation-versions); this one is the same in both, and is kept here, in
 * one place, in case it moves too.
 */
export const MANAGEMENT_API_PREFIX = '/v1/management';

/** Management API paths the nodes call (docs/vendors/rxscale.md#subscriptions; docs/vendors/rxscale.md#orders-patients-and-prescriptions). */
export const RXSCALE_PATHS = {
	/**
	 * List, register and remove share this path. The docs' headings omit the trailing slash, their
	 * curl examples have it; the curl form is used, as a slash-less request may be redirected.
	 */
	subscriptions: `${MANAGEMENT_API_PREFIX}/notification-subscriptions/`,
	testDelivery: `${MANAGEMENT_API_PREFIX}/notification-subscriptions/test`,
	orders: `${MANAGEMENT_API_PREFIX}/orders`,
	order: (uid: string) => `${MANAGEMENT_API_PREFIX}/orders/${pathSegment(uid, 'Order UID')}`,
	/** `GET` with `email`: the most recently created patient with that email. */
	patients: `${MANAGEMENT_API_PREFIX}/patients`,
	patient: (uid: string) => `${MANAGEMENT_API_PREFIX}/patients/${pathSegment(uid, 'Patient UID')}`,
	appointments: `${MANAGEMENT_API_PREFIX}/scheduling/appointments`,
	prescription: (uid: string) => `${MANAGEMENT_API_PREFIX}/prescriptions/${pathSegment(uid, 'Prescription UID')}`,
};
