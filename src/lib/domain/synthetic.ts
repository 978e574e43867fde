/**
 * Seedable synthetic identities for the card image generator, the registry seed and tests: a
 * plausible holder with a real county code and a matching 签发机关, a valid ID number, validity
 * dates that follow the age rule, and a Luhn-valid debit card on a real BIN. Pure: the same seed
 * and options always give the same identity; "today" is passed in.
 */
import { authorityFor } from './authority.ts';
import { allBins, lookupBin, luhnCheckDigit, type BinInfo } from './bank-card.ts';
import { addDays, addYears, chinaDate, daysBetween, type IsoDate } from './dates.ts';
import { currentDivisionCodes, divisionInfo, type DivisionInfo } from './divisions.ts';

export { authorityFor } from './authority.ts';
import { ETHNICITIES } from './ethnicity.ts';
import { buildIdNumber } from './id-number.ts';
import { createRng, type Rng } from './prng.ts';
import * as W from './synthetic-names.ts';
import { expectedValidTo, LONG_TERM, type ValidTo } from './validity.ts';

export interface SyntheticOptions {
	/** The instant treated as now (for ages and expiry). */
	now: Date;
	/** Age range on `now`, inclusive (default 18–70). */
	minAge?: number;
	maxAge?: number;
	/** Make the ID card already expired (default false: valid on `now`). */
	expired?: boolean;
}

export interface SyntheticIdentity {
	name: string;
	sex: '男' | '女';
	ethnicity: string;
	birth: IsoDate;
	address: string;
	idNumber: string;
	divisionCode: string;
	authority: string;
	validFrom: IsoDate;
	validTo: ValidTo;
	bank: { cardNumber: string; bank: string; cardType: 'debit' };
}

const MAJOR_BANKS = [
	'中国工商银行',
	'中国农业银行',
	'中国银行',
	'中国建设银行',
	'交通银行',
	'招商银行',
	'中国邮政储蓄银行'
];
/** Three printed lines of about 11 characters. */
const MAX_ADDRESS = 33;
/** Second-generation cards were issued from 2004. */
const FIRST_ISSUE = '2004-01-01';

let usableDivisions: DivisionInfo[] | undefined;
function divisions(): DivisionInfo[] {
	usableDivisions ??= currentDivisionCodes()
		.map((c) => divisionInfo(c)!)
		.filter((d) => /(区|县|市|旗)$/.test(d.county) && !/群岛|海域/.test(d.county));
	return usableDivisions;
}

function personName(rng: Rng, sex: '男' | '女', ethnicity: string): string {
	if ((ethnicity === '维吾尔' || ethnicity === '哈萨克') && rng.chance(0.7))
		return rng.pick(W.TRANSLITERATED);
	const chars = sex === '男' ? W.GIVEN_MALE : W.GIVEN_FEMALE;
	const given = rng.chance(0.7) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
	return rng.pick(W.SURNAMES) + given;
}

function address(rng: Rng, d: DivisionInfo): string {
	const head = [d.province, d.city, d.county].filter((p, i, a) => p && a.indexOf(p) === i).join('');
	const word = () => rng.pick(W.PLACE_WORDS);
	const tails = [
		() => `${word()}${rng.pick(W.STREET_KINDS)}${rng.int(1, 399)}号`,
		() =>
			`${word()}${rng.pick(W.STREET_KINDS)}${rng.int(1, 199)}号${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(1, 30)}0${rng.int(1, 4)}室`,
		() => `${rng.pick(W.TOWN_WORDS)}镇${word()}村${rng.int(1, 12)}组${rng.int(1, 80)}号`
	];
	for (let i = 0; i < 5; i++) {
		const a = head + rng.pick(tails)();
		if (a.length <= MAX_ADDRESS) return a;
	}
	return (head + `${word()}路${rng.int(1, 99)}号`).slice(0, MAX_ADDRESS);
}

function randomDate(rng: Rng, from: IsoDate, to: IsoDate): IsoDate {
	return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}

function validity(rng: Rng, birth: IsoDate, today: IsoDate, expired: boolean) {
	const earliest = [FIRST_ISSUE, addDays(birth, 1)].sort().at(-1)!;
	for (let i = 0; i < 200; i++) {
		const from = randomDate(
			rng,
			expired ? earliest : [earliest, addYears(today, -20)].sort().at(-1)!,
			today
		);
		const to = expectedValidTo(birth, from);
		const isExpired = to !== LONG_TERM && to < today;
		if (isExpired === expired) return { validFrom: from, validTo: to };
	}
	return undefined;
}

function debitCard(rng: Rng): SyntheticIdentity['bank'] {
	const debit = allBins().filter((b) => b.cardType === 'debit' && b.length >= 16 && b.length <= 19);
	const major = debit.filter((b) => MAJOR_BANKS.includes(b.bank));
	for (;;) {
		const bin: BinInfo = rng.pick(rng.chance(0.8) ? major : debit);
		let body = bin.bin;
		while (body.length < bin.length - 1) body += String(rng.int(0, 9));
		const cardNumber = body + luhnCheckDigit(body);
		const found = lookupBin(cardNumber);
		// A longer BIN of another bank may cover the random digits: draw again.
		if (
			found?.bank === bin.bank &&
			found.cardType === 'debit' &&
			found.length === cardNumber.length
		)
			return { cardNumber, bank: bin.bank, cardType: 'debit' };
	}
}

/**
 * One synthetic identity.
 * @example syntheticIdentity(7, { now: new Date('2026-01-01T00:00:00Z') }).idNumber
 */
export function syntheticIdentity(seed: number, options: SyntheticOptions): SyntheticIdentity {
	const rng = createRng(seed);
	const today = chinaDate(options.now);
	const [minAge, maxAge] = [options.minAge ?? 18, options.maxAge ?? 70];
	const sex = rng.chance(0.5) ? '男' : '女';
	const ethnicity = rng.chance(0.9) ? '汉' : rng.pick(ETHNICITIES.slice(1));
	// An old holder's cards are all long-term, so an expired card may need a younger holder.
	let birth = '';
	let period: ReturnType<typeof validity>;
	for (let i = 0; !period; i++) {
		if (i === 50) throw new RangeError('no card fits these options');
		birth = randomDate(rng, addDays(addYears(today, -maxAge - 1), 1), addYears(today, -minAge));
		period = validity(rng, birth, today, options.expired ?? false);
	}
	const division = rng.pick(divisions());
	const sequence = rng.int(0, 499) * 2 + (sex === '男' ? 1 : 0);
	return {
		name: personName(rng, sex, ethnicity),
		sex,
		ethnicity,
		birth,
		address: address(rng, division),
		idNumber: buildIdNumber(division.code, birth, sequence),
		divisionCode: division.code,
		authority: authorityFor(division),
		...period,
		bank: debitCard(rng)
	};
}

/** `count` identities from consecutive seeds starting at `seed`. */
export function syntheticIdentities(
	seed: number,
	count: number,
	options: SyntheticOptions
): SyntheticIdentity[] {
	return Array.from({ length: count }, (_, i) => syntheticIdentity(seed + i, options));
}
