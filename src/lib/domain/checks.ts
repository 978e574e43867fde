/**
 * Cross-checks on the fields read from the ID card and the bank card. Each check has a stable
 * `code` and a bilingual message; `ok: false` is a finding the UI shows and the server re-checks.
 * Pure: the current instant is passed in as `now`.
 */
import { isAgeEligible, ageOn } from './age.ts';
import { lookupBin, luhnValid } from './bank-card.ts';
import type { BankCardFields, IdBackFields, IdFrontFields } from './card-fields.ts';
import { MESSAGES, missingMessage, type Message } from './check-messages.ts';
import { addYears, chinaDate, isValidDate } from './dates.ts';
import { divisionInfo } from './divisions.ts';
import { isEthnicity } from './ethnicity.ts';
import { idCheckChar, normaliseIdNumber } from './id-number.ts';
import { checkValidityPeriod, isExpired, LONG_TERM } from './validity.ts';

/** Stable check codes. */
export type CheckCode = 'field_missing' | keyof typeof MESSAGES;

/** One check result. */
export interface Check {
	code: CheckCode;
	ok: boolean;
	message: Message;
}

export type { Message } from './check-messages.ts';

function check(code: keyof typeof MESSAGES, ok: boolean, message?: Message): Check {
	return { code, ok, message: message ?? MESSAGES[code][ok ? 'ok' : 'fail'] };
}

function missing<T extends object>(fields: T, keys: (keyof T & string)[]): Check {
	const absent = keys.filter((k) => !fields[k]);
	return { code: 'field_missing', ok: absent.length === 0, message: missingMessage(absent) };
}

/** The holder's birth date: from a well-formed ID number, else the printed date. */
function birthOf(front: IdFrontFields | undefined): string | undefined {
	const id = front?.idNumber ? normaliseIdNumber(front.idNumber) : '';
	const fromId = /^\d{17}[\dX]$/.test(id)
		? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
		: '';
	if (isValidDate(fromId)) return fromId;
	return front?.birth && isValidDate(front.birth) ? front.birth : undefined;
}

/**
 * The product's age rule (18–70 inclusive) at `now`.
 * @example checkAgeEligible('2008-11-24', new Date('2026-11-23T12:00:00Z')).ok // false (17)
 */
export function checkAgeEligible(birth: string, now: Date): Check {
	const ok = isValidDate(birth) && birth <= chinaDate(now) && isAgeEligible(birth, chinaDate(now));
	if (ok || !isValidDate(birth) || birth > chinaDate(now)) return check('age_not_eligible', ok);
	const age = ageOn(birth, chinaDate(now));
	const m = MESSAGES.age_not_eligible.fail;
	return check('age_not_eligible', false, {
		zh: `${m.zh}（当前${age}周岁）`,
		en: `${m.en} (age ${age})`
	});
}

/** Checks on the photo side: number format, check character, address code, agreement, 民族, age. */
export function checkIdFront(fields: IdFrontFields, now: Date): Check[] {
	const out = [missing(fields, ['name', 'sex', 'ethnicity', 'birth', 'address', 'idNumber'])];
	const id = fields.idNumber ? normaliseIdNumber(fields.idNumber) : undefined;
	if (id !== undefined) {
		const formatOk = /^[1-9]\d{16}[\dX]$/.test(id);
		out.push(check('id_format', formatOk));
		if (formatOk) {
			const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
			out.push(check('id_birth_invalid', isValidDate(birth) && birth <= chinaDate(now)));
			out.push(check('id_checksum', idCheckChar(id.slice(0, 17)) === id[17]));
			const division = divisionInfo(id.slice(0, 6));
			out.push(
				division?.status === 'historic'
					? check('division_unknown', true, {
							zh: `地址码${division.code}（${division.county}）为历史区划代码，仍然有效`,
							en: `Address code ${division.code} (${division.county}) is a historic division code, still valid`
						})
					: check('division_unknown', division !== undefined)
			);
			if (fields.birth) out.push(check('birth_mismatch', fields.birth === birth));
			if (fields.sex) {
				const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
				out.push(check('sex_mismatch', fields.sex === sex));
			}
		}
	}
	if (fields.ethnicity) out.push(check('ethnicity_unknown', isEthnicity(fields.ethnicity)));
	const birth = birthOf(fields);
	if (birth) out.push(checkAgeEligible(birth, now));
	return out;
}

/**
 * Checks on the emblem side: the period follows the age rule for the holder (birth from `front`;
 * without it only the term lengths are checked), the card has begun and has not expired.
 */
export function checkIdBack(
	back: IdBackFields,
	front: IdFrontFields | undefined,
	now: Date
): Check[] {
	const out = [missing(back, ['authority', 'validFrom', 'validTo'])];
	const { validFrom, validTo } = back;
	const today = chinaDate(now);
	if (validFrom && validTo) {
		const birth = birthOf(front);
		if (birth) {
			const r = checkValidityPeriod(birth, validFrom, validTo);
			const expected = r.expected ? r.expected.replaceAll('-', '.') : undefined;
			out.push(
				r.ok || !expected
					? check('validity_rule', r.ok)
					: check('validity_rule', false, {
							zh: `${MESSAGES.validity_rule.fail.zh}（应至${expected}）`,
							en: `${MESSAGES.validity_rule.fail.en} (expected until ${expected})`
						})
			);
		} else {
			const terms = [5, 10, 20].map((y) => (isValidDate(validFrom) ? addYears(validFrom, y) : ''));
			out.push(
				check(
					'validity_rule',
					isValidDate(validFrom) && (validTo === LONG_TERM || terms.includes(validTo))
				)
			);
		}
	}
	if (validTo && (validTo === LONG_TERM || isValidDate(validTo)))
		out.push(check('card_expired', !isExpired(validTo, now)));
	if (validFrom && isValidDate(validFrom))
		out.push(check('card_not_yet_valid', validFrom <= today));
	return out;
}

/** Checks on a bank card: format, Luhn, known issuer, length for that issuer, debit only. */
export function checkBankCard(fields: BankCardFields): Check[] {
	const out = [missing(fields, ['cardNumber'])];
	const n = fields.cardNumber;
	if (!n) return out;
	const bin = /^\d+$/.test(n) ? lookupBin(n) : undefined;
	const formatOk = /^\d{15,19}$/.test(n) || (!!bin && /^\d+$/.test(n) && bin.length === n.length);
	out.push(check('bank_format', formatOk));
	if (!formatOk) return out;
	out.push(check('bank_luhn', luhnValid(n)));
	out.push(check('bank_bin_unknown', bin !== undefined));
	if (bin) {
		out.push(check('bank_length', bin.length === n.length));
		out.push(check('bank_not_debit', bin.cardType === 'debit'));
	}
	return out;
}
