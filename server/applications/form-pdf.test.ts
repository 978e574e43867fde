import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../testing/harness.ts';
import { buildFormPdf, maskCard } from './form-pdf.ts';

const submission = {
	applicant: {
		name: '欧阳娜娜',
		idNumber: '11010519491231002X',
		validFrom: '2020-01-01',
		validTo: null,
		phone: '13800138000',
		address: '北京市东城区东四十条街道和平里北街一百二十三号院十五号楼三单元一千零一室'
	},
	bankCard: { number: '6228480402564890018' },
	kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' },
	signaturePng: TINY_PNG
} as const;

/** The PDF's text as a reader extracts it (poppler's pdftotext, from Debian). */
function pdfText(bytes: Uint8Array): string {
	const dir = mkdtempSync(join(tmpdir(), 'kaihu-pdf-'));
	try {
		writeFileSync(join(dir, 'form.pdf'), bytes);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'form.pdf'), '-'], {
			encoding: 'utf8'
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

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
