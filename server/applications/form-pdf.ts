/**
 * The generated application form (pdf-lib) with the customer's drawn signature. Its sha256 is
 * stored with the application so a later copy can be checked against what was signed.
 *
 * Limitation: pdf-lib's standard fonts are WinAnsi only, so Chinese text (names, addresses) is
 * written as Unicode code points (U+XXXX) until a CJK font can be embedded (the Debian Noto CJK
 * files are .ttc collections, which pdf-lib's fontkit path cannot embed directly).
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Submission } from '../../src/lib/domain/application-schema.ts';
import type { RiskRating } from '../../src/lib/domain/kyc.ts';

export interface FormPdf {
	bytes: Uint8Array;
	sha256: string;
}

/** WinAnsi-safe text: printable ASCII kept, anything else as U+XXXX. */
export function winAnsiSafe(text: string): string {
	return [...text]
		.map((ch) =>
			/^[\x20-\x7e]$/.test(ch) ? ch : `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}`
		)
		.join('');
}

export function maskCard(number: string): string {
	return `${number.slice(0, 6)}******${number.slice(-4)}`;
}

export async function buildFormPdf(
	applicationId: string,
	s: Submission,
	signaturePng: Uint8Array,
	risk: RiskRating,
	signedAt: Date
): Promise<FormPdf> {
	const doc = await PDFDocument.create();
	// Fixed metadata dates keep the bytes a function of the content (same input, same hash).
	doc.setCreationDate(signedAt);
	doc.setModificationDate(signedAt);
	doc.setTitle(`Kaihu account application ${applicationId}`);
	doc.setProducer('Kaihu');
	doc.setCreator('Kaihu');
	const page = doc.addPage([595, 842]);
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const bold = await doc.embedFont(StandardFonts.HelveticaBold);
	let y = 790;
	page.drawText('Kaihu - Application to open a Class II account', {
		x: 50,
		y,
		size: 16,
		font: bold
	});
	y -= 30;
	const line = (label: string, value: string) => {
		page.drawText(label, { x: 50, y, size: 11, font: bold });
		// Wrap long values (addresses written as code points) within the column.
		let rest = winAnsiSafe(value);
		do {
			let n = rest.length;
			while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), 11) > 345) n--;
			page.drawText(rest.slice(0, n), { x: 200, y, size: 11, font });
			rest = rest.slice(n);
			y -= 16;
		} while (rest.length > 0);
		y -= 4;
	};
	const a = s.applicant;
	line('Application', applicationId);
	line('Name', a.name);
	line('ID number', a.idNumber);
	line('ID valid', `${a.validFrom} to ${a.validTo ?? 'long-term'}`);
	line('Mobile', a.phone);
	line('Address', a.address);
	line('Linked bank card', maskCard(s.bankCard.number));
	line('Occupation', s.kyc.occupation);
	line('Income band', s.kyc.incomeBand);
	line('Purpose', s.kyc.purpose);
	line('Risk rating', risk);
	line('Account class', 'II (outflow <= 10,000 CNY/day, <= 200,000 CNY/year)');
	line('Signed at', signedAt.toISOString());
	y -= 10;
	page.drawText('Signature of the applicant:', { x: 50, y, size: 11, font: bold });
	const png = await doc.embedPng(signaturePng);
	const scale = Math.min(300 / png.width, 120 / png.height, 1);
	page.drawRectangle({
		x: 50,
		y: y - 135,
		width: 310,
		height: 130,
		borderColor: rgb(0.6, 0.6, 0.6),
		borderWidth: 1
	});
	page.drawImage(png, { x: 55, y: y - 130, width: png.width * scale, height: png.height * scale });
	const bytes = await doc.save({ useObjectStreams: false });
	return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
