import type { IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { Healthie } from '../../../nodes/Healthie/Healthie.node';
import { HearLink } from '../../../nodes/HearLink/HearLink.node';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { RxScale } from '../../../nodes/RxScale/RxScale.node';
import type { VendorSetup } from './vendors';
import { healthie, hearLink, hero, rxScale } from './vendors';

/**
 * One valid set of parameters for every operation of every action node, taken from the
 * integration and e2e tests that exercise them (test/integration/*Actions*, test/e2e/*.e2e.test.ts).
 * The invariant suites start from these and change one thing. `operationsOf` reads the node's own
 * Operation pickers, so an operation added without an entry here fails the coverage test.
 */

export interface CatalogueEntry {
	/** Without `resource` and `operation`, which come from the key. */
	parameters: IDataObject;
}

export interface ActionSubject {
	vendor: VendorSetup;
	node: INodeType;
	/** `resource:operation` → valid parameters. */
	catalogue: Record<string, CatalogueEntry>;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const heroTiming = { startTime: '2030-03-04T10:00:00Z', duration: 15, practitionerId: '32', options: { suppress_mail: true } };
const heroSlotFilters = {
	appointmentTypeId: '2',
	locationId: '5',
	practitionerId: '32',
	startDate: '2030-03-05',
	endDate: '2030-03-06',
};

export const heroActions: ActionSubject = {
	vendor: hero,
	node: new HeroHealth(),
	catalogue: {
		'appointment:reserve': {
			parameters: {
				appointmentTypeId: '2',
				locationId: '5',
				practitionerId: '32',
				startTime: '2030-03-04T09:00:00Z',
				duration: 15,
				patientId: '501',
				additionalFields: { reason: 'Flu jab', billpayer_id: '77' },
			},
		},
		'appointment:confirm': { parameters: { appointmentId: '1001' } },
		'appointment:get': { parameters: { appointmentId: '1001' } },
		'appointment:update': { parameters: { appointmentId: '1001', ...heroTiming } },
		'appointment:reschedule': { parameters: { appointmentId: '1001', ...heroTiming } },
		'appointment:cancel': { parameters: { appointmentId: '1001', options: { suppress_cancellation_policy: true } } },
		'appointmentType:getAll': { parameters: { returnAll: true, filters: { locationIds: '6, 7', hasAvailability: true } } },
		'batchMessage:create': {
			parameters: {
				name: 'Flu clinic',
				channel: 'EMAIL',
				subject: 'Flu clinic',
				content: 'Flu clinic on Saturday: reply YES to book',
				recipientsInput: 'fields',
				recipients: { recipient: [{ nhs_number: '943 476 5919', dob: '1985-12-10' }] },
			},
		},
		'batchMessage:get': { parameters: { batchId: 'b-1' } },
		'batchMessage:send': { parameters: { batchId: 'b-1' } },
		'elements:createAccessToken': { parameters: {} },
		'link:createBookingLink': {
			parameters: {
				appointmentTypeId: '2',
				locationId: '5',
				additionalFields: {
					patient_id: '501',
					practitioner_id: '32',
					from_date: '2030-03-04',
					to_date: '2030-03-08',
					expiry_date: inDays(14),
					maximum_use_count: 1,
				},
			},
		},
		'link:createAttachmentLink': {
			parameters: { patientId: '501', fileSource: 'ehrFile', ehrFileId: 'F-889', expiryDate: inDays(7), maximumUseCount: 3 },
		},
		'location:getAll': { parameters: { returnAll: true } },
		'message:send': {
			parameters: {
				patientId: '501',
				messageType: 'sms',
				message: 'Your flu jab is due. Reply to book.',
				recipient: '07700 900123',
				additionalFields: { short_link_id: 'sl-1', snomed_code: '1234', snomed_term: 'Flu', task_id: 't-1', attachment_uuid: 'u-1' },
			},
		},
		'patient:registerPds': {
			parameters: { traceBy: 'demographics', forename: 'Ada', surname: 'Lovelace', dob: '1985-12-10', postcode: 'LS1 4AP' },
		},
		'patient:get': { parameters: { patientId: '501' } },
		'slot:getAll': { parameters: { returnAll: false, limit: 5, filters: heroSlotFilters } },
		'slot:count': { parameters: { filters: heroSlotFilters } },
		'slot:get': { parameters: { slotId: 's-1' } },
	},
};

export const hearLinkActions: ActionSubject = {
	vendor: hearLink,
	node: new HearLink(),
	catalogue: {
		'patient:create': {
			parameters: {
				fullName: 'John Smith',
				primaryPhoneNumber: '07123456789',
				referralBy: 'name',
				referralName: 'Facebook',
				primaryClinicBy: 'name',
				primaryClinicName: 'Manchester',
				statusBy: 'name',
				statusName: 'Patient Created',
				secondaryStatusBy: 'name',
				secondaryStatusName: 'Awaiting Call',
				trackingProvider: 'facebook',
				trackingDetails: { ids: { id: [{ key: 'gclid', value: '123abc' }] }, utmSource: 'facebook', utmCampaign: 'spring_sale' },
				address: { line1: '1 High Street', city: 'Manchester', postcode: 'M1 1AA' },
				additionalFields: { title: 'Mr', notes: 'Prefers mornings', gender: 'male' },
			},
		},
		'patient:get': { parameters: { patientId: 'p-1' } },
		'appointment:create': {
			parameters: {
				patientId: 'p-1',
				appointmentTypeId: 'at-1',
				clinicId: 'c-1',
				assigneeId: 'u-1',
				date: '2026-05-12',
				start: '09:00',
				end: '09:45',
				location: 'clinic',
				sendConfirmation: true,
				additionalFields: { additionalNote: 'Bring current hearing aids', referralId: 'r-1' },
			},
		},
		'appointment:get': { parameters: { appointmentId: 'a-1' } },
		'invoice:get': { parameters: { invoiceId: 'i-1' } },
	},
};

export const healthieActions: ActionSubject = {
	vendor: healthie,
	node: new Healthie(),
	catalogue: {
		'patient:create': {
			parameters: {
				firstName: 'Grace',
				lastName: 'Hopper',
				email: 'grace@example.org',
				additionalFields: { dob: '1906-12-09', phone_number: '+15555550199', record_identifier: 'MRN-1' },
			},
		},
		'patient:get': { parameters: { patientId: '1002' } },
		'patient:update': { parameters: { patientId: '1001', updateFields: { quick_notes: 'Prefers mornings', active: false } } },
		'appointment:create': {
			parameters: {
				patientId: '1001',
				appointmentTypeId: '12',
				contactType: 'Healthie Video Call',
				start: '2026-03-01T09:30:00-05:00',
				providerId: '2001',
				additionalFields: { notes: 'First visit', appointment_location_id: 'loc-1', metadata: '{"source":"n8n"}' },
			},
		},
		'appointment:get': { parameters: { appointmentId: '3001' } },
		'formAnswerGroup:get': { parameters: { formAnswerGroupId: '4001' } },
		'customQuery:run': {
			parameters: {
				query: 'query q($id: ID) { user(id: $id, clear_notifs: false) { id email } }',
				variables: '{"id":"1001"}',
			},
		},
	},
};

export const rxScaleActions: ActionSubject = {
	vendor: rxScale,
	node: new RxScale(),
	catalogue: {
		'webhook:sendTestDelivery': {
			parameters: {
				targetUrl: 'https://clinic.example.com/hook',
				eventType: 'pharmacy_sku_stock_updated',
				additionalFields: { headerKey: 'X-Clinic-Token', headerValue: 'clinic-secret-123' },
			},
		},
		'subscription:list': { parameters: {} },
		'subscription:register': {
			parameters: {
				notificationType: 'pharmacy_order_updated',
				target: 'https://clinic.example.com/hooks/rxscale',
				additionalFields: { metaData: '{"clinic":"Berlin"}' },
			},
		},
		'subscription:remove': {
			parameters: { notificationType: 'pharmacy_order_created', target: 'https://clinic.example.com/hooks/rxscale' },
		},
		'order:get': { parameters: { orderUid: 'ord-2005' } },
		'order:search': {
			parameters: {
				returnAll: false,
				limit: 10,
				filters: { created_at_from: '2026-01-02T00:00:00', created_at_to: '2026-01-03T00:00:00Z', shop_identifier: 'hamburg-shop', search: 'ada' },
			},
		},
		'patient:get': { parameters: { patientUid: 'pat-1' } },
	},
};

export const ACTION_SUBJECTS: ActionSubject[] = [heroActions, hearLinkActions, healthieActions, rxScaleActions];

/** Every `resource:operation` the node's Operation pickers offer. */
export function operationsOf(node: INodeType): string[] {
	return node.description.properties
		.filter((property) => property.name === 'operation' && property.type === 'options')
		.flatMap((picker) => {
			const resources = (picker.displayOptions?.show?.resource ?? []) as string[];
			const values = (picker.options ?? []).map((option) => String((option as { value: unknown }).value));
			return resources.flatMap((resource) => values.map((operation) => `${resource}:${operation}`));
		});
}

/** The parameters for one run of `key` (`resource:operation`). */
export function parametersFor(subject: ActionSubject, key: string): IDataObject {
	const entry = subject.catalogue[key];
	if (!entry) throw new Error(`No catalogue entry for ${key}: add its valid parameters to test/integration/invariants/catalogue.ts`);
	const [resource, operation] = key.split(':');
	return { resource, operation, ...structuredClone(entry.parameters) };
}

export type ParameterPath = Array<string | number>;

const TEXT_TYPES = new Set(['string', 'json', 'dateTime']);

/**
 * Where a text value can go for `key`: every string, JSON or date field the node's description
 * shows for the operation, including the options of its collections and the values of its fixed
 * collections (first row), as paths into the parameters.
 */
export function textParameterPaths(subject: ActionSubject, key: string): ParameterPath[] {
	const [resource, operation] = key.split(':');
	const fields = subject.node.description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return (
			property.name !== 'resource' &&
			property.name !== 'operation' &&
			((show?.resource ?? []) as string[]).includes(resource) &&
			((show?.operation ?? []) as string[]).includes(operation)
		);
	});
	const paths = fields.flatMap((field) => pathsOf(field, []));
	const unique = new Map(paths.map((path) => [JSON.stringify(path), path]));
	return [...unique.values()];
}

