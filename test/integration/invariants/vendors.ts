import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject } from 'n8n-workflow';

import { HealthieApi } from '../../../credentials/HealthieApi.credentials';
import { HearLinkApi } from '../../../credentials/HearLinkApi.credentials';
import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { RxScaleApi } from '../../../credentials/RxScaleApi.credentials';
import type { RecordedRequest } from '../../support/fakeVendor';

/**
 * The four vendors as the invariant suites see them: credentials pointing at an API root (each
 * with a path, so that an escape from the path is as visible as one to another host), and a fake
 * vendor's plausible answer to any request, shaped like the vendor's own, whose string values
 * come from `value()` (plain ids for a baseline run, hostile or secret-bearing text otherwise).
 */

export type VendorKey = 'hero' | 'hearLink' | 'healthie' | 'rxScale';

export interface Secrets {
	apiKey: string;
	/** The credential's webhook signing secret (HearLink, RxScale). */
	signingSecret: string;
}

export const PLAIN_SECRETS: Secrets = { apiKey: 'plain-api-key-0001', signingSecret: 'plain-signing-secret-0001' };

export interface VendorSetup {
	key: VendorKey;
	name: string;
	credentialType: ICredentialType;
	/** The API root the credentials below point at; every request must stay below it. */
	baseUrl: string;
	credentials(secrets: Secrets): ICredentialDataDecryptedObject;
	/** Which credential values are secrets. */
	secretsOf(secrets: Secrets): string[];
	/** A 200 answer of the vendor's shape for `request`. */
	answer(request: RecordedRequest, value: () => string): unknown;
}

/** The path of `url` below `baseUrl` ('' when it is not below it). */
export function pathBelow(url: string, baseUrl: string): string {
	return url.startsWith(baseUrl) ? url.slice(baseUrl.length).split('?')[0] : '';
}

const HERO_BASE = 'https://api.example.test/hero-base';

export const hero: VendorSetup = {
	key: 'hero',
	name: 'Hero Health',
	credentialType: new HeroHealthApi(),
	baseUrl: HERO_BASE,
	credentials: (secrets) => ({ apiKey: secrets.apiKey, practiceGroupId: '1234', environment: 'custom', baseUrl: `${HERO_BASE}/` }),
	secretsOf: (secrets) => [secrets.apiKey],
	answer(request, value) {
		const path = pathBelow(request.url, HERO_BASE);
		const record = () => ({ id: value(), name: value(), start_time: '2030-03-04T09:00:00Z', note: value() });
		if (request.method === 'GET' && /^\/v1\/(appointment_types|locations|slots|webhooks)\/?$/.test(path)) {
			return { data: [record(), record()], count: 2 };
		}
		if (path === '/v1/slots/count') return { count: 3 };
		if (path === '/v1/access_token') return { access_token: value() };
		if (path === '/v1/patients/register_pds') return { patient_id: value(), login_url: '' };
		return record();
	},
};

const HEARLINK_BASE = 'https://app.hearlink.co.uk/api';

export const hearLink: VendorSetup = {
	key: 'hearLink',
	name: 'HearLink',
	credentialType: new HearLinkApi(),
	baseUrl: HEARLINK_BASE,
	credentials: (secrets) => ({ apiKey: secrets.apiKey, environment: 'production', webhookSigningSecret: secrets.signingSecret }),
	secretsOf: (secrets) => [secrets.apiKey, secrets.signingSecret],
	answer: (_request, value) => ({ success: true, data: { uid: value(), patientUid: value(), id: value(), name: value() } }),
};

const HEALTHIE_BASE = 'https://api.gethealthie.com/graphql';

export const healthie: VendorSetup = {
	key: 'healthie',
	name: 'Healthie',
	credentialType: new HealthieApi(),
	baseUrl: HEALTHIE_BASE,
	credentials: (secrets) => ({ apiKey: secrets.apiKey, environment: 'production', apiVersion: '2026-01-01', authorizationShard: '' }),
	secretsOf: (secrets) => [secrets.apiKey],
	answer(request, value) {
		const query = String((request.body as { query?: unknown } | undefined)?.query ?? '');
		const record = () => ({ id: value(), first_name: value(), email: value(), notes: value() });
		if (query.includes('n8nListWebhooks')) {
			return query.includes('nodes {')
				? { data: { webhooks: { nodes: [], page_info: { has_next_page: false, end_cursor: null } } } }
				: { data: { webhooks: [] } };
		}
		if (query.includes('n8nCreateWebhook')) {
			return { data: { createWebhook: { webhook: { id: value(), signature_secret: value() }, messages: [] } } };
		}
		if (query.includes('n8nDeleteWebhook')) return { data: { deleteWebhook: { webhook: { id: value() }, messages: [] } } };
		// Every root field the node's documents ask for; a custom query gets them all as its data.
		return {
			data: {
				user: record(),
				appointment: record(),
				formAnswerGroup: record(),
				createClient: { user: record(), messages: [] },
				updateClient: { user: record(), messages: [] },
				createAppointment: { appointment: record(), messages: [] },
			},
		};
	},
};

const RXSCALE_BASE = 'https://rx.example.test/rx-base';

export const rxScale: VendorSetup = {
	key: 'rxScale',
	name: 'RxScale',
	credentialType: new RxScaleApi(),
	baseUrl: RXSCALE_BASE,
	credentials: (secrets) => ({
		apiKey: secrets.apiKey,
		environment: 'custom',
		baseUrl: RXSCALE_BASE,
		webhookSigningSecret: secrets.signingSecret,
	}),
	secretsOf: (secrets) => [secrets.apiKey, secrets.signingSecret],
	answer(request, value) {
		const path = pathBelow(request.url, RXSCALE_BASE);
		if (path === '/v1/management/notification-subscriptions/') {
			if (request.method === 'GET') return [{ uid: value(), notification_type: 'pharmacy_order_created', target: value() }];
			if (request.method === 'POST') {
				const body = (request.body ?? {}) as IDataObject;
				return { uid: value(), notification_type: body.notification_type, target: body.target, signing_secret: value() };
			}
			return {};
		}
		if (path === '/v1/management/notification-subscriptions/test') return { delivered: true, note: value() };
		if (path === '/v1/management/orders') return { orders: [{ uid: value() }, { uid: value() }], totalPages: 1 };
		return { uid: value(), status: value() };
	},
};

export const VENDORS: Record<VendorKey, VendorSetup> = { hero, hearLink, healthie, rxScale };

/** `value()` for a baseline run: distinct, ordinary ids. */
export function plainValues(): () => string {
	let next = 0;
	return () => `value-${++next}`;
}

/** `value()` that cycles through `values` (hostile strings, or texts carrying secrets). */
export function cycling(values: readonly string[]): () => string {
	let next = 0;
	return () => values[next++ % values.length];
}
