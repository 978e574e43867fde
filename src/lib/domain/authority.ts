/**
 * 签发机关 (the issuing authority on the emblem side): the county-level public security bureau
 * of a division. Names follow one pattern — a district's branch of its city's bureau
 * (北京市公安局东城分局), else the county's or city's own bureau (正定县公安局) — so the set of
 * names for the current division table is known, and OCR output can be snapped to it.
 */
import { currentDivisionCodes, divisionInfo, type DivisionInfo } from './divisions.ts';

/** 签发机关 for a division: a district's branch bureau, else the county's or city's bureau. */
export function authorityFor(d: DivisionInfo): string {
	const parent = d.city ?? d.province ?? '';
	if (d.county.endsWith('区') && d.county.length > 2 && d.county !== parent)
		// 浦东新区 → 上海市公安局浦东分局: a 新区's branch drops 新区 as a district's drops 区.
		return `${parent}公安局${d.county.slice(0, d.county.endsWith('新区') ? -2 : -1)}分局`;
	return `${d.county}公安局`;
}

let known: string[] | undefined;
function knownAuthorities(): string[] {
	known ??= [...new Set(currentDivisionCodes().map((c) => authorityFor(divisionInfo(c)!)))];
	return known;
}

/** The bureau that issues cards for an ID number's address code, if the code is known. */
export function authorityOfIdNumber(idNumber: string): string | undefined {
	const d = divisionInfo(idNumber.slice(0, 6));
	return d ? authorityFor(d) : undefined;
}

/** Levenshtein distance, stopping early once every path exceeds `max`. */
function distance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const v = Math.min(
				prev[j]! + 1,
				row[j - 1]! + 1,
				prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
			row.push(v);
			best = Math.min(best, v);
		}
		if (best > max) return max + 1;
		prev = row;
	}
	return prev[b.length]!;
}

/**
 * The known authority an OCR reading most likely is: OCR drops or swaps a rare character
 * (北碚 read as 北). `expected` is the bureau of the holder's address code when the photo side
 * was read already; it wins when it is close enough. Otherwise the reading is checked against
 * every current division's bureau, and changed only when exactly one is within 1 edit per 5
 * characters (重庆市公安局北分局 could be 北碚 or 江北: it stays as read).
 * @example snapAuthority('重庆市公安局北分局', '重庆市公安局北碚分局') // '重庆市公安局北碚分局'
 */
export function snapAuthority(text: string, expected?: string): string {
	const max = Math.max(1, Math.floor(text.length / 5));
	if (expected && distance(text, expected, max) <= max) return expected;
	const names = knownAuthorities();
	if (names.includes(text)) return text;
	let best: string | undefined;
	let bestD = max + 1;
	let ties = 0;
	for (const n of names) {
		const d = distance(text, n, max);
		if (d < bestD) {
			best = n;
			bestD = d;
			ties = 1;
		} else if (d === bestD) ties++;
	}
	return best && bestD <= max && ties === 1 ? best : text;
}
