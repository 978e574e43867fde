/**
 * Ideal OCR lines for card fields, placed where GA 448-2013 prints them on a rectified card
 * (856×540 px). For tests of the parsers and of the OCR pipeline: what a perfect recogniser
 * would return.
 */
import type { OcrLine } from './card-layout.ts';

/** Width of one printed character in px (values ≈ 3.2 mm, labels narrower with gaps). */
const CHAR = 32;
const DIGIT = 21;
/** Characters per address line (the address column is about 32 mm wide). */
export const ADDRESS_CHARS_PER_LINE = 11;

function line(text: string, x: number, y: number, charWidth = CHAR, h = 36): OcrLine {
	return { text, box: [x, y, Math.max(1, text.length) * charWidth, h], score: 0.99 };
}

/** Splits an address into printed lines of {@link ADDRESS_CHARS_PER_LINE} characters (max 3). */
export function addressLines(address: string): string[] {
	const out: string[] = [];
	for (let i = 0; i < address.length && out.length < 3; i += ADDRESS_CHARS_PER_LINE)
		out.push(address.slice(i, i + ADDRESS_CHARS_PER_LINE));
	return out;
}

const date = (iso: string) => {
	const [y, m, d] = iso.split('-').map(Number);
	return `${y}年${m}月${d}日`;
};

/** Photo-side lines, one per label and value (the OCR engine's usual output). */
export function idFrontLines(f: {
	name: string;
	sex: string;
	ethnicity: string;
	birth: string;
	address: string;
	idNumber: string;
}): OcrLine[] {
	return [
		line('姓名', 75, 101, 28, 30),
		line(f.name, 180, 98),
		line('性别', 75, 161, 28, 30),
		line(f.sex, 180, 158),
		line('民族', 266, 161, 28, 30),
		line(f.ethnicity, 370, 158),
		line('出生', 75, 224, 28, 30),
		line(date(f.birth), 180, 221, 24),
		line('住址', 75, 287, 28, 30),
		...addressLines(f.address).map((t, i) => line(t, 180, 284 + i * 48)),
		line('公民身份号码', 73, 444, 28, 30),
		line(f.idNumber, 290, 440, DIGIT, 40)
	];
}

/** Emblem-side lines. */
export function idBackLines(f: {
	authority: string;
	validFrom: string;
	validTo: string;
}): OcrLine[] {
	const dot = (d: string) => (d === '长期' ? d : d.replaceAll('-', '.'));
	return [
		line('中华人民共和国', 300, 80, 48, 50),
		line('居民身份证', 250, 170, 70, 70),
		line('签发机关', 204, 385, 28, 30),
		line(f.authority, 370, 382),
		line('有效期限', 204, 450, 28, 30),
		line(`${dot(f.validFrom)}-${dot(f.validTo)}`, 370, 447, 20)
	];
}

/** Bank-card lines: the bank's name and the number in groups of four. */
export function bankCardLines(f: { bank: string; cardNumber: string }): OcrLine[] {
	const grouped = f.cardNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
	return [
		line(f.bank, 60, 40, 40, 44),
		line(grouped, 70, 300, 28, 44),
		line('银联', 720, 440, 30, 40)
	];
}
