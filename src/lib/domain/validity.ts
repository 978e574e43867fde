/**
 * Validity period of a resident ID card (居民身份证法 art. 5): by age when the card is issued,
 * under 16: 5 years; 16–25: 10 years; 26–45: 20 years; 46 and over: long-term (长期).
 */
import { ageOn } from './age.ts';
import { addDays, addYears, chinaDate, isValidDate, type IsoDate } from './dates.ts';

/** The printed end of a long-term card. */
export const LONG_TERM = '长期';
/** `YYYY-MM-DD` or 长期. */
export type ValidTo = IsoDate | typeof LONG_TERM;

/**
 * The police must issue the card within 60 days of the application (居民身份证法 art. 10), and the
 * term is set by the age at application; so a birthday in the 60 days before the printed start
 * date may still give the younger age's term.
 */
export const ISSUE_LAG_DAYS = 60;

/** Years of validity for an age at issue; `null` means long-term. */
export function validityYears(ageAtIssue: number): 5 | 10 | 20 | null {
	if (ageAtIssue < 16) return 5;
	if (ageAtIssue <= 25) return 10;
	if (ageAtIssue <= 45) return 20;
	return null;
}

/** The end date the rule gives for a holder born on `birth` whose card starts on `validFrom`. */
export function expectedValidTo(birth: IsoDate, validFrom: IsoDate): ValidTo {
	const years = validityYears(ageOn(birth, validFrom));
	return years === null ? LONG_TERM : addYears(validFrom, years);
}

function endMatches(validFrom: IsoDate, validTo: ValidTo, expected: ValidTo): boolean {
	if (validTo === expected) return true;
	// A card starting on 29 February may print 28 February as its end in a non-leap year.
	return (
		expected !== LONG_TERM &&
		validFrom.endsWith('-02-29') &&
		expected.endsWith('-03-01') &&
		validTo === expected.slice(0, 5) + '02-28'
	);
}

/** Why a validity period breaks the rule. */
export type ValidityProblem = 'invalid_dates' | 'before_birth' | 'wrong_term';

/**
 * Checks the printed period against the rule for the holder's birth date.
 * @example checkValidityPeriod('1985-05-01', '2015-03-01', '2035-03-01') // { ok: true, … }
 */
export function checkValidityPeriod(
	birth: IsoDate,
	validFrom: IsoDate,
	validTo: ValidTo
): { ok: true; expected: ValidTo } | { ok: false; problem: ValidityProblem; expected?: ValidTo } {
	if (
		!isValidDate(birth) ||
		!isValidDate(validFrom) ||
		(validTo !== LONG_TERM && !isValidDate(validTo))
	)
		return { ok: false, problem: 'invalid_dates' };
	if (validFrom < birth) return { ok: false, problem: 'before_birth' };
	const expected = expectedValidTo(birth, validFrom);
	if (endMatches(validFrom, validTo, expected)) return { ok: true, expected };
	const applied = addDays(validFrom, -ISSUE_LAG_DAYS);
	if (applied >= birth) {
		const years = validityYears(ageOn(birth, applied));
		const atApplication = years === null ? LONG_TERM : addYears(validFrom, years);
		if (endMatches(validFrom, validTo, atApplication)) return { ok: true, expected };
	}
	return { ok: false, problem: 'wrong_term', expected };
}

/** True when the card has expired at `now` (it is still valid on its last day, in China). */
export function isExpired(validTo: ValidTo, now: Date): boolean {
	return validTo !== LONG_TERM && chinaDate(now) > validTo;
}
