import { describe, expect, it } from 'vitest';
import { BinTableError, buildBinTable } from './bank-bins.ts';

function source(banks: number): string {
	let s = 'var bankcardList = [';
	for (let b = 0; b < banks; b++) {
		s += `{\n    bankName: "银行${b}",\n    bankCode: "B${b}",\n    patterns: [{\n`;
		const prefixes = Array.from({ length: 10 }, (_, i) => String(620000 + b * 10 + i)).join('|');
		s += `      reg: /^(${prefixes})\\d{13}$/g,\n      cardType: "DC"\n    }, {\n`;
		s += `      reg: /^(${prefixes})\\d{10}$/g,\n      cardType: "CC"\n    }]\n  }, `;
	}
	return s + ']';
}

describe('buildBinTable', () => {
	it('expands every prefix with its full length, type and bank', () => {
		const t = buildBinTable(source(120), 'x');
		expect(t.banks).toHaveLength(120);
		const bins = t.bins.split(',');
		expect(bins).toHaveLength(2400);
		expect(bins[0]).toBe('620000.19.D.0');
		expect(bins).toContain('620000.16.C.0');
	});
	it('fails loudly when a pattern has an unexpected shape', () => {
		const bad = source(120).replace('\\d{13}$/g', '\\d{13,14}$/g');
		expect(() => buildBinTable(bad, 'x')).toThrow(BinTableError);
	});
});
