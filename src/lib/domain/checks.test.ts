import { describe, expect, it } from 'vitest';
import { ageOn, idCheckChar, idNumberProblem, luhnCheckDigit, luhnValid } from './checks.ts';

describe('ID number', () => {
	it('accepts the GB 11643 example and computes its X check character', () => {
		expect(idCheckChar('11010519491231002')).toBe('X');
		expect(idNumberProblem('11010519491231002X')).toBeNull();
	});
	it('names the problem with a wrong check digit, date or format', () => {
		expect(idNumberProblem('110105194912310021')).toBe('check_digit');
		expect(idNumberProblem('110105194902300021')).toBe('birth_date');
		expect(idNumberProblem('11010519491231002x')).toBe('format');
		expect(idNumberProblem('1101051949')).toBe('format');
	});
	it('computes age in whole years around the birthday', () => {
		const today = new Date(Date.UTC(2026, 5, 15));
		expect(ageOn('2008-06-15', today)).toBe(18);
		expect(ageOn('2008-06-16', today)).toBe(17);
	});
});

describe('Luhn', () => {
	it('validates bank card numbers and builds check digits', () => {
		expect(luhnValid('6228480402564890018')).toBe(true);
		expect(luhnValid('6228480402564890017')).toBe(false);
		expect(luhnCheckDigit('622848040256489001')).toBe('8');
		expect(luhnValid('abc')).toBe(false);
	});
});
