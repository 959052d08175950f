import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, Workflow } from 'n8n-workflow';
import { request } from 'undici';

import { RxScaleApi } from '../../credentials/RxScaleApi.credentials';
import { RxScale } from '../../nodes/RxScale/RxScale.node';
import type { Sandbox } from '../sandbox';
import {
	RXSCALE_SANDBOX_READ_ONLY_KEY,
	RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY,
} from '../sandbox/rxScale';
import { ORDER_COUNT } from '../sandbox/rxScale/organisation';
import { ActionHarness, nodeTypesOf, PACKAGE } from '../support/n8nCore';
import type { HttpsDeliveryStack, TlsProxy } from '../support/tls';
import { startHttpsDeliveryStack } from '../support/tls';

/** The RxScale action node's real code in n8n-core's ExecuteContext, against the sandbox. */

let stack: HttpsDeliveryStack;
let sandbox: Sandbox;
let proxy: TlsProxy;

beforeAll(async () => {
	stack = await startHttpsDeliveryStack();
	({ sandbox, proxy } = stack);
});

afterAll(async () => await stack.stop());

beforeEach(() => sandbox.server.reset());

function rxScale(credentials: ICredentialDataDecryptedObject = {}) {
	return new ActionHarness({
		node: new RxScale(),
		credentialTypes: [new RxScaleApi()],
		credentials: { rxScaleApi: { ...sandbox.rxScale.credentials(), ...credentials } },
	});
}

async function run(parameters: IDataObject, credentials: ICredentialDataDecryptedObject = {}) {
	const [output] = await rxScale(credentials).run({ parameters });
	return output.map((item) => item.json);
}

const calls = (method?: string) => sandbox.server.requestsTo('rxScale', method ? { method } : {});

describe('Webhook → Send Test Delivery', () => {
	it('sends target_url, event_type and the custom header as RxScale documents; the header value stays out of the output', async () => {
		const target = `${proxy.url}/webhook/no-such-trigger/webhook`;
		const output = await run({
			resource: 'webhook',
			operation: 'sendTestDelivery',
			targetUrl: target,
			eventType: 'pharmacy_sku_stock_updated',
			additionalFields: { headerKey: 'X-Clinic-Token', headerValue: 'clinic-secret-123' },
		});

		const [call] = calls('POST');
		expect(call.path).toBe('/v1/management/notification-subscriptions/test');
		expect(call.body).toEqual({
			target_url: target,
			event_type: 'pharmacy_sku_stock_updated',
			header_key: 'X-Clinic-Token',
			header_value: 'clinic-secret-123',
		});
		const [delivery] = sandbox.server.deliveries.log.filter((record) => record.url === target);
		expect(delivery.attempts[0].request.headers).toMatchObject({ 'x-webhook-test': 'true', 'x-clinic-token': 'clinic-secret-123' });
		expect(output).toEqual([
			{
				sent: true,
				target_url: target,
				event_type: 'pharmacy_sku_stock_updated',
				header_key: 'X-Clinic-Token',
				response: expect.objectContaining({ success: false, status_code: 404 }),
			},
		]);
		expect(JSON.stringify(output)).not.toContain('clinic-secret-123');
	});

	it.each([
		['an http target', { targetUrl: 'http://127.0.0.1:5678/webhook/x/webhook' }, /Target URL must be an HTTPS address/],
		['no target', { targetUrl: '' }, /Target URL is required/],
		['a header name without a value', { targetUrl: 'https://example.com/hook', additionalFields: { headerKey: 'X-A' } }, /Header Name and Header Value go together/],
		['a header name with a space', { targetUrl: 'https://example.com/hook', additionalFields: { headerKey: 'X A', headerValue: 'v' } }, /Header Name may contain only/],
	])('refuses %s before any call to RxScale', async (_name, fields, message) => {
		const failure = run({ resource: 'webhook', operation: 'sendTestDelivery', eventType: 'pharmacy_order_created', ...fields });
		await expect(failure).rejects.toThrow(message);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		expect(calls()).toHaveLength(0);
	});

	it('names the permission when the key cannot send tests (403)', async () => {
		const failure = run(
			{ resource: 'webhook', operation: 'sendTestDelivery', targetUrl: 'https://example.com/hook', eventType: 'pharmacy_order_created' },
			{ apiKey: RXSCALE_SANDBOX_READ_ONLY_KEY },
		);
		await expect(failure).rejects.toThrow('RxScale refused this request (403): this API key lacks the permission "notification_subscription:write"');
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
	});
});

