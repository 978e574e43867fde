/**
 * Text clean-up for OCR output: full-width forms, and digit look-alikes inside fields that can
 * only hold digits (ID number, dates, card number). Never applied to names or addresses.
 */
import { formatDate, isValidDate, type IsoDate } from './dates.ts';

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space become their ASCII forms. */
export function toHalfWidth(text: string): string {
	return text
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ');
}

/** Half-width and without any whitespace (Chinese card text has no meaningful spaces). */
export function compact(text: string): string {
	return toHalfWidth(text).replace(/\s+/g, '');
}

/** Letters OCR confuses with digits; applied only where a digit is the only possibility. */
const DIGIT_LOOKALIKES: Record<string, string> = {
	O: '0', o: '0', Q: '0', D: '0', '〇': '0', I: '1', l: '1', i: '1', '|': '1', '!': '1',
	L: '1', Z: '2', z: '2', S: '5', s: '5', B: '8', G: '6', b: '6', q: '9', g: '9'
}; // prettier-ignore

/** Replaces digit look-alikes: `'62O2 l234'` → `'6202 1234'`. */
export function fixDigits(text: string): string {
	return toHalfWidth(text).replace(/[OoQD〇IliL|!ZzSsBGbqg]/g, (c) => DIGIT_LOOKALIKES[c] ?? c);
}

/** Share of characters (ignoring spaces) that are digits or digit look-alikes. */
export function digitShare(text: string): number {
	const s = compact(text);
	if (!s) return 0;
	const n = [...fixDigits(s)].filter((c) => c >= '0' && c <= '9').length;
	return n / s.length;
}

/** Dashes OCR produces between the two dates of a validity period. */
const DASHES = /[-－—–―一~～至]/g;

/**
 * Separated `YYYY.MM.DD` first: it needs nothing after it, so two dates OCR ran together
 * (`2007.03.08202703.06`, the dash or space lost) still split. Then 8-digit runs (split 4-2-2)
 * and `YYYY年M月D日`, which must not be followed by a digit.
 */
const DATE = /(\d{4})[.,/](\d{2})[.,/](\d{2})|(\d{4})[.,/年]?(\d{1,2})[.,/月]?(\d{1,2})(?!\d)/g;

/** Reads every real calendar date written `YYYY.MM.DD`, `YYYYMMDD` or `YYYY年M月D日`. */
export function findDates(text: string): IsoDate[] {
	const s = fixDigits(compact(text)).replace(DASHES, '-');
	const out: IsoDate[] = [];
	const re = new RegExp(DATE);
	for (let m = re.exec(s); m; m = re.exec(s)) {
		const [y, mo, d] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
		const date = formatDate(Number(y), Number(mo), Number(d));
		if (isValidDate(date)) out.push(date);
	}
	return out;
}

/**
 * True when the end of a validity period reads 长期 (long-term), allowing OCR variants: 长 read
 * alone or as 長/镸, or 期 left at the end with 长 lost.
 */
export function isLongTermText(text: string): boolean {
	return /[长長镸]|期$/.test(compact(text));
}
