/** Who may open an account remotely: the ID number's birth date against the 18–70 age rule. */
import { ageOn, AGE_MAX, AGE_MIN } from '$lib/domain/age.ts';
import { chinaDate } from '$lib/domain/dates.ts';
import { parseIdNumber, type IdNumberErrorCode } from '$lib/domain/id-number.ts';

export type Eligibility =
	| { ok: true; age: number }
	| { ok: false; code: 'too_young' | 'too_old'; age: number }
	| { ok: false; code: IdNumberErrorCode };

/**
 * The age rule from the ID number alone (the server applies the same rule again at submission).
 * @example ageEligibility('11010519491231002X', new Date('2026-11-23')) // { ok: false, code: 'too_old', age: 76 }
 */
export function ageEligibility(idNumber: string, now: Date): Eligibility {
	const parsed = parseIdNumber(idNumber, now);
	if (!parsed.ok) return { ok: false, code: parsed.code };
	const age = ageOn(parsed.info.birth, chinaDate(now));
	if (age < AGE_MIN) return { ok: false, code: 'too_young', age };
	if (age > AGE_MAX) return { ok: false, code: 'too_old', age };
	return { ok: true, age };
}