describe('Subscription → Create, Get Many, Delete', () => {
	const target = 'https://clinic.example.com/hooks/rxscale';
	const create = (notificationType: string, at = target) => run({ resource: 'subscription', operation: 'create', notificationType, target: at });
	const fromList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: value });

	it('creates with the documented body and never outputs the signing secret', async () => {
		const output = await run({
			resource: 'subscription',
			operation: 'create',
			notificationType: 'pharmacy_order_updated',
			target,
			additionalFields: { metaData: '{"clinic":"Berlin"}' },
		});

		expect(calls('POST')[0].body).toEqual({
			notification_type: 'pharmacy_order_updated',
			target,
			payload_version: '1',
			meta_data: { clinic: 'Berlin' },
		});
		const [created] = sandbox.rxScale.active();
		expect(output).toEqual([
			{
				uid: created.uid,
				notification_type: 'pharmacy_order_updated',
				target,
				options: 'WEBHOOK',
				payload_version: '1',
				signingSecretReturned: true,
			},
		]);
		expect(JSON.stringify(output)).not.toContain(created.signing_secret);
	});

	it('says RxScale already has it on a duplicate (409)', async () => {
		await create('pharmacy_order_created');
		await expect(create('pharmacy_order_created')).rejects.toThrow('RxScale already has this (409): Notification subscription already exists');
	});

	it.each([
		['an http target', { target: 'http://clinic.example.com/hook' }, /Target URL must be an HTTPS address/],
		['meta data that is not a JSON object', { target, additionalFields: { metaData: '[1,2]' } }, /Meta Data must be a JSON object/],
		['an unknown notification type', { target, notificationType: 'order_shipped' }, /Notification Type must be one of pharmacy_order_created/],
	])('refuses %s before any call', async (_name, fields, message) => {
		await expect(
			run({ resource: 'subscription', operation: 'create', notificationType: 'pharmacy_order_created', ...fields }),
		).rejects.toThrow(message);
		expect(calls()).toHaveLength(0);
	});

	it('gets every active subscription with Return All, one item each, and the first ones up to the Limit', async () => {
		for (const notificationType of ['pharmacy_order_created', 'patient_doctor_meeting_updated', 'pharmacy_sku_stock_updated']) {
			await create(notificationType);
		}
		const all = await run({ resource: 'subscription', operation: 'getAll', returnAll: true });
		expect(all.map((item) => item.notification_type)).toEqual(['pharmacy_order_created', 'patient_doctor_meeting_updated', 'pharmacy_sku_stock_updated']);
		expect(all.every((item) => item.target === target && !('signing_secret' in item))).toBe(true);
		expect(calls('GET')[0].path).toBe('/v1/management/notification-subscriptions/');

		const two = await run({ resource: 'subscription', operation: 'getAll', returnAll: false, limit: 2 });
		expect(two.map((item) => item.uid)).toEqual(all.slice(0, 2).map((item) => item.uid));
	});

	it('never outputs a signing secret, even where RxScale’s list carries one', async () => {
		const listed = { uid: 'sub-1', notification_type: 'pharmacy_order_created', target, signing_secret: 'whsec_listed-secret-0123456789' };
		sandbox.server.faults.inject({ vendor: 'rxScale', method: 'GET', kind: 'status', status: 200, body: [listed] });
		const output = await run({ resource: 'subscription', operation: 'getAll', returnAll: true });
		expect(output).toEqual([{ uid: 'sub-1', notification_type: 'pharmacy_order_created', target, signingSecretListed: true }]);
		expect(JSON.stringify(output)).not.toContain('whsec_listed-secret');
	});

	it('refuses a Limit below 1 before any call', async () => {
		await expect(run({ resource: 'subscription', operation: 'getAll', returnAll: false, limit: 0 })).rejects.toThrow(/Limit/);
		expect(calls()).toHaveLength(0);
	});

	it('deletes by the target and type RxScale lists for the chosen subscription (query and body), from a list choice or a plain UID, answering { deleted: true }', async () => {
		const [first] = await create('pharmacy_order_created');
		const [second] = await create('pharmacy_sku_stock_updated');
		const [other] = await create('pharmacy_order_created', 'https://other.example.com/hook');

		const output = await run({ resource: 'subscription', operation: 'delete', subscription: fromList(String(first.uid)) });
		expect(output).toEqual([{ deleted: true, uid: first.uid, target, notification_type: 'pharmacy_order_created' }]);
		const [removal] = calls('DELETE');
		expect(removal.query).toEqual({ target, notification_type: 'pharmacy_order_created' });
		expect(removal.body).toEqual({ target, notification_type: 'pharmacy_order_created' });

		const [byExpression] = await rxScale().run({
			parameters: { resource: 'subscription', operation: 'delete', subscription: '={{ $json.uid }}' },
			items: [{ uid: second.uid }],
		});
		expect(byExpression[0].json).toEqual({ deleted: true, uid: second.uid, target, notification_type: 'pharmacy_sku_stock_updated' });
		expect(sandbox.rxScale.active().map((subscription) => subscription.uid)).toEqual([other.uid]);
	});

	it('says so, and deletes nothing, when RxScale lists no such subscription', async () => {
		await create('pharmacy_order_created');
		const failure = run({ resource: 'subscription', operation: 'delete', subscription: fromList('ns-999999') });
		await expect(failure).rejects.toThrow('RxScale lists no active subscription ns-999999');
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		expect(calls('DELETE')).toHaveLength(0);
		expect(sandbox.rxScale.active()).toHaveLength(1);
	});

	it('refuses an empty choice before any call', async () => {
		await expect(run({ resource: 'subscription', operation: 'delete', subscription: fromList('') })).rejects.toThrow('Subscription is required');
		expect(calls()).toHaveLength(0);
	});

	it('names the read permission when the key cannot list (403)', async () => {
		sandbox.rxScale.keys.set('no-permissions-key', []);
		await expect(run({ resource: 'subscription', operation: 'getAll', returnAll: true }, { apiKey: 'no-permissions-key' })).rejects.toThrow(
			'this API key lacks the permission "notification_subscription:read"',
		);
	});
});

