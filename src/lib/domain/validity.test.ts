import { describe, expect, it } from 'vitest';
import { checkValidityPeriod, expectedValidTo, isExpired, validityYears } from './validity.ts';

describe('validity period rule (居民身份证法 art. 5)', () => {
	it('gives 5/10/20 years and long-term at the age brackets', () => {
		expect([0, 15, 16, 25, 26, 45, 46, 90].map(validityYears)).toEqual([
			5,
			5,
			10,
			10,
			20,
			20,
			null,
			null
		]);
	});
	it('uses the age on the start date, with the boundary birthday days', () => {
		// Born 1990-03-01: 16 on 2006-03-01, 26 on 2016-03-01, 46 on 2036-03-01.
		expect(expectedValidTo('1990-03-01', '2006-02-28')).toBe('2011-02-28');
		expect(expectedValidTo('1990-03-01', '2006-03-01')).toBe('2016-03-01');
		expect(expectedValidTo('1990-03-01', '2016-02-29')).toBe('2026-03-01');
		expect(expectedValidTo('1990-03-01', '2016-03-01')).toBe('2036-03-01');
		expect(expectedValidTo('1990-03-01', '2036-02-29')).toBe('2056-02-29');
		expect(expectedValidTo('1990-03-01', '2036-03-01')).toBe('长期');
	});
	it('accepts matching periods, including 长期 for 46 and over', () => {
		expect(checkValidityPeriod('1985-05-01', '2015-03-01', '2035-03-01')).toEqual({
			ok: true,
			expected: '2035-03-01'
		});
		expect(checkValidityPeriod('1960-01-01', '2015-03-01', '长期').ok).toBe(true);
	});
	it('rejects a wrong term and says what was expected', () => {
		expect(checkValidityPeriod('1985-05-01', '2015-03-01', '2025-03-01')).toEqual({
			ok: false,
			problem: 'wrong_term',
			expected: '2035-03-01'
		});
		expect(checkValidityPeriod('1985-05-01', '2015-03-01', '长期')).toMatchObject({ ok: false });
		expect(checkValidityPeriod('1960-01-01', '2015-03-01', '2035-03-01')).toMatchObject({
			ok: false,
			expected: '长期'
		});
	});
	it('allows the younger term when the birthday fell within the 60-day issuing lag', () => {
		// Turned 16 on 2006-03-01, applied in February at 15, card printed 2006-03-20 with 5 years.
		expect(checkValidityPeriod('1990-03-01', '2006-03-20', '2011-03-20').ok).toBe(true);
		// … but not when the birthday was 61 days before the start.
		expect(checkValidityPeriod('1990-03-01', '2006-05-01', '2011-05-01').ok).toBe(false);
	});
	it('handles a card starting on 29 February', () => {
		expect(checkValidityPeriod('1980-01-01', '2012-02-29', '2032-02-29').ok).toBe(true);
		expect(checkValidityPeriod('1990-01-01', '2012-02-29', '2022-03-01').ok).toBe(true);
		expect(checkValidityPeriod('1990-01-01', '2012-02-29', '2022-02-28').ok).toBe(true);
		expect(checkValidityPeriod('1990-01-01', '2012-02-29', '2022-03-02').ok).toBe(false);
	});
	it('rejects impossible dates and a start before birth', () => {
		expect(checkValidityPeriod('1990-01-01', '2015-02-30', '2035-02-30')).toEqual({
			ok: false,
			problem: 'invalid_dates'
		});
		expect(checkValidityPeriod('1990-01-01', '1989-01-01', '1994-01-01')).toEqual({
			ok: false,
			problem: 'before_birth'
		});
	});
});

describe('isExpired', () => {
	it('is still valid on the last day (in Beijing) and expired the day after', () => {
		expect(isExpired('2026-11-23', new Date('2026-11-23T15:59:00Z'))).toBe(false);
		expect(isExpired('2026-11-23', new Date('2026-11-23T16:00:00Z'))).toBe(true);
	});
	it('never expires a long-term card', () => {
		expect(isExpired('长期', new Date('2199-01-01T00:00:00Z'))).toBe(false);
	});
});