function pathsOf(field: INodeProperties, prefix: ParameterPath): ParameterPath[] {
	const here = [...prefix, field.name];
	if (TEXT_TYPES.has(field.type)) return [here];
	if (field.type === 'collection') {
		return ((field.options ?? []) as INodeProperties[]).flatMap((option) => pathsOf(option, here));
	}
	if (field.type === 'fixedCollection') {
		const multiple = field.typeOptions?.multipleValues === true;
		return ((field.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
			(group.values ?? []).flatMap((value) => pathsOf(value, multiple ? [...here, group.name, 0] : [...here, group.name])),
		);
	}
	return [];
}

/** A copy of `parameters` with `value` at `path` (objects and rows made as needed). */
export function withValueAt(parameters: IDataObject, path: ParameterPath, value: unknown): IDataObject {
	const copy = structuredClone(parameters) as Record<string | number, unknown>;
	let node: Record<string | number, unknown> = copy;
	path.forEach((key, index) => {
		if (index === path.length - 1) {
			node[key] = value;
			return;
		}
		const nextIsIndex = typeof path[index + 1] === 'number';
		const existing = node[key];
		if (existing === null || typeof existing !== 'object') node[key] = nextIsIndex ? [] : {};
		node = node[key] as Record<string | number, unknown>;
	});
	return copy as IDataObject;
}
