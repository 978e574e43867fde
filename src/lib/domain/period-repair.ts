/**
 * Settling a validity period OCR read with one date impossible (`2010.19.13-2980.10.13`): the two
 * printed dates of a resident ID card share month and day, and the end is 5, 10 or 20 years after
 * the start, by the holder's age at issue (`validity.ts`). Only a value that cannot be (a month
 * 19, a year no term reaches) is re-derived from the other date; two possible dates are never
 * overridden, so a card whose period breaks the rule still fails its check.
 */
import { ageOn } from './age.ts';
import { isValidDate, type IsoDate } from './dates.ts';
import { compact, fixDigits } from './ocr-text.ts';
import { validityYears } from './validity.ts';

const TERMS = [5, 10, 20] as const;

function hamming(a: string, b: string): number {
	let n = Math.abs(a.length - b.length);
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
	return n;
}

/** Month and day `MM-DD` if they exist in some year (29 February included). */
function monthDay(s: string): string | undefined {
	const md = `${s.slice(4, 6)}-${s.slice(6, 8)}`;
	return isValidDate(`2000-${md}`) ? md : undefined;
}

/**
 * The period read from exactly two 8-digit dates in `text`, one of them impossible, made
 * consistent; `undefined` when the text holds no such pair or the repair is not unique.
 * `birth`, from the photo side's ID number, fixes the term (a year may then be two digits off).
 * @example repairPeriod('2010.19.13-2030.10.13') // { from: '2010-10-13', to: '2030-10-13' }
 */
export function repairPeriod(
	text: string,
	birth?: IsoDate
): { from: IsoDate; to: IsoDate } | undefined {
	const digits = fixDigits(compact(text)).replace(/\D/g, '');
	if (digits.length !== 16) return undefined;
	const a = digits.slice(0, 8);
	const b = digits.slice(8);
	const mdA = monthDay(a);
	const mdB = monthDay(b);
	if (mdA && mdB && mdA !== mdB) return undefined; // two possible readings: not ours to choose
	const md = mdA ?? mdB;
	if (!md) return undefined;
	const yA = a.slice(0, 4);
	const yB = b.slice(0, 4);
	const date = (y: number) => `${String(y).padStart(4, '0')}-${md}`;
	const termFits = (from: IsoDate, t: number) => !birth || validityYears(ageOn(birth, from)) === t;
	const slack = birth ? 2 : 1;
	// Candidates by how many year digits they change; the fewest wins, if alone.
	const found = new Map<string, { from: IsoDate; to: IsoDate; off: number }>();
	for (const t of TERMS) {
		// The start year as read, the end derived; or the end as read, the start derived.
		for (const [from, to, off] of [
			[Number(yA), Number(yA) + t, hamming(yB, String(Number(yA) + t))],
			[Number(yB) - t, Number(yB), hamming(yA, String(Number(yB) - t))]
		] as const) {
			const f = date(from);
			const e = date(to);
			if (off > slack || !isValidDate(f) || !isValidDate(e) || !termFits(f, t)) continue;
			if (birth && f < birth) continue;
			const prev = found.get(f + e);
			if (!prev || off < prev.off) found.set(f + e, { from: f, to: e, off });
		}
	}
	const best = Math.min(...[...found.values()].map((c) => c.off));
	const [only, ...more] = [...found.values()].filter((c) => c.off === best);
	return only && more.length === 0 ? { from: only.from, to: only.to } : undefined;
}
