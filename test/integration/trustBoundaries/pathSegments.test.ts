import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { HealthieApi } from '../../../credentials/HealthieApi.credentials';
import { HearLinkApi } from '../../../credentials/HearLinkApi.credentials';
import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { RxScaleApi } from '../../../credentials/RxScaleApi.credentials';
import { Healthie } from '../../../nodes/Healthie/Healthie.node';
import { HearLink } from '../../../nodes/HearLink/HearLink.node';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { RxScale } from '../../../nodes/RxScale/RxScale.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ActionHarness } from '../../support/n8nCore';

/**
 * Every ID that becomes a path segment is checked before any call: `.` and `..` (also written
 * `%2e`) would be collapsed by the URL parser, so Hero Cancel with ID `..` sent `PATCH /v1/cancel`
 * and RxScale Order Get sent `GET /v1/management/`. Now each is refused, naming the field, and the
 * sandbox sees nothing.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.server.reset());

interface IdOperation {
	vendor: 'heroHealth' | 'hearLink' | 'rxScale' | 'healthie';
	node: INodeType;
	credential: ICredentialType;
	parameters: (id: string) => IDataObject;
	field: RegExp;
}

const heroHealth = { vendor: 'heroHealth' as const, node: new HeroHealth(), credential: new HeroHealthApi() };
const hearLink = { vendor: 'hearLink' as const, node: new HearLink(), credential: new HearLinkApi() };
const rxScale = { vendor: 'rxScale' as const, node: new RxScale(), credential: new RxScaleApi() };

const operations: Array<[string, IdOperation]> = [
	['Hero appointment cancel', { ...heroHealth, parameters: (id) => ({ resource: 'appointment', operation: 'cancel', appointmentId: id }), field: /Appointment ID/ }],
	['Hero appointment get', { ...heroHealth, parameters: (id) => ({ resource: 'appointment', operation: 'get', appointmentId: id }), field: /Appointment ID/ }],
	['Hero appointment confirm (inferred path)', { ...heroHealth, parameters: (id) => ({ resource: 'appointment', operation: 'confirm', appointmentId: id }), field: /ID/ }],
	['Hero slot get', { ...heroHealth, parameters: (id) => ({ resource: 'slot', operation: 'get', slotId: id }), field: /Slot ID/ }],
	['Hero patient get', { ...heroHealth, parameters: (id) => ({ resource: 'patient', operation: 'get', patientId: id }), field: /Patient ID/ }],
	['Hero batch message get', { ...heroHealth, parameters: (id) => ({ resource: 'batchMessage', operation: 'get', batchId: id }), field: /Batch ID/ }],
	['HearLink patient get', { ...hearLink, parameters: (id) => ({ resource: 'patient', operation: 'get', patientId: id }), field: /Patient ID/ }],
	['HearLink invoice get', { ...hearLink, parameters: (id) => ({ resource: 'invoice', operation: 'get', invoiceId: id }), field: /Invoice ID/ }],
	['RxScale order get', { ...rxScale, parameters: (id) => ({ resource: 'order', operation: 'get', orderUid: id }), field: /Order UID/ }],
	['RxScale patient get', { ...rxScale, parameters: (id) => ({ resource: 'patient', operation: 'get', patientUid: id }), field: /Patient UID/ }],
];

describe.each(operations)('%s', (_name, operation) => {
	const harness = () =>
		new ActionHarness({
			node: operation.node,
			credentialTypes: [operation.credential],
			credentials: { [operation.credential.name]: sandbox[operation.vendor].credentials() },
		});

	it.each(['..', '.', '%2e%2e', '%2E', '.%2e', ' .. '])('refuses the ID %j before any request, naming the field', async (id) => {
		const error = (await harness()
			.run({ parameters: operation.parameters(id) })
			.catch((failure: unknown) => failure)) as Error & { description?: string };
		expect(error).toBeInstanceOf(Error);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(operation.field);
		expect(sandbox.server.requestsTo(operation.vendor)).toEqual([]);
	});

	it('keeps an ID with a slash or a URL in it inside one path segment', async () => {
		await harness()
			.run({ parameters: operation.parameters('../x/http://evil.example/'), continueOnFail: true })
			.catch(() => undefined);
		for (const call of sandbox.server.requestsTo(operation.vendor)) {
			expect(call.path).not.toMatch(/evil\.example\//);
			expect(call.path.split('/')).not.toContain('..');
		}
	});
});

it('Healthie sends IDs as GraphQL variables, never in a path', async () => {
	const harness = new ActionHarness({ node: new Healthie(), credentialTypes: [new HealthieApi()], credentials: { healthieApi: sandbox.healthie.credentials() } });
	await harness.run({ parameters: { resource: 'patient', operation: 'get', patientId: '../../x' }, continueOnFail: true });
	const paths = new Set(sandbox.server.requestsTo('healthie').map((call) => call.path));
	expect(paths.size).toBe(1);
});
