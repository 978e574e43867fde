import { describe, expect, it } from 'vitest';
import {
	compact,
	digitShare,
	findDates,
	fixDigits,
	isLongTermText,
	toHalfWidth
} from './ocr-text.ts';

describe('OCR text clean-up', () => {
	it('turns full-width forms into ASCII', () => {
		expect(toHalfWidth('１２３ＡＢｘ（）：．')).toBe('123ABx():.');
		expect(compact('姓 名\u3000张 三')).toBe('姓名张三');
	});
	it('fixes digit look-alikes only where it is asked to', () => {
		expect(fixDigits('62O2 l234 I5S8 B0Z9')).toBe('6202 1234 1558 8029');
		expect(fixDigits('〇')).toBe('0');
	});
	it('measures how numeric a line is', () => {
		expect(digitShare('6228 48O4')).toBe(1);
		expect(digitShare('中国农业银行')).toBe(0);
		expect(digitShare('')).toBe(0);
	});
	it('reads dates in the forms printed on the card', () => {
		expect(findDates('1990年1月9日')).toEqual(['1990-01-09']);
		expect(findDates('1990年12月31日')).toEqual(['1990-12-31']);
		expect(findDates('2015.03.01-2035.03.01')).toEqual(['2015-03-01', '2035-03-01']);
		expect(findDates('20150301一20350301')).toEqual(['2015-03-01', '2035-03-01']);
		expect(findDates('2O15.O3.0l')).toEqual(['2015-03-01']);
		expect(findDates('2007.03.08202703.06')).toEqual(['2007-03-08', '2027-03-06']);
		expect(findDates('2016.05.01 2036.05.01')).toEqual(['2016-05-01', '2036-05-01']);
	});
	it('drops impossible dates', () => {
		expect(findDates('1900年2月29日')).toEqual([]);
		expect(findDates('2000年2月29日')).toEqual(['2000-02-29']);
		expect(findDates('2015.13.01')).toEqual([]);
	});
	it('recognises 长期 and its OCR variants, not other text', () => {
		for (const t of ['长期', '長期', '长朗', '长', '-期', '镸期'])
			expect(isLongTermText(t)).toBe(true);
		for (const t of ['', '2035.03.01', '期限']) expect(isLongTermText(t)).toBe(false);
	});
});
