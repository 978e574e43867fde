/** Bank card: OCR lines → card number (digits only) and issuing bank. */
import { BANK_NAMES, lookupBin, luhnValid } from './bank-card.ts';
import { readingOrder, type OcrLine } from './card-layout.ts';
import { compact, digitShare, fixDigits } from './ocr-text.ts';

/** Fields read from a bank card. */
export interface BankCardFields {
	/** Digits only. */
	cardNumber?: string;
	bank?: string;
}

/** Short and English names printed on cards, mapped to the table's names. */
const BANK_ALIASES: Record<string, string> = {
	工商银行: '中国工商银行', ICBC: '中国工商银行', 农业银行: '中国农业银行',
	建设银行: '中国建设银行', 邮政储蓄: '中国邮政储蓄银行', 邮储银行: '中国邮政储蓄银行',
	BANKOFCHINA: '中国银行', BANKOFCOMMUNICATIONS: '交通银行', CHINAMERCHANTSBANK: '招商银行'
}; // prettier-ignore

function score(digits: string): number {
	const bin = lookupBin(digits);
	return (
		(luhnValid(digits) ? 4 : 0) +
		(bin ? (bin.length === digits.length ? 2 : 1) : 0) +
		(digits.length === 16 || digits.length === 19 ? 0.5 : 0)
	);
}

function candidates(digits: string): string[] {
	if (digits.length >= 13 && digits.length <= 19) return [digits];
	if (digits.length < 13) return [];
	const out: string[] = [];
	for (let len = 16; len <= 19; len++)
		for (let i = 0; i + len <= digits.length; i++) out.push(digits.slice(i, i + len));
	return out;
}

/** The most plausible card number among the numeric lines, alone and joined per row. */
function findCardNumber(lines: OcrLine[]): string | undefined {
	const numeric = lines.filter((l) => digitShare(l.text) >= 0.7 && compact(l.text).length >= 3);
	const texts = [
		...numeric.map((l) => l.text),
		...readingOrder(numeric).map((row) => row.map((l) => l.text).join(''))
	];
	let best: { digits: string; score: number } | undefined;
	for (const t of texts) {
		const digits = fixDigits(compact(t)).replace(/\D/g, '');
		for (const c of candidates(digits)) {
			const s = score(c);
			if (!best || s > best.score || (s === best.score && c.length > best.digits.length))
				best = { digits: c, score: s };
		}
	}
	return best?.digits;
}

/** A bank named in the card's text (longest name wins: 中国农业银行 over 中国银行). */
function bankFromText(lines: OcrLine[]): string | undefined {
	const text = lines.map((l) => compact(l.text)).join('|');
	const upper = text.toUpperCase();
	let best: string | undefined;
	for (const name of BANK_NAMES)
		if (text.includes(name) && (!best || name.length > best.length)) best = name;
	if (best) return best;
	for (const [alias, name] of Object.entries(BANK_ALIASES)) if (upper.includes(alias)) return name;
	return undefined;
}

/**
 * Parses a bank card. The bank comes from the BIN when the number passes Luhn and its BIN is
 * known (the printed name is often a logo OCR cannot read), else from the printed text.
 */
export function parseBankCard(lines: OcrLine[]): BankCardFields {
	const out: BankCardFields = {};
	const cardNumber = findCardNumber(lines);
	if (cardNumber) out.cardNumber = cardNumber;
	const bin = cardNumber && luhnValid(cardNumber) ? lookupBin(cardNumber) : undefined;
	const bank = bin?.bank ?? bankFromText(lines);
	if (bank) out.bank = bank;
	return out;
}
