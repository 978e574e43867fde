import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../testing/harness.ts';
import { buildFormPdf, maskCard, winAnsiSafe } from './form-pdf.ts';

const submission = {
	applicant: {
		name: 'Li Lei',
		idNumber: '11010519491231002X',
		validFrom: '2020-01-01',
		validTo: null,
		phone: '13800138000',
		address: '北京市东城区测试路1号'
	},
	bankCard: { number: '6228480402564890018' },
	kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
	signaturePng: TINY_PNG
} as const;

describe('application form PDF', () => {
	it('is a one-page PDF with the signature image, the masked card and a stable hash', async () => {
		const png = Buffer.from(TINY_PNG, 'base64');
		const at = new Date('2026-01-02T03:04:05Z');
		const a = await buildFormPdf('app-1', submission, png, 'low', at);
		const b = await buildFormPdf('app-1', submission, png, 'low', at);
		expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(b.sha256).toBe(a.sha256);
		const doc = await PDFDocument.load(a.bytes);
		expect(doc.getPageCount()).toBe(1);
		expect(doc.getTitle()).toBe('Kaihu account application app-1');
		const text = Buffer.from(a.bytes).toString('latin1');
		expect(text).toContain('/Subtype /Image');
	});

	it('writes non-WinAnsi text as code points and masks card numbers', () => {
		expect(winAnsiSafe('王A')).toBe('U+738BA');
		expect(maskCard('6228480402564890018')).toBe('622848******0018');
	});
});
