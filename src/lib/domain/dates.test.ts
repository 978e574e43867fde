import { describe, expect, it } from 'vitest';
import { addDays, addYears, chinaDate, daysBetween, isLeapYear, isValidDate } from './dates.ts';

describe('calendar dates', () => {
	it('knows the Gregorian leap years', () => {
		expect([1900, 2000, 2024, 2100, 2023].map(isLeapYear)).toEqual([
			false,
			true,
			true,
			false,
			false
		]);
	});
	it('validates real dates only', () => {
		expect(isValidDate('2000-02-29')).toBe(true);
		expect(isValidDate('1900-02-29')).toBe(false);
		expect(isValidDate('2023-04-31')).toBe(false);
		expect(isValidDate('2023-4-1')).toBe(false);
	});
	it('moves 29 February to 1 March in a non-leap year', () => {
		expect(addYears('2012-02-29', 10)).toBe('2022-03-01');
		expect(addYears('2012-02-29', 20)).toBe('2032-02-29');
		expect(addYears('2015-03-01', 20)).toBe('2035-03-01');
	});
	it('adds days across month and year ends', () => {
		expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
	});
	it('takes the date in Beijing (UTC+8), not the machine time zone', () => {
		expect(chinaDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
		expect(chinaDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
	});
});
