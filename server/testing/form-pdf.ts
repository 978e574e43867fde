/**
 * Shared by the form PDF tests: one applicant with a long Chinese address, and the PDF's text as
 * a reader extracts it (poppler's `pdftotext`, from Debian).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormFields } from '../applications/form-pdf.ts';

/** An applicant whose name, address and numbers exercise the CJK subset and the masking. */
export const FORM_FIELDS = {
	applicant: {
		name: '欧阳娜娜',
		idNumber: '11010519491231002X',
		validFrom: '2020-01-01',
		validTo: null,
		phone: '13800138000',
		address: '北京市东城区东四十条街道和平里北街一百二十三号院十五号楼三单元一千零一室'
	},
	bankCard: { number: '6228480402564890018' },
	kyc: { occupation: 'employee', incomeBand: '50k_200k', purpose: 'salary' }
} as const satisfies FormFields;

/** The PDF's text as a reader extracts it. */
export function pdfText(bytes: Uint8Array): string {
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
