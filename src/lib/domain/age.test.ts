import { describe, expect, it } from 'vitest';
import { ageOn, isAgeEligible } from './age.ts';

describe('ageOn', () => {
	it('goes up on the birthday, not the day before', () => {
		expect(ageOn('1990-06-15', '2008-06-14')).toBe(17);
		expect(ageOn('1990-06-15', '2008-06-15')).toBe(18);
		expect(ageOn('1990-06-15', '1990-06-15')).toBe(0);
	});
	it('counts a 29 February birthday from 1 March in non-leap years', () => {
		expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
		expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
		expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
	});
	it('rejects impossible dates', () => {
		expect(() => ageOn('1900-02-29', '2000-01-01')).toThrow(RangeError);
	});
});

describe('isAgeEligible (18–70 inclusive)', () => {
	it('starts on the 18th birthday', () => {
		expect(isAgeEligible('2008-11-24', '2026-11-23')).toBe(false);
		expect(isAgeEligible('2008-11-23', '2026-11-23')).toBe(true);
	});
	it('ends the day before the 71st birthday', () => {
		expect(isAgeEligible('1955-11-24', '2026-11-23')).toBe(true);
		expect(isAgeEligible('1955-11-23', '2026-11-23')).toBe(false);
	});
});
