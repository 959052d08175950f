import { z } from 'zod';

import { isValidNhsNumber, nhsNumber, optionalField, phoneNumber, ukPostcode, wholeNumber } from '../../../nodes/shared/validation';

/** The shared input checks, against independently worked examples. */

/** Modulus 11 written out from the NHS Data Dictionary, to check the implementation against. */
function expectedCheckDigit(nine: string): number | 'none' {
	const sum = nine.split('').reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
	const check = 11 - (sum % 11);
	if (check === 11) return 0;
	return check === 10 ? 'none' : check;
}

describe('NHS numbers', () => {
	it.each(['9434765919', '9434765870', '9990000018', '4010232137'])('accepts %s', (number) => {
		expect(isValidNhsNumber(number)).toBe(true);
	});

	it('accepts exactly the one right check digit for many prefixes, and none when the check would be 10', () => {
		for (let prefix = 943476500; prefix < 943476700; prefix++) {
			const nine = String(prefix);
			const expected = expectedCheckDigit(nine);
			const valid = Array.from({ length: 10 }, (_, digit) => digit).filter((digit) => isValidNhsNumber(`${nine}${digit}`));
			expect(valid).toEqual(expected === 'none' ? [] : [expected]);
		}
	});

	it('reads spaces as printed on letters and refuses other lengths', () => {
		expect(nhsNumber().parse('943 476 5919')).toBe('9434765919');
		expect(nhsNumber().safeParse('943 476 591').success).toBe(false);
		expect(nhsNumber().safeParse('94347659190').success).toBe(false);
		expect(nhsNumber().safeParse('943-476-5919').success).toBe(false);
	});
});

describe('phone numbers and postcodes', () => {
	it.each(['07700 900123', '+44 7700 900123', '+44 (0)7700-900123', '0113 496 0000'])('accepts the phone number %s', (value) => {
		expect(phoneNumber().safeParse(value).success).toBe(true);
	});

	it.each(['call me', '12345', '+44 7700 900123 ext', '0770090012300000000'])('refuses the phone number %s', (value) => {
		expect(phoneNumber().safeParse(value).success).toBe(false);
	});

	it.each(['LS1 4AP', 'ls14ap', 'SW1A 1AA', 'M1 1AE', 'EC1A 1BB'])('accepts the postcode %s', (value) => {
		expect(ukPostcode().safeParse(value).success).toBe(true);
	});

	it.each(['90210', 'LS1', '1AA LS1', ''])('refuses the postcode "%s"', (value) => {
		expect(ukPostcode().safeParse(value).success).toBe(false);
	});
});

describe('optionalField', () => {
	it('reads an empty text field as absent, and checks anything else', () => {
		const schema = z.object({ email: optionalField(z.string().email()) });
		expect(schema.parse({ email: '' })).toEqual({ email: undefined });
		expect(schema.parse({})).toEqual({ email: undefined });
		expect(schema.safeParse({ email: 'not-an-email' }).success).toBe(false);
	});
});

describe('wholeNumber', () => {
	it('takes numbers and digits written as text, and names the field when refusing', () => {
		expect(wholeNumber('Duration', 1).parse(15)).toBe(15);
		expect(wholeNumber('Duration', 1).parse(' 15 ')).toBe(15);
		expect(wholeNumber('Duration', 1).safeParse(0).error?.issues[0].message).toBe('Duration must be at least 1');
		expect(wholeNumber('Duration').safeParse(1.5).error?.issues[0].message).toBe('Duration must be a whole number');
		expect(wholeNumber('Duration').safeParse('15 minutes').error?.issues[0].message).toBe('Duration must be a number');
	});
});
