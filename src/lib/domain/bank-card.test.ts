import { describe, expect, it } from 'vitest';
import {
	allBins,
	BANK_NAMES,
	cardDigits,
	lookupBin,
	luhnCheckDigit,
	luhnValid
} from './bank-card.ts';

function withCheck(partial: string): string {
	return partial + luhnCheckDigit(partial);
}

describe('Luhn', () => {
	it('accepts known-good numbers', () => {
		expect(luhnValid('6228480402564890018')).toBe(true);
		expect(luhnValid('4111111111111111')).toBe(true);
		expect(luhnValid('79927398713')).toBe(true);
	});
	it('rejects a changed digit and a swap of adjacent digits', () => {
		expect(luhnValid('6228480402564890019')).toBe(false);
		expect(luhnValid('6228480402564890108')).toBe(false);
		expect(luhnValid('79927398731')).toBe(false);
	});
	it('rejects non-digits and empty input', () => {
		expect(luhnValid('')).toBe(false);
		expect(luhnValid('6228 4804')).toBe(false);
	});
	it('computes the check digit', () => {
		expect(luhnCheckDigit('622848040256489001')).toBe('8');
		expect(luhnCheckDigit('7992739871')).toBe('3');
	});
	it('keeps digits only', () => {
		expect(cardDigits('6228 4804-0256 4890 018')).toBe('6228480402564890018');
	});
});

describe('BIN lookup (bankcardinfo local table)', () => {
	it('finds 中国农业银行 debit, 19 digits for 622848', () => {
		expect(lookupBin('6228480402564890018')).toEqual({
			bin: '622848',
			bank: '中国农业银行',
			cardType: 'debit',
			length: 19
		});
	});
	it('finds credit cards', () => {
		expect(lookupBin(withCheck('625808000000000'))).toMatchObject({
			bank: '广发银行',
			cardType: 'credit'
		});
	});
	it('prefers the longest prefix', () => {
		expect(lookupBin(withCheck('622498020000000000'))?.bank).toBe('秦皇岛市商业银行');
		expect(lookupBin(withCheck('622498990000000000'))?.bank).toBe('河北银行');
	});
	it('uses the number length to pick between banks sharing a prefix', () => {
		expect(lookupBin(withCheck('62230200000000000'))?.bank).toBe('中国工商银行'); // 18 digits
		expect(lookupBin(withCheck('622302000000000'))?.bank).toBe('广东省农村信用社联合社'); // 16
		// A 15-digit 62829… is 柳州银行's, a 16-digit 628290… 招商银行's.
		expect(lookupBin(withCheck('62829000000000'))?.bank).toBe('柳州银行');
		expect(lookupBin(withCheck('628290000000000'))?.bank).toBe('招商银行');
	});
	it('still names the issuer of a partial number', () => {
		expect(lookupBin('622848')?.bank).toBe('中国农业银行');
	});
	it('returns nothing for an unknown prefix', () => {
		expect(lookupBin('4111111111111111')).toBeUndefined();
		expect(lookupBin('')).toBeUndefined();
	});
	it('has the whole table', () => {
		expect(BANK_NAMES).toHaveLength(125);
		expect(allBins().length).toBeGreaterThan(1700);
	});
});
