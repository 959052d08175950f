import { heroActions } from './setup';

/** Message → Send and Batch Message → Create / Get / Send against the Hero sandbox. */

const hero = heroActions();

const send = (fields: Record<string, unknown>) => ({ resource: 'message', operation: 'send', ...fields });

describe('Message → Send', () => {
	it('sends an SMS with every documented field under Hero’s names and outputs Hero’s answer', async () => {
		const [output] = await hero.json(
			send({
				patientId: '501',
				messageType: 'sms',
				message: 'Your flu jab is due. Reply to book.',
				recipient: '07700 900123',
				additionalFields: {
					assignee_id: 12,
					assignee_type: 'AdminTeam',
					encrypted: true,
					send_at: '2030-03-01T09:30:00+01:00',
					snomed_code: '1240781000000106',
					snomed_term: 'SMS text message sent to patient',
					task_id: '77',
					write_to_record: true,
					auto_write_to_record: false,
				},
			}),
		);

		const [request] = hero.requests({ method: 'POST', path: '/v1/messages/send' });
		expect(request.body).toEqual({
			patient_id: '501',
			message_type: 'sms',
			message_string: 'Your flu jab is due. Reply to book.',
			recipient_contact_detail: '07700 900123',
			assignee_id: 12,
			assignee_type: 'AdminTeam',
			encrypted: true,
			send_at: '2030-03-01T08:30:00.000Z',
			snomed_code: '1240781000000106',
			snomed_term: 'SMS text message sent to patient',
			task_id: '77',
			write_to_record: true,
			auto_write_to_record: false,
		});
		const stored = hero.sandbox.heroHealth.messages.get(String(output.message_id));
		expect(output).toMatchObject({ message_id: stored?.message_id, content: 'Your flu jab is due. Reply to book.' });
	});

	it('sends an NHS App message with an SMS fallback, and no recipient', async () => {
		await hero.json(
			send({
				patientId: '502',
				messageType: 'nhs_app',
				message: 'Your results are ready',
				recipient: 'ignored@example.org',
				fallbackMessageType: 'sms',
				fallbackContact: '+44 7700 900502',
			}),
		);
		const [request] = hero.requests({ method: 'POST', path: '/v1/messages/send' });
		expect(request.body).toEqual({
			patient_id: '502',
			message_type: 'nhs_app',
			message_string: 'Your results are ready',
			fallback_message_type: 'sms',
			fallback_contact_detail: '+44 7700 900502',
		});
	});

	it('leaves the fallback to the practice when "Practice Default" is chosen', async () => {
		await hero.json(send({ patientId: '502', messageType: 'nhs_app', message: 'Hello', fallbackContact: '07700 900502' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/messages/send' });
		expect(request.body).not.toHaveProperty('fallback_message_type');
		expect(request.body).not.toHaveProperty('fallback_contact_detail');
	});

	it.each([
		['a patient ID that is not Hero’s numeric ID', { patientId: 'P-501' }, /Patient ID must be Hero's numeric patient ID/],
		['an empty message', { message: '   ' }, /Message is required/],
		['an SMS to something that is not a phone number', { recipient: 'call me' }, /Recipient must be a phone number/],
		['an email to something that is not an address', { messageType: 'email', recipient: 'ada@' }, /Recipient must be an email address/],
		[
			'an SMS fallback to an email address',
			{ messageType: 'nhs_app', fallbackMessageType: 'sms', fallbackContact: 'ada@example.org' },
			/Fallback Contact must be a phone number/,
		],
		[
			'an email fallback to a phone number',
			{ messageType: 'nhs_app', fallbackMessageType: 'email', fallbackContact: '07700 900123' },
			/Fallback Contact must be an email address/,
		],
		['a send time that is not a date and time', { additionalFields: { send_at: 'next Tuesday' } }, /Send At must be a date and time/],
		['a send time on a day that does not exist', { additionalFields: { send_at: '2030-02-30T09:30:00Z' } }, /Send At must be a date and time/],
		['a send time at 25 o’clock', { additionalFields: { send_at: '2030-03-01T25:00:00' } }, /Send At must be a date and time/],
	])('refuses %s before any request', async (_case, fields, message) => {
		const failure = await hero.failure(send({ patientId: '501', messageType: 'sms', message: 'Hello', ...fields }));
		expect(failure.message).toMatch(message);
		expect(failure.context?.itemIndex).toBe(0);
		expect(hero.requests()).toHaveLength(0);
	});

	it.each([
		['an SMS to a UK mobile written with spaces', { recipient: '07700 900123' }],
		['an SMS to an international number', { recipient: '+44 (0)7700-900123' }],
		['an email to an address', { messageType: 'email', recipient: 'ada@example.org' }],
		['an SMS fallback to a phone number', { messageType: 'nhs_app', fallbackMessageType: 'sms', fallbackContact: '07700900123' }],
		['an email fallback to an address', { messageType: 'nhs_app', fallbackMessageType: 'email', fallbackContact: 'ada@example.org' }],
		['a Hero message with no recipient', { messageType: 'hero', recipient: '' }],
		['a scheduled send in UTC', { additionalFields: { send_at: '2030-03-01T09:30:00Z' } }],
	])('accepts %s and sends it', async (_case, fields) => {
		await hero.json(send({ patientId: '501', messageType: 'sms', message: 'Hello', ...fields }));
		expect(hero.requests({ method: 'POST', path: '/v1/messages/send' })).toHaveLength(1);
	});

	it.each([
		['in winter (GMT), UK time is UTC', '2030-03-01T09:30:00', '2030-03-01T09:30:00.000Z'],
		['in summer (BST), UK time is an hour ahead', '2030-07-01T09:30:00', '2030-07-01T08:30:00.000Z'],
		['written with a space, as people type it', '2030-07-01 09:30', '2030-07-01T08:30:00.000Z'],
		['an expression’s date-time with its zone', '2030-07-01T09:30:00.000+02:00', '2030-07-01T07:30:00.000Z'],
	])('schedules a picked Send At %s, sent in UTC', async (_case, sendAt, sent) => {
		await hero.json(send({ patientId: '501', messageType: 'hero', message: 'Hello', additionalFields: { send_at: sendAt } }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/messages/send' });
		expect((request.body as { send_at: unknown }).send_at).toBe(sent);
	});

	it('reads the Patient field picked By ID as a plain ID', async () => {
		await hero.json(send({ patientId: { __rl: true, mode: 'id', value: '502' }, messageType: 'hero', message: 'Hello' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/messages/send' });
		expect(request.body).toMatchObject({ patient_id: '502' });
	});

	it('fails with Hero’s words when the patient does not exist', async () => {
		const failure = await hero.failure(send({ patientId: '999999', messageType: 'sms', message: 'Hello' }));
		expect(failure.message).toMatch(/Hero Health could not find it \(404\): Patient not found/);
	});
});

describe('Batch Message', () => {
	const create = (fields: Record<string, unknown>) => ({
		resource: 'batchMessage',
		operation: 'create',
		name: 'Flu clinic',
		channel: 'SMS',
		content: 'Flu clinic on Saturday: reply YES to book',
		recipientsInput: 'fields',
		recipients: {
			recipient: [
				{ nhs_number: '943 476 5919', dob: '1985-12-10' },
				{ nhs_number: '9434765870', dob: '1972-06-23T00:00:00.000Z' },
			],
		},
		...fields,
	});

	it('creates a batch with Hero’s upper-case channel and date-time dates of birth, then gets and sends it', async () => {
		const [created] = await hero.json(create({}));
		const [request] = hero.requests({ method: 'POST', path: '/v1/batch_message' });
		expect(request.body).toEqual({
			name: 'Flu clinic',
			channel: 'SMS',
			content: 'Flu clinic on Saturday: reply YES to book',
			recipients: [
				{ nhs_number: '9434765919', dob: '1985-12-10T00:00:00.000Z' },
				{ nhs_number: '9434765870', dob: '1972-06-23T00:00:00.000Z' },
			],
		});
		expect(created).toMatchObject({ id: expect.any(String), status: 'CREATED', channel: 'SMS' });

		const [fetched] = await hero.json({ resource: 'batchMessage', operation: 'get', batchId: created.id });
		expect(fetched).toEqual(created);

		const [sent] = await hero.json({ resource: 'batchMessage', operation: 'send', batchId: created.id });
		expect(hero.requests({ method: 'PATCH', path: `/v1/batch_message/${created.id}/send` })).toHaveLength(1);
		expect(sent).toMatchObject({ id: created.id, status: 'COMPLETED' });
	});

	it('takes the recipients from JSON, e.g. an expression over the input item', async () => {
		await hero.json(create({ recipientsInput: 'json', recipientsJson: '={{ $json.people }}' }), {
			items: [{ people: [{ nhs_number: '9434765919', dob: '1985-12-10' }] }],
		});
		const [request] = hero.requests({ method: 'POST', path: '/v1/batch_message' });
		expect((request.body as { recipients: unknown }).recipients).toEqual([
			{ nhs_number: '9434765919', dob: '1985-12-10T00:00:00.000Z' },
		]);
	});

	it('requires a subject for an email batch, and sends it when given', async () => {
		const failure = await hero.failure(create({ channel: 'EMAIL', subject: '' }));
		expect(failure.message).toMatch(/Subject is required for an email batch/);
		expect(hero.requests()).toHaveLength(0);

		await hero.json(create({ channel: 'EMAIL', subject: 'Flu clinic' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/batch_message' });
		expect(request.body).toMatchObject({ channel: 'EMAIL', subject: 'Flu clinic' });
	});

	it.each([
		['no recipients', { recipients: {} }, /Add at least one recipient/],
		[
			'a recipient whose NHS number fails the check digit',
			{ recipients: { recipient: [{ nhs_number: '9434765919', dob: '1985-12-10' }, { nhs_number: '9434765918', dob: '1972-06-23' }] } },
			/Recipient 2: NHS number is not a valid NHS number/,
		],
		[
			'a recipient with an impossible date of birth',
			{ recipients: { recipient: [{ nhs_number: '9434765919', dob: '1985-02-30' }] } },
			/Recipient 1: date of birth must be a real date/,
		],
		['recipients JSON that is not a list', { recipientsInput: 'json', recipientsJson: '{"nhs_number": ' }, /Recipients \(JSON\) must be a list/],
		['an empty name', { name: '' }, /Name is required/],
		['empty content', { content: ' ' }, /Content is required/],
	])('refuses %s before any request', async (_case, fields, message) => {
		const failure = await hero.failure(create(fields));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it('says "not found" for a batch that does not exist', async () => {
		const failure = await hero.failure({ resource: 'batchMessage', operation: 'get', batchId: '999' });
		expect(failure.message).toMatch(/could not find it \(404\)/);
		expect(failure.description).toMatch(/no batch message with ID 999/);
	});

	it('gets many batch messages, page by page, with Return All, a Limit and Hero’s status filter', async () => {
		const sim = hero.sandbox.heroHealth;
		for (let n = 1; n <= 120; n++) {
			const id = String(5000 + n);
			sim.batches.set(id, { id, name: `Recall ${n}`, status: n % 2 ? 'CREATED' : 'COMPLETED', channel: 'SMS', content: 'Recall', recipients: [], messages: [] });
		}
		const all = await hero.json({ resource: 'batchMessage', operation: 'getAll', returnAll: true });
		expect(all.map((batch) => batch.id)).toEqual([...sim.batches.keys()]);
		expect(all[0]).toEqual({ id: '5001', name: 'Recall 1', status: 'CREATED', channel: 'SMS', content: 'Recall' });
		expect(hero.requests({ method: 'GET', path: '/v1/batch_message' }).map((request) => request.query)).toEqual([
			{ page_index: '0', page_size: '100' },
			{ page_index: '1', page_size: '100' },
		]);

		const created = await hero.json({ resource: 'batchMessage', operation: 'getAll', limit: 7, filters: { status: 'CREATED' } });
		expect(created.map((batch) => batch.id)).toEqual(['5001', '5003', '5005', '5007', '5009', '5011', '5013']);
		expect(hero.requests({ method: 'GET', path: '/v1/batch_message' }).at(-1)!.query).toEqual({ status: 'CREATED', page_index: '0', page_size: '7' });
	});

	it('gets a batch’s recipients (found on the Spine or not) and, once sent, its messages', async () => {
		const [batch] = await hero.json(
			create({
				recipients: {
					recipient: [
						{ nhs_number: '943 476 5919', dob: '1985-12-10' },
						{ nhs_number: '999 000 0018', dob: '1990-01-01' },
					],
				},
			}),
		);
		const picked = { __rl: true, mode: 'list', value: batch.id };
		const recipients = await hero.json({ resource: 'batchMessage', operation: 'getRecipients', batchId: picked, returnAll: true });
		expect(recipients.map((recipient) => [recipient.nhs_number, recipient.status])).toEqual([
			['9434765919', 'ENRICHED'],
			['9990000018', 'ENRICHMENT_ERROR'],
		]);
		const notFound = await hero.json({
			resource: 'batchMessage',
			operation: 'getRecipients',
			batchId: picked,
			returnAll: true,
			filters: { status: 'ENRICHMENT_ERROR' },
		});
		expect(notFound.map((recipient) => recipient.nhs_number)).toEqual(['9990000018']);
		expect(await hero.json({ resource: 'batchMessage', operation: 'getMessages', batchId: picked, returnAll: true })).toEqual([]);

		await hero.json({ resource: 'batchMessage', operation: 'send', batchId: picked });
		const messages = await hero.json({ resource: 'batchMessage', operation: 'getMessages', batchId: picked, returnAll: true });
		expect(messages).toEqual([expect.objectContaining({ nhs_number: '9434765919', status: 'QUEUED', content: 'Flu clinic on Saturday: reply YES to book' })]);
		expect(hero.requests({ method: 'GET', path: `/v1/batch_message/${String(batch.id)}/messages` })).toHaveLength(2);
	});

	it.each(['getRecipients', 'getMessages', 'get', 'send'])('%s refuses a missing or path-climbing batch before any request', async (operation) => {
		for (const [batchId, message] of [
			[{ __rl: true, mode: 'list', value: '' }, /Batch ID is required/],
			['..', /Batch ID cannot be "\.\."/],
		] as const) {
			const failure = await hero.failure({ resource: 'batchMessage', operation, batchId, returnAll: true });
			expect(failure.message).toMatch(message);
		}
		expect(hero.requests()).toHaveLength(0);
	});

	it('passes on Hero’s refusal to send a batch twice', async () => {
		const [created] = await hero.json(create({}));
		await hero.json({ resource: 'batchMessage', operation: 'send', batchId: created.id });
		const failure = await hero.failure({ resource: 'batchMessage', operation: 'send', batchId: created.id });
		expect(failure.message).toBe("Hero Health rejected the request: status: expected a batch with status 'CREATED'");
	});
});
