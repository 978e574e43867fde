/**
 * Calendar dates as `YYYY-MM-DD` strings — the form every card field and rule uses. Pure: the
 * current instant is always passed in, and "today" is the date in China (UTC+8, no DST), so a
 * rule gives the same answer on a phone and on a server in any time zone.
 */

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
	return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Formats year, month, day as `YYYY-MM-DD` (no validation). */
export function formatDate(year: number, month: number, day: number): IsoDate {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a real calendar date; `undefined` for 1900-02-29, 2023-13-01 and the like. */
export function parseDate(date: string): { year: number; month: number; day: number } | undefined {
	const m = ISO.exec(date);
	if (!m) return undefined;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
		return undefined;
	return { year, month, day };
}

/** True when `date` is a real calendar date in `YYYY-MM-DD` form. */
export function isValidDate(date: string): boolean {
	return parseDate(date) !== undefined;
}

/** The calendar date in China (UTC+8) at the instant `now`. */
export function chinaDate(now: Date): IsoDate {
	const t = new Date(now.getTime() + 8 * 3600_000);
	return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * The same month and day `years` later. A 29 February with no counterpart becomes 1 March (the
 * anniversary has not happened on 28 February yet).
 */
export function addYears(date: IsoDate, years: number): IsoDate {
	const d = parseDate(date);
	if (!d) throw new RangeError(`not a date: ${date}`);
	const year = d.year + years;
	if (d.month === 2 && d.day === 29 && !isLeapYear(year)) return formatDate(year, 3, 1);
	return formatDate(year, d.month, d.day);
}

/** `date` moved by `days` (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
	const d = parseDate(date);
	if (!d) throw new RangeError(`not a date: ${date}`);
	const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
	return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
	const pa = parseDate(a);
	const pb = parseDate(b);
	if (!pa || !pb) throw new RangeError(`not a date: ${pa ? b : a}`);
	return (
		(Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000
	);
}
