import fc from 'fast-check';

import { healthieEnvelope } from '../../../nodes/Healthie/envelope';
import { hearLinkEnvelope } from '../../../nodes/HearLink/envelope';
import { heroHealthEnvelope } from '../../../nodes/HeroHealth/envelope';
import { rxScaleEnvelope } from '../../../nodes/RxScale/envelope';
import type { Envelope } from '../../../nodes/shared/envelope';
import { hostileString } from '../../support/hostile';

/**
 * Each trigger tests its envelope by hand on the success path and asks zod only to word a refusal.
 * The two must give the same answer for anything a vendor could send: here fast-check looks for a
 * body one accepts and the other refuses.
 */

const scalar = fc.oneof(
	fc.string(),
	hostileString(),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant(null),
	fc.constantFrom('', ' ', '12', '0012', '1.5', '-3'),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));

/** A valid envelope with each field kept, removed or replaced. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
	const fields = Object.keys(valid);
	return fc
		.tuple(
			fc.array(fc.tuple(fc.constantFrom(...fields), fc.oneof(fc.constant(undefined), value)), { maxLength: fields.length }),
			fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'data'), value, { maxKeys: 2 }),
		)
		.map(([changes, extra]) => {
			const body: Record<string, unknown> = { ...valid, ...extra };
			for (const [field, replacement] of changes) {
				if (replacement === undefined) delete body[field];
				else body[field] = replacement;
			}
			return JSON.parse(JSON.stringify(body)) as unknown;
		});
}

const cases: Array<[string, Envelope<unknown>, Record<string, unknown>]> = [
	['Hero Health', heroHealthEnvelope as Envelope<unknown>, { object: 'Appointment', id: '1001', practice_group_id: '1234', event: 'appointment.confirmed' }],
	['Healthie', healthieEnvelope as Envelope<unknown>, { resource_id: '67890', resource_id_type: 'Appointment', event_type: 'appointment.updated', changed_fields: ['date'] }],
	['HearLink', hearLinkEnvelope as Envelope<unknown>, { id: 'evt_1', type: 'patient.created', createdAt: '2026-04-10T14:30:00.000Z', data: { uid: 'p' } }],
	['RxScale', rxScaleEnvelope as Envelope<unknown>, { event_type: 'pharmacy_order_created', timestamp: 1764806400, payload_version: '1', data: { uid: 'po-1' } }],
];

describe.each(cases)('%s envelope', (_vendor, envelope, valid) => {
	it('accepts the vendor’s own envelope both ways', () => {
		expect(envelope.is(valid)).toBe(true);
		expect(envelope.schema.safeParse(valid).success).toBe(true);
	});

	it('the hand-written test and the zod schema agree on every body', () => {
		fc.assert(
			fc.property(fc.oneof(mutated(valid), fc.jsonValue()), (body) => {
				expect(envelope.is(body)).toBe(envelope.schema.safeParse(body).success);
			}),
			{ numRuns: 2000, seed: 20261204 },
		);
	});
});
