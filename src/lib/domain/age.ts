/** Age in whole years, and the product's age rule for remote account opening. */
import { parseDate, type IsoDate } from './dates.ts';

/** Youngest age allowed to open an account remotely. */
export const AGE_MIN = 18;
/** Oldest age allowed (inclusive: until the day before the 71st birthday). */
export const AGE_MAX = 70;

/**
 * Completed years from `birth` to `date` (both `YYYY-MM-DD`). The age goes up on the birthday; a
 * 29 February birthday counts from 1 March in non-leap years.
 * @example ageOn('2000-02-29', '2018-02-28') // 17; ageOn('2000-02-29', '2018-03-01') // 18
 */
export function ageOn(birth: IsoDate, date: IsoDate): number {
	const b = parseDate(birth);
	const d = parseDate(date);
	if (!b || !d) throw new RangeError(`not a date: ${b ? date : birth}`);
	const beforeBirthday = d.month < b.month || (d.month === b.month && d.day < b.day);
	return d.year - b.year - (beforeBirthday ? 1 : 0);
}

/** True when the holder is between {@link AGE_MIN} and {@link AGE_MAX} (inclusive) on `date`. */
export function isAgeEligible(birth: IsoDate, date: IsoDate): boolean {
	const age = ageOn(birth, date);
	return age >= AGE_MIN && age <= AGE_MAX;
}
