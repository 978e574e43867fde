import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FORM_FIELDS, pdfText } from '../testing/form-pdf.ts';
import { TINY_PNG } from '../testing/harness.ts';
import { buildFormPdf, maskCard } from './form-pdf.ts';

const submission = { ...FORM_FIELDS, signaturePng: TINY_PNG } as const;

describe('application form PDF', () => {
	const png = Buffer.from(TINY_PNG, 'base64');
	const at = new Date('2026-01-02T03:04:05Z');

	it('draws the Chinese name, address and labels as real text with an embedded CJK subset', async () => {
		const { bytes } = await buildFormPdf('app-1', submission, png, 'low', at);
		const text = pdfText(bytes);
		expect(text).toContain('欧阳娜娜');
		expect(text).toContain('开户申请书');
		expect(text).toContain('长期');
		// The long address wraps onto several lines; joined again it is whole.
		expect(text.replace(/\s+/g, '')).toContain(submission.applicant.address);
		expect(text).toContain('622848******0018');
		expect(text).not.toContain('6228480402564890018');
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw).toContain('/FontFile2');
		expect(raw).toContain('KAIHUA+NotoSansSC-Regular');
		expect(raw).toContain('/Subtype /Image');
		// A subset, not the 10 MB font.
		expect(bytes.length).toBeLessThan(200_000);
	});

	it('is one page with a stable hash for the same input', async () => {
		const a = await buildFormPdf('app-1', submission, png, 'low', at);
		const b = await buildFormPdf('app-1', submission, png, 'low', at);
		expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(b.sha256).toBe(a.sha256);
		const doc = await PDFDocument.load(a.bytes);
		expect(doc.getPageCount()).toBe(1);
		expect(doc.getTitle()).toBe('Kaihu account application app-1');
	});

	it('masks card numbers', () => {
		expect(maskCard('6228480402564890018')).toBe('622848******0018');
	});
});
