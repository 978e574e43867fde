import { describe, expect, it } from 'vitest';
import { cardKind } from './kind.ts';
import type { OcrLine } from './protocol.ts';

const lines = (...texts: string[]): OcrLine[] =>
	texts.map((text) => ({ text, box: [0, 0, 10, 10], score: 0.99 }));

describe('card side from OCR lines', () => {
	it('recognises each side by its printed labels', () => {
		expect(
			cardKind(lines('姓名', '张三', '性别', '男', '公民身份号码', '11010519491231002X'))
		).toBe('id-front');
		expect(
			cardKind(lines('中华人民共和国', '居民身份证', '签发机关', '北京市公安局东城分局'))
		).toBe('id-back');
		expect(cardKind(lines('中国农业银行', '6228 4800 1234 5678 901', '银联'))).toBe('bank');
	});
	it('says unknown for other text', () => {
		expect(cardKind(lines('购物清单', '合计 12.80 元'))).toBe('unknown');
		expect(cardKind([])).toBe('unknown');
	});
});
