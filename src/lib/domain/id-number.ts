/**
 * GB 11643-1999 citizen identity numbers: 6-digit address code, 8-digit birth date, 3-digit
 * sequence (odd = male), and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).
 */
import { chinaDate, formatDate, isValidDate, type IsoDate } from './dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Bounds that hold without knowing today: the oldest living people, and this century. */
const EARLIEST_BIRTH = '1880-01-01';
const LATEST_BIRTH = '2099-12-31';

/** Why a number is not a valid ID number. */
export type IdNumberErrorCode = 'id_format' | 'id_birth_invalid' | 'id_checksum';

/** The parts of a valid ID number. */
export interface IdNumberInfo {
	/** The number, upper-case `X`. */
	idNumber: string;
	/** Address code (division where it was first issued). */
	divisionCode: string;
	birth: IsoDate;
	sex: '男' | '女';
	sequence: string;
}

export type IdNumberResult =
	{ ok: true; info: IdNumberInfo } | { ok: false; code: IdNumberErrorCode };

/** Normalises case and spacing: `' 11010519491231002x '` → `'11010519491231002X'`. */
export function normaliseIdNumber(text: string): string {
	return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits.
 * @example idCheckChar('11010519491231002') // 'X'
 */
export function idCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
	return CHECK_CHARS[sum % 11]!;
}

/**
 * Parses and validates an ID number: format, a real birth date not after `now` (when given),
 * and the check character. Lower-case `x` is accepted.
 * @example parseIdNumber('11010519491231002X') // { ok: true, info: { birth: '1949-12-31', sex: '女', … } }
 */
export function parseIdNumber(text: string, now?: Date): IdNumberResult {
	const id = normaliseIdNumber(text);
	if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { ok: false, code: 'id_format' };
	const birth = formatDate(
		Number(id.slice(6, 10)),
		Number(id.slice(10, 12)),
		Number(id.slice(12, 14))
	);
	if (!isValidDate(birth) || birth < EARLIEST_BIRTH || birth > LATEST_BIRTH)
		return { ok: false, code: 'id_birth_invalid' };
	if (now && birth > chinaDate(now)) return { ok: false, code: 'id_birth_invalid' };
	if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, code: 'id_checksum' };
	const sequence = id.slice(14, 17);
	return {
		ok: true,
		info: {
			idNumber: id,
			divisionCode: id.slice(0, 6),
			birth,
			sex: Number(sequence) % 2 === 1 ? '男' : '女',
			sequence
		}
	};
}

/** True when `text` is a valid ID number (see {@link parseIdNumber}). */
export function isValidIdNumber(text: string, now?: Date): boolean {
	return parseIdNumber(text, now).ok;
}

/** Builds a valid number from its parts (used by the synthetic generator and tests). */
export function buildIdNumber(divisionCode: string, birth: IsoDate, sequence: number): string {
	const first17 = divisionCode + birth.replaceAll('-', '') + String(sequence).padStart(3, '0');
	return first17 + idCheckChar(first17);
}
