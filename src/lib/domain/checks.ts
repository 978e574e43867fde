/**
 * Minimal identity and card checks used by the server's re-validation. Kept in one file so they
 * can be swapped for `id-number.ts` / `bank-card.ts` (the full GB 11643 + division + BIN rules)
 * when those land; the signatures are deliberately small.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
	return ID_CHECK[sum % 11] ?? '';
}

/** Birth date `YYYY-MM-DD` of an 18-character ID number, or `null` when not a real date. */
export function idBirthDate(id: string): string | null {
	const y = Number(id.slice(6, 10));
	const m = Number(id.slice(10, 12));
	const d = Number(id.slice(12, 14));
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
		return null;
	}
	return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** Checks shape, birth date and check digit of an 18-character ID number; `null` when valid. */
export function idNumberProblem(id: string): IdNumberProblem | null {
	if (!/^\d{17}[\dX]$/.test(id)) return 'format';
	if (!idBirthDate(id)) return 'birth_date';
	if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'check_digit';
	return null;
}

/** Whole years between `birth` (`YYYY-MM-DD`) and `today`. */
export function ageOn(birth: string, today: Date): number {
	const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
	let age = today.getUTCFullYear() - y;
	const beforeBirthday =
		today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
	if (beforeBirthday) age--;
	return age;
}

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
	if (!/^\d{2,}$/.test(digits)) return false;
	return luhnSum(digits) % 10 === 0;
}

/** The digit that makes `partial + digit` Luhn-valid. */
export function luhnCheckDigit(partial: string): string {
	return String((10 - (luhnSum(partial + '0') % 10)) % 10);
}

function luhnSum(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let n = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
	}
	return sum;
}
