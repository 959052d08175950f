import { heroActions } from './setup';

/** Link → Create Booking Link / Create Attachment Link and Elements → Create Access Token. */

const hero = heroActions();

/** The UK calendar date `days` from now (en-CA writes dates YYYY-MM-DD). */
const ukDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const inDays = (days: number) => ukDate.format(new Date(Date.now() + days * 86_400_000));

describe('Link → Create Booking Link', () => {
	const bookingLink = (fields: Record<string, unknown> = {}) => ({
		resource: 'link',
		operation: 'createBookingLink',
		appointmentTypeId: '2',
		locationId: '5',
		...fields,
	});

	it('creates a personal booking link on the inferred POST /v1/booking_links, usable as a short link in a message', async () => {
		const [link] = await hero.json(
			bookingLink({
				additionalFields: {
					patient_id: '501',
					practitioner_id: '32',
					from_date: '2030-03-04',
					to_date: '2030-03-08',
					expiry_date: inDays(14),
					maximum_use_count: 1,
				},
			}),
		);
		const [request] = hero.requests({ method: 'POST', path: '/v1/booking_links' });
		expect(request.body).toEqual({
			appointment_type_id: '2',
			location_id: '5',
			patient_id: '501',
			practitioner_id: '32',
			from_date: '2030-03-04',
			to_date: '2030-03-08',
			expiry_date: inDays(14),
			maximum_use_count: 1,
		});
		expect(link).toMatchObject({ id: expect.any(String), url: expect.stringMatching(/^https:\/\//) });

		await hero.json({
			resource: 'message',
			operation: 'send',
			patientId: '501',
			messageType: 'sms',
			message: 'Book your nurse appointment here',
			additionalFields: { short_link_id: link.id },
		});
		expect(hero.sandbox.heroHealth.messages.size).toBe(1);
	});

	it('creates a generic link with only the type and location', async () => {
		await hero.json(bookingLink());
		const [request] = hero.requests({ method: 'POST', path: '/v1/booking_links' });
		expect(request.body).toEqual({ appointment_type_id: '2', location_id: '5' });
	});

	it.each([
		['slots from after slots to', { from_date: '2030-03-08', to_date: '2030-03-04' }, /Slots From must not be after Slots To/],
		['an expiry date in the past', { expiry_date: '2020-01-01' }, /Link Expires On is in the past/],
		['an expiry date that does not exist', { expiry_date: '2030-02-30' }, /Link Expires On must be a real date/],
		['zero uses', { maximum_use_count: 0 }, /Maximum Uses must be at least 1/],
		['a patient ID that is not numeric', { patient_id: 'ada' }, /Patient ID must be Hero's numeric patient ID/],
	])('refuses %s before any request', async (_case, additionalFields, message) => {
		const failure = await hero.failure(bookingLink({ additionalFields }));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});

	it('sends picked dates (the date picker’s zone-less date-times) as UK dates, and the lists’ picks as IDs', async () => {
		await hero.json(
			bookingLink({
				appointmentTypeId: { __rl: true, mode: 'list', value: '2' },
				locationId: { __rl: true, mode: 'list', value: '5' },
				additionalFields: {
					from_date: '2030-03-04T00:00:00',
					// 23:30 UTC on 1 July is 00:30 on 2 July in the UK (BST).
					to_date: '2030-07-01T23:30:00Z',
					expiry_date: `${inDays(10)}T00:00:00`,
					patient_id: { __rl: true, mode: 'id', value: '501' },
					practitioner_id: { __rl: true, mode: 'list', value: '32' },
				},
			}),
		);
		const [request] = hero.requests({ method: 'POST', path: '/v1/booking_links' });
		expect(request.body).toEqual({
			appointment_type_id: '2',
			location_id: '5',
			from_date: '2030-03-04',
			to_date: '2030-07-02',
			expiry_date: inDays(10),
			patient_id: '501',
			practitioner_id: '32',
		});
	});

	it('accepts a one-day window and an expiry date of today', async () => {
		await hero.json(bookingLink({ additionalFields: { from_date: '2030-03-04', to_date: '2030-03-04', expiry_date: inDays(0) } }));
		expect(hero.requests({ method: 'POST', path: '/v1/booking_links' })).toHaveLength(1);
	});
});

describe('Link → Create Attachment Link', () => {
	const attachmentLink = (fields: Record<string, unknown>) => ({
		resource: 'link',
		operation: 'createAttachmentLink',
		patientId: '501',
		expiryDate: inDays(7),
		maximumUseCount: 3,
		...fields,
	});

	it('sends a file of the input item base64-encoded with its name, and the uuid works in a message', async () => {
		const pdf = Buffer.from('%PDF-1.4 results letter');
		const [link] = await hero.json(attachmentLink({ fileSource: 'binary', binaryPropertyName: 'letter' }), {
			binary: [{ letter: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'results.pdf' } }],
		});
		const [request] = hero.requests({ method: 'POST', path: '/v1/attachment_links' });
		expect(request.body).toEqual({
			patient_id: '501',
			expiry_date: inDays(7),
			maximum_use_count: 3,
			file_data: pdf.toString('base64'),
			file_name: 'results.pdf',
		});
		expect(link).toEqual({ attachment_link: expect.stringMatching(/^https:\/\//), attachment_uuid: expect.any(String) });

		await hero.json({
			resource: 'message',
			operation: 'send',
			patientId: '501',
			messageType: 'email',
			message: 'Your results letter',
			additionalFields: { attachment_uuid: link.attachment_uuid },
		});
		expect(hero.sandbox.heroHealth.messages.size).toBe(1);
	});

	it('takes a picked expiry day as its UK date, and the Patient picked By ID', async () => {
		await hero.json(
			attachmentLink({ patientId: { __rl: true, mode: 'id', value: '502' }, fileSource: 'ehrFile', ehrFileId: 'F-1', expiryDate: `${inDays(3)}T00:00:00` }),
		);
		const [request] = hero.requests({ method: 'POST', path: '/v1/attachment_links' });
		expect(request.body).toMatchObject({ patient_id: '502', expiry_date: inDays(3) });
	});

	it('links a file already in the patient record by its ID', async () => {
		await hero.json(attachmentLink({ fileSource: 'ehrFile', ehrFileId: 'F-889' }));
		const [request] = hero.requests({ method: 'POST', path: '/v1/attachment_links' });
		expect(request.body).toEqual({ patient_id: '501', expiry_date: inDays(7), maximum_use_count: 3, ehr_file_id: 'F-889' });
	});

	it('refuses an input item without the binary field before any request', async () => {
		const failure = await hero.failure(attachmentLink({ fileSource: 'binary', binaryPropertyName: 'letter' }));
		expect(failure.message).toMatch(/letter/);
		expect(hero.requests()).toHaveLength(0);
	});

	it.each([
		['no record file ID', { fileSource: 'ehrFile', ehrFileId: '' }, /Record File ID is required/],
		['an expiry in the past', { fileSource: 'ehrFile', ehrFileId: 'F-1', expiryDate: '2020-01-01' }, /Link Expires On is in the past/],
		['an expiry yesterday (UK), picked', { fileSource: 'ehrFile', ehrFileId: 'F-1', expiryDate: `${inDays(-1)}T12:00:00` }, /Link Expires On is in the past/],
		['no expiry', { fileSource: 'ehrFile', ehrFileId: 'F-1', expiryDate: '' }, /Link Expires On is required/],
		['a patient ID that is not numeric', { fileSource: 'ehrFile', ehrFileId: 'F-1', patientId: { __rl: true, mode: 'id', value: 'P1' } }, /Patient ID must be Hero's numeric/],
		['zero uses', { fileSource: 'ehrFile', ehrFileId: 'F-1', maximumUseCount: 0 }, /Maximum Uses must be at least 1/],
	])('refuses %s before any request', async (_case, fields, message) => {
		const failure = await hero.failure(attachmentLink(fields));
		expect(failure.message).toMatch(message);
		expect(hero.requests()).toHaveLength(0);
	});
});

describe('Elements → Create Access Token', () => {
	it('outputs Hero’s token and when it expires, 30 minutes on', async () => {
		const before = Date.now();
		const [output] = await hero.json({ resource: 'elements', operation: 'createAccessToken' });
		const after = Date.now();

		expect(hero.requests({ method: 'POST', path: '/v1/access_token' })).toHaveLength(1);
		expect(output.access_token).toBe(hero.sandbox.heroHealth.accessTokens[0]);
		const expiresAt = Date.parse(String(output.expires_at));
		expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
		expect(expiresAt).toBeLessThanOrEqual(after + 30 * 60_000);
		const claims = JSON.parse(Buffer.from(String(output.access_token).split('.')[1], 'base64url').toString('utf8'));
		expect(claims.exp * 1000).toBeGreaterThanOrEqual(expiresAt - 1000);
	});

	it('says the output is sensitive', async () => {
		const { HERO_HEALTH_OPERATIONS } = await import('../../../nodes/HeroHealth/actions');
		const operation = HERO_HEALTH_OPERATIONS.find((candidate) => candidate.operation === 'createAccessToken');
		expect(operation?.description).toMatch(/sensitive/);
	});
});
