import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './bank-card.ts';
import {
	checkAgeEligible,
	checkBankCard,
	checkIdBack,
	checkIdFront,
	type Check
} from './checks.ts';
import { buildIdNumber, idCheckChar } from './id-number.ts';

const NOW = new Date('2026-11-23T04:00:00Z');
const byCode = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.code, c.ok]));
const FRONT = {
	name: '王芳',
	sex: '女' as const,
	ethnicity: '汉',
	birth: '1990-01-09',
	address: '北京市东城区南池子大街12号',
	idNumber: buildIdNumber('110101', '1990-01-09', 24)
};

describe('checkIdFront', () => {
	it('passes a consistent card, with messages in both languages', () => {
		const checks = checkIdFront(FRONT, NOW);
		expect(byCode(checks)).toEqual({
			field_missing: true,
			id_format: true,
			id_birth_invalid: true,
			id_checksum: true,
			division_unknown: true,
			birth_mismatch: true,
			sex_mismatch: true,
			ethnicity_unknown: true,
			age_not_eligible: true
		});
		for (const c of checks) expect(c.message.zh && c.message.en).toBeTruthy();
	});
	it('accepts the X check character, upper or lower case', () => {
		const f = { ...FRONT, idNumber: '11010519491231002x', birth: '1949-12-31' };
		const r = byCode(checkIdFront(f, NOW));
		expect(r).toMatchObject({ id_checksum: true, birth_mismatch: true, sex_mismatch: true });
		expect(r.age_not_eligible).toBe(false); // 76 years old
	});
	it('flags a wrong check character', () => {
		const id = FRONT.idNumber.slice(0, 17) + (FRONT.idNumber[17] === '1' ? '2' : '1');
		expect(byCode(checkIdFront({ ...FRONT, idNumber: id }, NOW)).id_checksum).toBe(false);
	});
	it('flags a malformed number and skips the checks that need it', () => {
		const r = byCode(checkIdFront({ ...FRONT, idNumber: '11010119900109002' }, NOW));
		expect(r.id_format).toBe(false);
		expect(r).not.toHaveProperty('id_checksum');
		expect(r.age_not_eligible).toBe(true); // from the printed birth date
	});
	it('accepts 2000-02-29 and rejects 1900-02-29 in the number', () => {
		const leap = buildIdNumber('110101', '2000-02-29', 24);
		expect(
			byCode(checkIdFront({ ...FRONT, idNumber: leap, birth: '2000-02-29' }, NOW))
		).toMatchObject({
			id_birth_invalid: true,
			birth_mismatch: true
		});
		const bad = '11010119000229002' + idCheckChar('11010119000229002');
		expect(byCode(checkIdFront({ ...FRONT, idNumber: bad }, NOW)).id_birth_invalid).toBe(false);
	});
	it('accepts a historic address code and says so', () => {
		const checks = checkIdFront(
			{ ...FRONT, idNumber: buildIdNumber('110103', '1990-01-09', 24) },
			NOW
		);
		const c = checks.find((x) => x.code === 'division_unknown');
		expect(c?.ok).toBe(true);
		expect(c?.message.zh).toContain('崇文区');
		expect(c?.message.en).toContain('historic');
	});
	it('rejects unknown and statistics-only address codes', () => {
		for (const code of ['110199', '130171'])
			expect(
				byCode(checkIdFront({ ...FRONT, idNumber: buildIdNumber(code, '1990-01-09', 24) }, NOW))
					.division_unknown
			).toBe(false);
	});
	it('flags a birth date and a sex that disagree with the number', () => {
		const r = byCode(checkIdFront({ ...FRONT, birth: '1990-01-08', sex: '男' }, NOW));
		expect(r).toMatchObject({ birth_mismatch: false, sex_mismatch: false });
	});
	it('flags an ethnicity that is not one of the 56', () => {
		expect(byCode(checkIdFront({ ...FRONT, ethnicity: '穿青' }, NOW)).ethnicity_unknown).toBe(
			false
		);
	});
	it('lists missing fields in both languages', () => {
		const [c] = checkIdFront({ idNumber: FRONT.idNumber }, NOW);
		expect(c).toMatchObject({ code: 'field_missing', ok: false });
		expect(c?.message.zh).toContain('姓名、性别');
		expect(c?.message.en).toContain('name, sex');
	});
});

