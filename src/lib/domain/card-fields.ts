/**
 * OCR output → card fields: the contract between the OCR engine (`src/lib/vision/ocr/`) and the
 * rules. Lines carry boxes in rectified-card pixels (856×540); the parsers use both the printed
 * labels and the fixed layout (see `card-layout.ts`).
 */
import { luhnValid } from './bank-card.ts';
import type { OcrLine } from './card-layout.ts';
import { divisionStatus } from './divisions.ts';
import { parseIdNumber } from './id-number.ts';
import { compact, fixDigits } from './ocr-text.ts';

export type { OcrLine } from './card-layout.ts';
export { parseIdFront, type IdFrontFields } from './parse-id-front.ts';
export { parseIdBack, type IdBackFields } from './parse-id-back.ts';
export { parseBankCard, type BankCardFields } from './parse-bank-card.ts';

/** Which card, and which side, a set of lines comes from. */
export type CardKind = 'id-front' | 'id-back' | 'bank' | 'unknown';

const FRONT_WORDS = ['姓名', '性别', '民族', '出生', '住址', '公民身份号码'];
const BACK_WORDS = ['中华人民共和国', '居民身份证', '签发机关', '有效期限', '公安局'];
const BANK_WORDS = [
	'银行',
	'银联',
	'UNIONPAY',
	'VISA',
	'MASTERCARD',
	'借记卡',
	'信用卡',
	'储蓄卡',
	'DEBIT',
	'CREDIT',
	'VALIDTHRU',
	'ATM'
];

/** A valid ID number with a known address code (a random 18-digit run rarely is one). */
function isIdNumber(text: string): boolean {
	const r = parseIdNumber(text);
	return r.ok && divisionStatus(r.info.divisionCode) !== 'unknown';
}

/**
 * A valid ID number as a line's whole digit run, or inside a run one character longer (a label
 * OCR turned into a digit: 电8340827198611276187) that is not itself a bank card number.
 */
function idInRun(d: string): boolean {
	if (d.length === 18) return isIdNumber(d);
	if (d.length !== 19 || luhnValid(d)) return false;
	return isIdNumber(d.slice(0, 18)) || isIdNumber(d.slice(1));
}

/**
 * Classifies by keywords and number patterns; `unknown` unless one kind clearly leads, so a
 * non-card image gets guidance rather than garbage fields.
 * @example classifyCard([{ text: '公民身份号码11010519491231002X', box: [73, 444, 700, 40], score: 0.9 }]) // 'id-front'
 */
export function classifyCard(lines: OcrLine[]): CardKind {
	const texts = lines.map((l) => compact(l.text));
	const all = texts.join('|');
	const upper = all.toUpperCase();
	const digits = texts.map((t) => fixDigits(t).replace(/[^0-9Xx]/g, ''));
	const count = (words: string[], s: string) => words.filter((w) => s.includes(w)).length;

	const idLike = digits.some(idInRun);
	const front = count(FRONT_WORDS, all) + (idLike ? 2 : 0);
	const back =
		count(BACK_WORDS, all) +
		(/\d{4}\.?\d{2}\.?\d{2}[-一—~]+(\d{4}\.?\d{2}\.?\d{2}|长期)/.test(all) ? 2 : 0);
	const bankNumber = lines.some((l) => {
		const d = fixDigits(compact(l.text)).replace(/\D/g, '');
		const isId = isIdNumber(fixDigits(compact(l.text)).replace(/[^0-9Xx]/g, ''));
		return (
			d.length >= 15 && d.length <= 19 && luhnValid(d) && !isId && !/[\u3400-\u9fff]/.test(l.text)
		);
	});
	const bank = count(BANK_WORDS, upper) + (bankNumber ? 2 : 0);

	const ranked = [
		{ kind: 'id-front' as const, s: front },
		{ kind: 'id-back' as const, s: back },
		{ kind: 'bank' as const, s: bank }
	].sort((a, b) => b.s - a.s);
	const [first, second] = ranked;
	return first!.s >= 2 && first!.s > second!.s ? first!.kind : 'unknown';
}
