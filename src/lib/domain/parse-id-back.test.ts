import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { parseIdBack } from './card-fields.ts';
import { idBackLines } from './synthetic-lines.ts';

const L = (text: string, x: number, y: number, w: number, h = 36): OcrLine => ({
	text,
	box: [x, y, w, h],
	score: 0.9
});
const withValidity = (text: string) => [
	L('签发机关', 204, 385, 120, 30),
	L('北京市公安局东城分局', 370, 382, 320),
	L('有效期限', 204, 450, 120, 30),
	L(text, 370, 447, 400)
];

describe('parseIdBack', () => {
	it('reads the authority and a dated period', () => {
		const f = { authority: '北京市公安局东城分局', validFrom: '2015-03-01', validTo: '2035-03-01' };
		expect(parseIdBack(idBackLines(f))).toEqual(f);
	});
	it('reads a long-term period', () => {
		const f = { authority: '上海市公安局浦东分局', validFrom: '2009-12-30', validTo: '长期' };
		expect(parseIdBack(idBackLines(f))).toEqual(f);
	});
	it.each([
		['2015.03.01一2035.03.01', '2035-03-01'],
		['2015.03.01—2035.03.01', '2035-03-01'],
		['20150301-20350301', '2035-03-01'],
		['2O15.O3.0l-2035.03.0l', '2035-03-01'],
		['２０１５．０３．０１－２０３５．０３．０１', '2035-03-01'],
		['2015.03.01-长期', '长期'],
		['2015.03.01-長期', '长期'],
		['2015.03.01一长其', '长期'],
		['2015.03.01-长', '长期'],
		['2015.03.01-期', '长期']
	])('reads the OCR variant %s', (text, validTo) => {
		expect(parseIdBack(withValidity(text))).toEqual({
			authority: '北京市公安局东城分局',
			validFrom: '2015-03-01',
			validTo
		});
	});
	it('splits labels merged with their values and places mis-read labels by layout', () => {
		const lines = [
			L('签发机美北京市公安局东城分局', 204, 382, 480),
			L('有效期限2015.03.01-2035.03.01', 204, 447, 560)
		];
		expect(parseIdBack(lines)).toEqual({
			authority: '北京市公安局东城分局',
			validFrom: '2015-03-01',
			validTo: '2035-03-01'
		});
	});
	it('ignores the header lines and leaves out an unreadable end date', () => {
		const lines = [
			L('中华人民共和国', 300, 80, 340),
			L('居民身份证', 250, 170, 350),
			...withValidity('2015.03.01-')
		];
		expect(parseIdBack(lines)).toEqual({
			authority: '北京市公安局东城分局',
			validFrom: '2015-03-01'
		});
	});

	// Golden lines from the cards2 dev bench (wide-set labels merged with their values).
	it('keeps a date whose label OCR read short (有票2017… → 2017-05-12, 长期)', () => {
		const lines = [
			{ text: '中华人民共和国', box: [293, 76, 402, 58], score: 0.99 },
			{ text: '居民身份证', box: [274, 172, 441, 72], score: 0.99 },
			{ text: '发机美政湖县公安局', box: [201, 375, 350, 47], score: 0.7 },
			{ text: '有票2017.05.12长', box: [201, 443, 460, 42], score: 0.86 }
		] satisfies OcrLine[];
		expect(parseIdBack(lines)).toMatchObject({ validFrom: '2017-05-12', validTo: '长期' });
	});
	it('splits two dates run together, the dash lost', () => {
		const lines = [
			L('签发机关', 204, 385, 120, 30),
			L('北京市公安局东城分局', 370, 382, 320),
			{ text: '客家2007.03.08202703.06', box: [206, 434, 508, 52], score: 0.8 }
		] satisfies OcrLine[];
		expect(parseIdBack(lines)).toMatchObject({ validFrom: '2007-03-08', validTo: '2027-03-06' });
		expect(parseIdBack(withValidity('2016.05.01 2036.05.01'))).toMatchObject({
			validFrom: '2016-05-01',
			validTo: '2036-05-01'
		});
	});
	it('does not take a mis-read label’s digits for label characters (有效2010.… keeps 20)', () => {
		const lines = [
			L('签发机关', 204, 385, 120, 30),
			L('北京市公安局东城分局', 370, 382, 320),
			{ text: '有效2010.10.13-2030.10.13', box: [204, 447, 520, 40], score: 0.8 }
		] satisfies OcrLine[];
		expect(parseIdBack(lines)).toMatchObject({ validFrom: '2010-10-13', validTo: '2030-10-13' });
	});
});
