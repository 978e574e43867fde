/**
 * Deterministic synthetic citizens for the embedded registry and the demo. Valid GB 11643 numbers
 * (check digit computed), adults of varied ages, validity periods by the 居民身份证法 rules.
 */
import { idCheckChar } from '../../src/lib/domain/id-number.ts';
import { createRng } from '../../src/lib/domain/prng.ts';
import type { CitizenRecord } from './embedded.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'洋',
	'艳',
	'勇',
	'军',
	'杰',
	'娟',
	'涛',
	'明'
];
const DIVISIONS = ['110105', '310104', '440106', '510107', '330106', '420106', '610113', '370102'];

/** The shared seeded PRNG (mulberry32), so the same seed gives the same citizens everywhere. */
const rng = (seed: number): (() => number) => createRng(seed).next;

/** A valid ID number for a division, birth date (`YYYYMMDD`) and sequence. */
export function makeIdNumber(division: string, birth: string, seq: number): string {
	const first17 = division + birth + String(seq).padStart(3, '0');
	return first17 + idCheckChar(first17);
}

export function syntheticCitizens(count = 50, seed = 6): CitizenRecord[] {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
	const out: CitizenRecord[] = [];
	for (let i = 0; i < count; i++) {
		const year = 1958 + Math.floor(r() * 45); // born 1958–2002: adults, 24–68 in 2026
		const month = 1 + Math.floor(r() * 12);
		const day = 1 + Math.floor(r() * 28);
		const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
		const idNumber = makeIdNumber(pick(DIVISIONS), birth, 100 + i * 2 + (r() < 0.5 ? 1 : 0));
		// Issued 2019–2023: already valid, and (10 years at least) still valid until 2029.
		const issuedYear = 2019 + Math.floor(r() * 5);
		const issued = `${issuedYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
		const ageAtIssue = issuedYear - year;
		const years = ageAtIssue >= 46 ? null : ageAtIssue >= 26 ? 20 : ageAtIssue >= 16 ? 10 : 5;
		out.push({
			name: pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : ''),
			idNumber,
			validFrom: issued,
			validTo: years === null ? null : `${issuedYear + years}${issued.slice(4)}`
		});
	}
	return out;
}
