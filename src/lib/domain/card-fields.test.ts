import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { classifyCard, parseIdFront } from './card-fields.ts';
import { bankCardLines, idBackLines, idFrontLines } from './synthetic-lines.ts';

const L = (text: string): OcrLine => ({ text, box: [100, 100, 300, 40], score: 0.9 });
const front = idFrontLines({
	name: '李四',
	sex: '女',
	ethnicity: '回',
	birth: '1985-07-15',
	address: '宁夏回族自治区银川市兴庆区解放东街1号',
	idNumber: '11010519491231002X'
});

describe('classifyCard', () => {
	it('recognises the photo side, even from the number alone', () => {
		expect(classifyCard(front)).toBe('id-front');
		expect(classifyCard([L('11010519491231002X'), L('姓名')])).toBe('id-front');
	});
	it('finds the number in a run one digit long (a label character read as a digit)', () => {
		// Golden lines (cards2 dev, motion-blurred photo side): the label read as #线电#电.
		const blurred: OcrLine[] = [
			{ text: '出券4号83号', box: [182, 330, 211, 40], score: 0.74 },
			{ text: '#线电#电8340827198611276187', box: [70, 429, 768, 53], score: 0.81 }
		];
		expect(classifyCard(blurred)).toBe('id-front');
		expect(parseIdFront(blurred).idNumber).toBe('340827198611276187');
		// A Luhn-valid 19-digit run stays a bank card number.
		expect(classifyCard([L('6221505118778472320'), L('银联')])).not.toBe('id-front');
	});
	it('recognises the emblem side', () => {
		const back = idBackLines({
			authority: '银川市公安局兴庆分局',
			validFrom: '2010-01-01',
			validTo: '2030-01-01'
		});
		expect(classifyCard(back)).toBe('id-back');
		expect(classifyCard([L('2015.03.01-长期')])).toBe('id-back');
	});
	it('recognises a bank card', () => {
		expect(
			classifyCard(bankCardLines({ bank: '中国农业银行', cardNumber: '6228480402564890018' }))
		).toBe('bank');
		expect(classifyCard([L('6228 4804 0256 4890 018')])).toBe('bank');
	});
	it('does not take an ID number that happens to pass Luhn for a bank card', () => {
		// 440304199001010089 passes both the ID check and Luhn.
		expect(classifyCard([L('440304199001010089'), L('住址')])).toBe('id-front');
	});
	it('says unknown for other pictures and for too little text', () => {
		expect(classifyCard([])).toBe('unknown');
		expect(classifyCard([L('超市收银小票'), L('合计 35.50')])).toBe('unknown');
		expect(classifyCard([L('姓名')])).toBe('unknown');
	});
});