describe('checkAgeEligible (18–70)', () => {
	it('passes on the 18th birthday, not the day before (dates in Beijing)', () => {
		expect(checkAgeEligible('2008-11-23', NOW).ok).toBe(true);
		expect(checkAgeEligible('2008-11-24', NOW)).toMatchObject({
			ok: false,
			code: 'age_not_eligible'
		});
		expect(checkAgeEligible('2008-11-24', NOW).message.zh).toContain('17周岁');
		// 16:00 UTC on the 23rd is already the 24th in Beijing.
		expect(checkAgeEligible('2008-11-24', new Date('2026-11-23T16:00:00Z')).ok).toBe(true);
	});
	it('passes until the day before the 71st birthday', () => {
		expect(checkAgeEligible('1955-11-24', NOW).ok).toBe(true);
		expect(checkAgeEligible('1955-11-23', NOW).ok).toBe(false);
	});
	it('fails for impossible or future birth dates', () => {
		expect(checkAgeEligible('1990-02-30', NOW).ok).toBe(false);
		expect(checkAgeEligible('2030-01-01', NOW).ok).toBe(false);
	});
});

describe('checkIdBack', () => {
	const back = {
		authority: '北京市公安局东城分局',
		validFrom: '2016-05-10',
		validTo: '2036-05-10'
	};
	it('passes a period that follows the age rule (26 at issue: 20 years)', () => {
		expect(byCode(checkIdBack(back, FRONT, NOW))).toEqual({
			field_missing: true,
			validity_rule: true,
			card_expired: true,
			card_not_yet_valid: true
		});
	});
	it('requires 长期 from 46 and says what the rule expected', () => {
		const old = { ...FRONT, idNumber: '11010519491231002X', birth: '1949-12-31' };
		expect(byCode(checkIdBack({ ...back, validTo: '长期' }, old, NOW)).validity_rule).toBe(true);
		const c = checkIdBack(back, old, NOW).find((x) => x.code === 'validity_rule');
		expect(c).toMatchObject({ ok: false });
		expect(c?.message.zh).toContain('长期');
		const young = checkIdBack({ ...back, validTo: '2026-05-10' }, FRONT, NOW).find(
			(x) => x.code === 'validity_rule'
		);
		expect(young?.message.en).toContain('2036.05.10');
	});
	it('is valid on its last day and expired the day after', () => {
		const f = { ...back, validFrom: '2006-11-23', validTo: '2026-11-23' };
		const young = {
			...FRONT,
			idNumber: buildIdNumber('110101', '1980-01-01', 24),
			birth: '1980-01-01'
		};
		expect(byCode(checkIdBack(f, young, NOW)).card_expired).toBe(true);
		expect(byCode(checkIdBack(f, young, new Date('2026-11-23T16:00:00Z'))).card_expired).toBe(
			false
		);
	});
	it('flags a period starting in the future', () => {
		expect(
			byCode(checkIdBack({ ...back, validFrom: '2026-12-01', validTo: '2046-12-01' }, FRONT, NOW))
				.card_not_yet_valid
		).toBe(false);
	});
	it('without the photo side, checks only that the term is 5, 10, 20 years or 长期', () => {
		expect(byCode(checkIdBack(back, undefined, NOW)).validity_rule).toBe(true);
		expect(
			byCode(checkIdBack({ ...back, validTo: '2031-05-10' }, undefined, NOW)).validity_rule
		).toBe(false);
	});
	it('reports missing fields', () => {
		expect(byCode(checkIdBack({}, FRONT, NOW))).toEqual({ field_missing: false });
	});
});

describe('checkBankCard', () => {
	it('passes an 中国农业银行 debit card', () => {
		expect(byCode(checkBankCard({ cardNumber: '6228480402564890018' }))).toEqual({
			field_missing: true,
			bank_format: true,
			bank_luhn: true,
			bank_bin_unknown: true,
			bank_length: true,
			bank_not_debit: true
		});
	});
	it('flags a Luhn failure', () => {
		expect(byCode(checkBankCard({ cardNumber: '6228480402564890019' })).bank_luhn).toBe(false);
	});
	it('flags an unknown issuer', () => {
		expect(byCode(checkBankCard({ cardNumber: '4111111111111111' }))).toMatchObject({
			bank_luhn: true,
			bank_bin_unknown: false
		});
	});
	it('refuses credit cards for linking', () => {
		const credit = '625808000000000';
		expect(
			byCode(checkBankCard({ cardNumber: credit + luhnCheckDigit(credit) })).bank_not_debit
		).toBe(false);
	});
	it('flags a length that does not fit the issuer', () => {
		const n = '62284804025648900';
		expect(byCode(checkBankCard({ cardNumber: n + luhnCheckDigit(n) })).bank_length).toBe(false);
	});
	it('flags a number that is too short', () => {
		expect(byCode(checkBankCard({ cardNumber: '622848' }))).toEqual({
			field_missing: true,
			bank_format: false
		});
		expect(byCode(checkBankCard({}))).toEqual({ field_missing: false });
	});
});