describe('Order → Get, Get Many', () => {
	it('gets an order chosen from the list, or by a plain UID', async () => {
		const output = await run({ resource: 'order', operation: 'get', orderUid: { __rl: true, mode: 'list', value: 'ord-2005', cachedResultName: 'ord-2005 · …' } });
		expect(calls('GET')[0].path).toBe('/v1/management/orders/ord-2005');
		expect(output).toHaveLength(1);
		expect(output[0]).toMatchObject({ uid: 'ord-2005', shop_orders: [{ external_id: 'EXT-1005' }], prescriptions: [{ uid: 'rx-9005' }] });

		expect(await run({ resource: 'order', operation: 'get', orderUid: 'ord-2006' })).toEqual([expect.objectContaining({ uid: 'ord-2006' })]);
		expect(await run({ resource: 'order', operation: 'get', orderUid: { __rl: true, mode: 'id', value: 'ord-2007' } })).toEqual([
			expect.objectContaining({ uid: 'ord-2007' }),
		]);
	});

	it('explains a 404, which RxScale also gives when the key lacks order:read', async () => {
		for (const apiKey of [sandbox.rxScale.credentials().apiKey, RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY]) {
			const failure = run({ resource: 'order', operation: 'get', orderUid: apiKey === RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY ? 'ord-2005' : 'ord-9999' }, { apiKey });
			await expect(failure).rejects.toThrow('RxScale could not find it (404): Resource not found');
			await expect(failure).rejects.toMatchObject({ description: expect.stringContaining('lacks the permission "order:read"') });
		}
	});

	it('sends the documented filters, dates as Unix seconds, and returns the matching orders', async () => {
		const output = await run({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: {
				created_at_from: '2026-01-02T00:00:00',
				created_at_to: '2026-01-03T00:00:00Z',
				shop_identifier: 'hamburg-shop',
			},
		});

		const [call] = calls('GET');
		expect(call.path).toBe('/v1/management/orders');
		expect(call.query).toEqual({
			created_at_from: String(Date.UTC(2026, 0, 2) / 1000),
			created_at_to: String(Date.UTC(2026, 0, 3) / 1000),
			shop_identifier: 'hamburg-shop',
			page: '0',
			limit: '10',
		});
		const from = Date.UTC(2026, 0, 2) / 1000;
		const to = Date.UTC(2026, 0, 3) / 1000;
		const expected = [...sandbox.rxScale.orders.values()]
			.filter((order) => order.created_at >= from && order.created_at <= to && order.shop_order.shop.identifier === 'hamburg-shop')
			.map((order) => order.uid)
			.slice(0, 10);
		expect(expected.length).toBeGreaterThan(5);
		expect(output.map((order) => order.uid)).toEqual(expected);
	});

	it.each([
		['winter (GMT): a zone-less date-time is UTC', '2026-01-15T09:30:00', Date.UTC(2026, 0, 15, 9, 30) / 1000],
		['summer: a zone-less date-time is still UTC, not local summer time', '2026-07-15T09:30:00', Date.UTC(2026, 6, 15, 9, 30) / 1000],
		['summer with an offset (BST): the instant is kept', '2026-07-15T09:30:00+01:00', Date.UTC(2026, 6, 15, 8, 30) / 1000],
		['a date alone: UTC midnight', '2026-03-29', Date.UTC(2026, 2, 29) / 1000],
		['Unix milliseconds', String(Date.UTC(2026, 6, 15, 8, 30)), Date.UTC(2026, 6, 15, 8, 30) / 1000],
	])('sends Updated From as Unix seconds: %s', async (_name, value, seconds) => {
		await run({ resource: 'order', operation: 'getAll', returnAll: false, limit: 1, filters: { updated_at_from: value } });
		expect(calls('GET')[0].query.updated_at_from).toBe(String(seconds));
	});

	it.each([
		['a pharmacy order UID', 'po-1042', ['ord-2042']],
		['an order UID copied with a leading #', '#ord-2042', ['ord-2042']],
		['a pharmacy order name', 'PO-2026-0042', ['ord-2042']],
		['a shop order name', '#1042', ['ord-2042']],
	])('finds orders by %s with Search, as RxScale documents it', async (_name, search, uids) => {
		const output = await run({ resource: 'order', operation: 'getAll', returnAll: true, filters: { search } });
		expect(output.map((order) => order.uid)).toEqual(uids);
	});

	it("finds a patient's orders by their name with Search", async () => {
		const output = await run({ resource: 'order', operation: 'getAll', returnAll: true, filters: { search: 'erika musterfrau' } });
		const expected = [...sandbox.rxScale.orders.values()].filter((order) => order.patient_profile.uid === 'pat-3002').map((order) => order.uid);
		expect(expected.length).toBeGreaterThan(40);
		expect(output.map((order) => order.uid)).toEqual(expected);
	});

	it('pages through everything with Return All (at most 200 a page)', async () => {
		const output = await run({ resource: 'order', operation: 'getAll', returnAll: true, filters: {} });
		expect(output).toHaveLength(ORDER_COUNT);
		expect(new Set(output.map((order) => order.uid)).size).toBe(ORDER_COUNT);
		expect(calls('GET').map((call) => [call.query.page, call.query.limit])).toEqual([
			['0', '200'],
			['1', '200'],
		]);
	});

	it('stops at the Limit, across pages when it is above 200', async () => {
		expect(await run({ resource: 'order', operation: 'getAll', returnAll: false, limit: 3, filters: {} })).toHaveLength(3);
		expect(calls('GET')).toHaveLength(1);

		sandbox.server.reset();
		const output = await run({ resource: 'order', operation: 'getAll', returnAll: false, limit: 210, filters: {} });
		expect(output).toHaveLength(210);
		expect(calls('GET').map((call) => call.query.page)).toEqual(['0', '1']);
	});

	it.each([
		['a date that is not one', { created_at_from: 'next tuesday' }, /Created From must be a date and time/],
		['a range that ends before it starts', { updated_at_from: '2026-02-01', updated_at_to: '2026-01-01' }, /Updated From must not be after Updated To/],
	])('refuses %s before any call', async (_name, filters, message) => {
		await expect(run({ resource: 'order', operation: 'getAll', returnAll: true, filters })).rejects.toThrow(message);
		expect(calls()).toHaveLength(0);
	});

	it('refuses an empty order before any call', async () => {
		await expect(run({ resource: 'order', operation: 'get', orderUid: { __rl: true, mode: 'list', value: '' } })).rejects.toThrow('Order is required');
		expect(calls()).toHaveLength(0);
	});

	it('names order:read when the key cannot list orders (403)', async () => {
		await expect(
			run({ resource: 'order', operation: 'getAll', returnAll: true, filters: {} }, { apiKey: RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY }),
		).rejects.toThrow('RxScale refused this request (403): this API key lacks the permission "order:read"');
	});
});

