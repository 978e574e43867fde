import { describe, expect, it } from 'vitest';
import type { OcrLine } from './card-layout.ts';
import { parseBankCard } from './card-fields.ts';
import { bankCardLines } from './synthetic-lines.ts';

const L = (text: string, x: number, y: number, w: number, h = 40): OcrLine => ({
	text,
	box: [x, y, w, h],
	score: 0.9
});
const ABC = '6228480402564890018';

describe('parseBankCard', () => {
	it('reads a grouped number and names the bank from its BIN', () => {
		expect(parseBankCard(bankCardLines({ bank: '中国农业银行', cardNumber: ABC }))).toEqual({
			cardNumber: ABC,
			bank: '中国农业银行'
		});
	});
	it('joins number groups that OCR returned as separate boxes', () => {
		const lines = ['6228', '4804', '0256', '4890', '018'].map((g, i) =>
			L(g, 70 + i * 140, 300 + (i % 2), 110)
		);
		expect(parseBankCard(lines).cardNumber).toBe(ABC);
	});
	it('fixes digit look-alikes in the number', () => {
		expect(parseBankCard([L('6228 48O4 O256 4B9O Ol8', 70, 300, 600)]).cardNumber).toBe(ABC);
	});
	it('ignores the expiry date and the hotline', () => {
		const lines = [
			L('95599', 600, 60, 120),
			L('6228 4804 0256 4890 018', 70, 300, 600),
			L('12/28', 300, 380, 100)
		];
		expect(parseBankCard(lines)).toEqual({ cardNumber: ABC, bank: '中国农业银行' });
	});
	it('falls back to the printed bank name when the number fails Luhn', () => {
		const lines = [L('招商银行', 60, 40, 160), L('6225 8800 0000 0001', 70, 300, 600)];
		expect(parseBankCard(lines)).toEqual({ cardNumber: '6225880000000001', bank: '招商银行' });
	});
	it('maps short printed names to the full bank name', () => {
		expect(parseBankCard([L('工商银行', 60, 40, 160)])).toEqual({ bank: '中国工商银行' });
	});
	it('returns nothing for a card without numbers or names', () => {
		expect(parseBankCard([L('会员卡', 60, 40, 160), L('2024', 60, 300, 100)])).toEqual({});
	});
});
