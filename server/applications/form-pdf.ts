/**
 * The generated application form (pdf-lib) in Chinese and English with the customer's drawn
 * signature. Text is set in Noto Sans SC (embedded as a subset, ./form-font.ts), so names and
 * addresses are real, searchable Chinese text. Its sha256 is stored with the application so a
 * later copy can be checked against what was signed; the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Submission } from '../../src/lib/domain/application-schema.ts';
import type { RiskRating } from '../../src/lib/domain/kyc.ts';
import { formFontBytes } from './form-font.ts';
import { cachingFontkit } from './form-fontkit.ts';
import { useNativeDeflate } from './form-pdf-deflate.ts';

useNativeDeflate();

export interface FormPdf {
	bytes: Uint8Array;
	sha256: string;
}

/** What the form shows of a submission (the rest of it stays sealed in the application). */
export type FormFields = Pick<Submission, 'applicant' | 'bankCard' | 'kyc'>;

export function maskCard(number: string): string {
	return `${number.slice(0, 6)}******${number.slice(-4)}`;
}

/** The form's fixed texts: title, labels, the account class (their layouts are memoised). */
const TITLE = '个人银行结算账户（Ⅱ类户）开户申请书';
const SUBTITLE = 'Application to open a Class II personal account';
const SIGNATURE_LABEL = '申请人签名 Signature of the applicant';
const ACCOUNT_CLASS = 'Ⅱ类户：非绑定账户转出日累计 ≤ 1万元，年累计 ≤ 20万元';
const LABELS = {
	id: ['申请编号', 'Application'],
	name: ['姓名', 'Name'],
	idNumber: ['公民身份号码', 'ID number'],
	validity: ['证件有效期', 'ID valid'],
	phone: ['手机号码', 'Mobile'],
	address: ['住址', 'Address'],
	card: ['绑定银行卡', 'Linked bank card'],
	occupation: ['职业', 'Occupation'],
	income: ['收入区间', 'Income band'],
	purpose: ['开户目的', 'Purpose'],
	risk: ['风险等级', 'Risk rating'],
	accountClass: ['账户类别', 'Account class'],
	signedAt: ['签署时间', 'Signed at']
} as const satisfies Record<string, readonly [zh: string, en: string]>;
type Label = keyof typeof LABELS;

const fixedFontkit = cachingFontkit(
	new Set([TITLE, SUBTITLE, SIGNATURE_LABEL, ACCOUNT_CLASS, ...Object.values(LABELS).flat()])
);

/** A fixed subset name (pdf-lib would add a random tag, and the hash would change per render). */
const FONT_NAME = 'KAIHUA+NotoSansSC-Regular';
const VALUE_X = 210;
const VALUE_WIDTH = 335;

/**
 * Splits `text` into lines no wider than `width` at `size`, character by character (CJK has no
 * spaces to break at); widths are summed per character, which ignores kerning (none in CJK).
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	let used = 0;
	for (const ch of text) {
		const w = font.widthOfTextAtSize(ch, size);
		if (line && used + w > width) {
			lines.push(line);
			line = '';
			used = 0;
		}
		line += ch;
		used += w;
	}
	return [...lines, line];
}

/** Whether pdf-lib can embed the signature (what {@link buildFormPdf} needs; a decode, no font). */
export async function signatureEmbeds(signaturePng: Uint8Array): Promise<boolean> {
	try {
		await (await PDFDocument.create()).embedPng(signaturePng);
		return true;
	} catch {
		return false;
	}
}

export async function buildFormPdf(
	applicationId: string,
	s: FormFields,
	signaturePng: Uint8Array,
	risk: RiskRating,
	signedAt: Date
): Promise<FormPdf> {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fixedFontkit);
	// Fixed metadata dates keep the bytes a function of the content (same input, same hash).
	doc.setCreationDate(signedAt);
	doc.setModificationDate(signedAt);
	doc.setTitle(`Kaihu account application ${applicationId}`);
	doc.setLanguage('zh-CN');
	doc.setProducer('Kaihu');
	doc.setCreator('Kaihu');
	const page = doc.addPage([595, 842]);
	const font = await doc.embedFont(await formFontBytes(), { subset: true, customName: FONT_NAME });
	let y = 790;
	page.drawText(TITLE, { x: 50, y, size: 17, font });
	y -= 20;
	page.drawText(SUBTITLE, {
		x: 50,
		y,
		size: 10,
		font,
		color: rgb(0.35, 0.35, 0.35)
	});
	y -= 28;
	const line = (label: Label, value: string) => {
		const [zh, en] = LABELS[label];
		page.drawText(zh, { x: 50, y, size: 11, font });
		page.drawText(en, { x: 50, y: y - 12, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
		const rows = wrap(value, font, 11, VALUE_WIDTH);
		for (const [i, row] of rows.entries())
			page.drawText(row, { x: VALUE_X, y: y - i * 16, size: 11, font });
		y -= Math.max(28, rows.length * 16 + 8);
	};
	const a = s.applicant;
	line('id', applicationId);
	line('name', a.name);
	line('idNumber', a.idNumber);
	line('validity', `${a.validFrom} 至 ${a.validTo ?? '长期'}`);
	line('phone', a.phone);
	line('address', a.address);
	line('card', maskCard(s.bankCard.number));
	line('occupation', s.kyc.occupation);
	line('income', s.kyc.incomeBand);
	line('purpose', s.kyc.purpose);
	line('risk', risk);
	line('accountClass', ACCOUNT_CLASS);
	line('signedAt', signedAt.toISOString());
	await drawSignature(doc, page, font, signaturePng, y - 6);
	const bytes = await doc.save({ useObjectStreams: false });
	return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function drawSignature(
	doc: PDFDocument,
	page: PDFPage,
	font: PDFFont,
	signaturePng: Uint8Array,
	y: number
): Promise<void> {
	page.drawText(SIGNATURE_LABEL, { x: 50, y, size: 11, font });
	const png = await doc.embedPng(signaturePng);
	const scale = Math.min(300 / png.width, 120 / png.height, 1);
	page.drawRectangle({
		x: 50,
		y: y - 140,
		width: 310,
		height: 130,
		borderColor: rgb(0.6, 0.6, 0.6),
		borderWidth: 1
	});
	page.drawImage(png, { x: 55, y: y - 135, width: png.width * scale, height: png.height * scale });
}