describe('Patient → Get', () => {
	const patient = (uid: string) => sandbox.rxScale.patients.get(uid)?.patient;

	it('gets one patient per input item, UIDs from expressions, paired with their items', async () => {
		const [output] = await rxScale().run({
			parameters: { resource: 'patient', operation: 'get', patientUid: '={{ $json.patient }}' },
			items: [{ patient: 'pat-3002' }, { patient: 'pat-3004' }],
		});
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[patient('pat-3002'), { item: 0 }],
			[patient('pat-3004'), { item: 1 }],
		]);
		expect(calls('GET').map((call) => call.path)).toEqual(['/v1/management/patients/pat-3002', '/v1/management/patients/pat-3004']);
	});

	it('gets the patient chosen from the list', async () => {
		const output = await run({ resource: 'patient', operation: 'get', patientUid: { __rl: true, mode: 'list', value: 'pat-3003', cachedResultName: 'Lena Schmidt' } });
		expect(output).toEqual([patient('pat-3003')]);
	});

	it('gets a patient By Email: RxScale answers the most recently created patient with that email', async () => {
		const output = await run({ resource: 'patient', operation: 'get', patientUid: { __rl: true, mode: 'email', value: ' erika@example.org ' } });
		expect(output).toEqual([patient('pat-3006')]);
		const [call] = calls('GET');
		expect(call.path).toBe('/v1/management/patients');
		expect(call.query).toEqual({ email: 'erika@example.org' });
	});

	it('reports an email nobody has in RxScale’s words', async () => {
		await expect(
			run({ resource: 'patient', operation: 'get', patientUid: { __rl: true, mode: 'email', value: 'nobody@example.org' } }),
		).rejects.toThrow('RxScale could not find it (404): No patient found with the given email');
	});

	it('with Continue On Fail, a missing patient becomes an error item and the rest go on', async () => {
		const [output] = await rxScale().run({
			parameters: { resource: 'patient', operation: 'get', patientUid: '={{ $json.patient }}' },
			items: [{ patient: 'pat-0000' }, { patient: 'pat-3001' }],
			continueOnFail: true,
		});
		expect(output[0].json).toEqual({
			error: 'RxScale could not find it (404): Resource not found',
			description: expect.stringContaining('patient:read'),
		});
		expect(output[1].json).toEqual(patient('pat-3001'));
	});

	it('refuses an empty UID and an email that is not one before any call, naming the item', async () => {
		const failure = rxScale().run({
			parameters: { resource: 'patient', operation: 'get', patientUid: '={{ $json.patient }}' },
			items: [{ patient: 'pat-3001' }, { patient: '' }],
		});
		await expect(failure).rejects.toThrow('Patient is required');
		await expect(failure).rejects.toMatchObject({ context: { itemIndex: 1 } });
		expect(calls()).toHaveLength(1);

		sandbox.server.reset();
		await expect(
			run({ resource: 'patient', operation: 'get', patientUid: { __rl: true, mode: 'email', value: 'erika at example.org' } }),
		).rejects.toThrow('Patient email must be an email address');
		expect(calls()).toHaveLength(0);
	});
});

