import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../../../nodes/HeroHealth/HeroHealthTrigger.node';

describe('Hero Health trigger description', () => {
	const { description } = new HeroHealthTrigger();

	it('follows n8n’s trigger conventions', () => {
		expect(description.name).toBe('heroHealthTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
		]);
	});

	it('offers the eight subscribable events, each described', () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.type).toBe('multiOptions');
		expect(events?.required).toBe(true);
		const values = (events?.options ?? []).map((option) => (option as { value: string }).value);
		expect(values.sort()).toEqual(
			[
				'appointment.cancelled',
				'appointment.confirmed',
				'appointment.rescheduled',
				'patient.added-to-sequence',
				'patient.medical-record-updated',
				'prescription.issued',
				'write-to-record.failed',
				'write-to-record.succeeded',
			].sort(),
		);
		for (const option of events?.options ?? []) expect((option as { description?: string }).description).toBeTruthy();
	});
});

describe('Hero Health credential', () => {
	const credential = new HeroHealthApi();

	it('sends the key and the practice group as Hero’s two headers', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: {
				headers: {
					'x-api-key': '={{$credentials.apiKey}}',
					'x-practice-group-id': '={{$credentials.practiceGroupId}}',
				},
			},
		});
	});

	it('keeps the key in a password field and offers production, staging and custom', () => {
		const apiKey = credential.properties.find((property) => property.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		const environment = credential.properties.find((property) => property.name === 'environment');
		expect(environment?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'production',
			'staging',
			'custom',
		]);
	});

	it('tests the key with GET /v1/me and explains 401 and 403 in plain words', () => {
		expect(credential.test.request).toMatchObject({ url: '/v1/me', method: 'GET' });
		const rules = credential.test.rules as Array<{ properties: { value: number; message: string } }>;
		expect(rules.map((rule) => rule.properties.value)).toEqual([401, 403]);
		expect(rules[0].properties.message).toMatch(/refused the API key/);
	});
});
