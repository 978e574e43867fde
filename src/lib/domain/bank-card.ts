/**
 * Bank card numbers: the Luhn check and BIN (issuer prefix) lookup from `bankcardinfo`'s local
 * table, generated at install time by `scripts/data` (its web-API fallback is never used).
 */
import * as table from './generated/bank-bins.ts';

/** Card type as listed by the table. */
export type BankCardType = 'debit' | 'credit' | 'semi-credit' | 'prepaid';

/** What a BIN says about a card. */
export interface BinInfo {
	bin: string;
	bank: string;
	cardType: BankCardType;
	/** Expected number of digits for this BIN. */
	length: number;
}

const TYPES: Record<string, BankCardType> = {
	D: 'debit',
	C: 'credit',
	S: 'semi-credit',
	P: 'prepaid'
};

let byPrefix: Map<string, BinInfo[]> | undefined;
let lengths: number[] = [];

function load(): Map<string, BinInfo[]> {
	if (byPrefix) return byPrefix;
	const map = new Map<string, BinInfo[]>();
	for (const entry of table.bins.split(',')) {
		const [bin = '', length, type = '', bank] = entry.split('.');
		const info: BinInfo = {
			bin,
			bank: table.banks[Number(bank)] ?? '',
			cardType: TYPES[type] ?? 'debit',
			length: Number(length)
		};
		map.set(bin, [...(map.get(bin) ?? []), info]);
	}
	lengths = [...new Set([...map.keys()].map((k) => k.length))].sort((a, b) => b - a);
	byPrefix = map;
	return map;
}

/** Keeps the digits only: `'6228 4800-1234'` → `'622848001234'`. */
export function cardDigits(text: string): string {
	return text.replace(/\D/g, '');
}

/**
 * Luhn (mod 10) check over a digit string.
 * @example luhnValid('6228480402564890018') // true
 */
export function luhnValid(digits: string): boolean {
	if (!/^\d{2,}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 === 0;
}

/** The digit that makes `partial + digit` pass Luhn. */
export function luhnCheckDigit(partial: string): string {
	for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
	throw new RangeError('need digits');
}

/**
 * Longest-prefix BIN match. Among entries for the same prefix, one whose length equals the
 * number's length wins; a number too short to know its length still gets its issuer.
 * @example lookupBin('6228480402564890018') // { bin: '622848', bank: '中国农业银行', cardType: 'debit', length: 19 }
 */
export function lookupBin(cardNumber: string): BinInfo | undefined {
	const digits = cardDigits(cardNumber);
	const map = load();
	let fallback: BinInfo | undefined;
	for (const len of lengths) {
		if (len > digits.length) continue;
		const entries = map.get(digits.slice(0, len));
		if (!entries) continue;
		const exact = entries.find((e) => e.length === digits.length);
		if (exact) return exact;
		fallback ??= entries[0];
	}
	return fallback;
}

/** Every BIN entry (for the synthetic generator). */
export function allBins(): BinInfo[] {
	return [...load().values()].flat();
}

/** Every bank name in the table. */
export const BANK_NAMES: readonly string[] = table.banks;

/** Version of the source package the table was built from. */
export const BIN_SOURCES: string = table.sources;