describe('Prescription → Get', () => {
	it('gets a prescription by its UID (from an order)', async () => {
		const [order] = await run({ resource: 'order', operation: 'get', orderUid: 'ord-2010' });
		const uid = (order.prescriptions as Array<{ uid: string }>)[0].uid;
		const output = await run({ resource: 'prescription', operation: 'get', prescriptionUid: { __rl: true, mode: 'id', value: uid } });
		expect(output).toEqual([sandbox.rxScale.prescriptions.get(uid)]);
		expect(output[0]).toMatchObject({ uid: 'rx-9010', status: 'signed', doctor: { uid: expect.any(String), display_name: expect.any(String) } });
		expect(calls('GET').map((call) => call.path)).toEqual(['/v1/management/orders/ord-2010', '/v1/management/prescriptions/rx-9010']);
	});

	it('explains a 404, which RxScale also gives when the key lacks prescription:read; the order then shows no prescriptions', async () => {
		sandbox.rxScale.keys.set('orders-only-key', ['order:read']);
		const failure = run({ resource: 'prescription', operation: 'get', prescriptionUid: 'rx-9010' }, { apiKey: 'orders-only-key' });
		await expect(failure).rejects.toThrow('RxScale could not find it (404): Resource not found');
		await expect(failure).rejects.toMatchObject({ description: expect.stringContaining('lacks the permission "prescription:read"') });
		const [order] = await run({ resource: 'order', operation: 'get', orderUid: 'ord-2010' }, { apiKey: 'orders-only-key' });
		expect(order.prescriptions).toEqual([]);
	});

	it.each(['', '..'])('refuses the UID %j before any call', async (uid) => {
		await expect(run({ resource: 'prescription', operation: 'get', prescriptionUid: uid })).rejects.toThrow(/Prescription/);
		expect(calls()).toHaveLength(0);
	});
});

