/**
 * An OCR'd 住址 checked against the division table of the ID number's region: the address starts
 * with the province, prefecture and county names (GB/T 2260), so a mis-read character there
 * (谢翠县, 新德维吾尔自治区) is corrected when exactly one name of that level fits within a small
 * edit distance. A name that is read exactly, even a neighbouring county's (the holder moved), is
 * kept; nothing is guessed when several names fit or none does — the result is then flagged.
 */
import { divisionInfo, namesUnder, provinceName } from './divisions.ts';

export interface AddressCheck {
	/** The address, with the division names corrected where exactly one candidate fitted. */
	address: string;
	/** Each replaced span: what OCR read and the division name it became. */
	fixes: { from: string; to: string }[];
	/** False when a division name at the start of the address matched no candidate. */
	confident: boolean;
}

/** Levenshtein distance over UTF-16 units (division names are BMP characters). */
export function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++)
			cur[j] = Math.min(
				prev[j]! + 1,
				cur[j - 1]! + 1,
				prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
		prev = cur;
	}
	return prev[b.length]!;
}

/** Edits allowed for a name of this length: none for two characters, one up to five, else two. */
function allowed(name: string): number {
	return name.length <= 2 ? 0 : name.length <= 5 ? 1 : 2;
}

/** Table entries that are statistical groupings, never printed in an address. */
const NOT_IN_ADDRESSES = /^(市辖区|县|省直辖|自治区直辖)/;

interface Fit {
	name: string;
	/** Characters of the address the name covers. */
	length: number;
	distance: number;
}

/** The best span at `pos` (name length −1…+1) for one candidate name. */
function fitAt(address: string, pos: number, name: string): Fit {
	let best: Fit = { name, length: name.length, distance: Infinity };
	for (let len = name.length - 1; len <= name.length + 1; len++) {
		if (len < 1 || pos + len > address.length) continue;
		const d = editDistance(address.slice(pos, pos + len), name);
		if (d < best.distance || (d === best.distance && len === name.length))
			best = { name, length: len, distance: d };
	}
	return best;
}

/**
 * Checks and corrects the division names an address starts with.
 * @example correctAddress('河南省周口市谢翠县城关镇1号', '411627').address // '河南省周口市太康县…' when 太康 is the only fit
 */
export function correctAddress(address: string, divisionCode: string): AddressCheck {
	const info = divisionInfo(divisionCode);
	if (!info) return { address, fixes: [], confident: false };
	const levels: { own: string; candidates: () => string[] }[] = [];
	const province = info.province ?? provinceName(divisionCode);
	if (province) levels.push({ own: province, candidates: () => [province] });
	if (info.city)
		levels.push({ own: info.city, candidates: () => namesUnder(divisionCode.slice(0, 2)) });
	if (info.county !== info.city && info.county !== province)
		levels.push({ own: info.county, candidates: () => namesUnder(divisionCode.slice(0, 4)) });

	let out = address;
	let pos = 0;
	const fixes: AddressCheck['fixes'] = [];
	for (const level of levels) {
		if (out.startsWith(level.own, pos)) {
			pos += level.own.length;
			continue;
		}
		const fits = [...new Set([level.own, ...level.candidates()])]
			.filter((name) => !NOT_IN_ADDRESSES.test(name))
			.map((name) => fitAt(out, pos, name))
			.filter((f) => f.distance <= allowed(f.name));
		const exact = fits.find((f) => f.distance === 0 && f.length === f.name.length);
		if (exact) {
			// A neighbouring division read exactly: the holder lives there; keep it.
			pos += exact.length;
			continue;
		}
		const min = Math.min(...fits.map((f) => f.distance));
		const best = fits.filter((f) => f.distance === min);
		if (best.length !== 1) return { address: out, fixes, confident: false };
		const fit = best[0]!;
		fixes.push({ from: out.slice(pos, pos + fit.length), to: fit.name });
		out = out.slice(0, pos) + fit.name + out.slice(pos + fit.length);
		pos += fit.name.length;
	}
	return { address: out, fixes, confident: true };
}