describe('Appointment → Get Many', () => {
	const appointments = () => sandbox.rxScale.appointments;

	it('sends the documented filters, the start times as Unix seconds, and returns the matching appointments', async () => {
		const output = await run({
			resource: 'appointment',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'confirmed', from: '2026-03-02T00:00:00', to: '2026-03-10T00:00:00+01:00', doctor_uid: 'doc-1' },
		});

		const [call] = calls('GET');
		expect(call.path).toBe('/v1/management/scheduling/appointments');
		const from = Date.UTC(2026, 2, 2) / 1000;
		const to = Date.UTC(2026, 2, 9, 23) / 1000;
		expect(call.query).toEqual({ status: 'confirmed', from: String(from), to: String(to), doctor_uid: 'doc-1', page: '0', limit: '200' });
		const expected = appointments().filter(
			(appointment) => appointment.status === 'confirmed' && appointment.doctor_uid === 'doc-1' && appointment.start_time >= from && appointment.start_time <= to,
		);
		expect(expected.length).toBeGreaterThan(3);
		expect(output).toEqual(expected);
	});

	it('all of a patient’s appointments with Return All, and the first ones up to the Limit', async () => {
		const output = await run({ resource: 'appointment', operation: 'getAll', returnAll: true, filters: { status: 'all', patient_uid: 'pat-3002' } });
		expect(output.map((appointment) => appointment.uid)).toEqual(
			appointments()
				.filter((appointment) => appointment.patient_uid === 'pat-3002')
				.map((appointment) => appointment.uid),
		);

		sandbox.server.reset();
		const all = await run({ resource: 'appointment', operation: 'getAll', returnAll: false, limit: 7, filters: { status: 'all' } });
		expect(all.map((appointment) => appointment.uid)).toEqual(appointments().slice(0, 7).map((appointment) => appointment.uid));
		expect(calls('GET').map((call) => call.query.limit)).toEqual(['7']);
	});

	it('without a Status, RxScale’s own default filter applies (nothing is sent)', async () => {
		await run({ resource: 'appointment', operation: 'getAll', returnAll: false, limit: 5, filters: {} });
		expect(calls('GET')[0].query).toEqual({ page: '0', limit: '5' });
	});

	it.each([
		['a range that ends where it starts', { from: '2026-03-02T10:00:00Z', to: '2026-03-02T11:00:00+01:00' }, /Starts To must be after Starts From/],
		['a start that is not a date', { from: 'soon' }, /Starts From must be a date and time/],
		['an unknown status', { status: 'booked' }, /Status must be one of/],
	])('refuses %s before any call', async (_name, filters, message) => {
		await expect(run({ resource: 'appointment', operation: 'getAll', returnAll: true, filters })).rejects.toThrow(message);
		expect(calls()).toHaveLength(0);
	});

	it('names scheduling:read when the key lacks it (403)', async () => {
		await expect(
			run({ resource: 'appointment', operation: 'getAll', returnAll: true, filters: {} }, { apiKey: RXSCALE_SANDBOX_WEBHOOKS_ONLY_KEY }),
		).rejects.toThrow('RxScale refused this request (403): this API key lacks the permission "scheduling:read"');
	});
});

describe('the credential’s Test button', () => {
	const credential = new RxScaleApi();

	/** Resolves an expression of the credential as n8n's expression engine does. */
	function resolver(credentials: ICredentialDataDecryptedObject) {
		const node = { id: 'n', name: 'RxScale', type: `${PACKAGE}.rxScale`, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesOf(new RxScale()) });
		return (value: unknown) =>
			String(workflow.expression.getParameterValue(String(value), null, 0, 0, node.name, [], 'internal', { $credentials: credentials }));
	}

	/** Sends the Test request with the credential's header; returns the status and the rule's message. */
	async function testButton(credentials: ICredentialDataDecryptedObject) {
		const resolve = resolver(credentials);
		const { baseURL, url, method } = credential.test.request;
		const headers = Object.fromEntries(
			Object.entries(credential.authenticate.properties.headers ?? {}).map(([name, value]) => [name, resolve(value)]),
		);
		const response = await request(`${resolve(baseURL)}${url}`, { method: method as 'GET', headers });
		await response.body.dump();
		const rule = credential.test.rules?.find(
			(candidate) => 'value' in candidate.properties && candidate.properties.value === response.statusCode,
		);
		return { status: response.statusCode, message: rule && 'message' in rule.properties ? rule.properties.message : undefined };
	}

	it('passes with a key that can read subscriptions, and says what is wrong otherwise', async () => {
		sandbox.rxScale.keys.set('no-permissions-key', []);
		expect(await testButton(sandbox.rxScale.credentials())).toEqual({ status: 200, message: undefined });
		expect(await testButton({ ...sandbox.rxScale.credentials(), baseUrl: `${sandbox.rxScale.baseUrl}/` })).toMatchObject({ status: 200 });
		expect(await testButton({ ...sandbox.rxScale.credentials(), apiKey: 'wrong' })).toEqual({
			status: 401,
			message: expect.stringMatching(/^RxScale refused the API key/),
		});
		expect(await testButton({ ...sandbox.rxScale.credentials(), apiKey: 'no-permissions-key' })).toEqual({
			status: 403,
			message: expect.stringContaining('lacks notification_subscription:read'),
		});
	});

	it('points Production and Development at RxScale’s hosts', () => {
		const baseUrlFor = (environment: string) =>
			resolver({ environment, baseUrl: 'https://ignored.example' })(credential.test.request.baseURL);
		expect(baseUrlFor('production')).toBe('https://api.rxscale.com');
		expect(baseUrlFor('development')).toBe('https://api.rxscale-dev.com');
	});
});
