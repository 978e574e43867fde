/**
 * Extracts the local BIN table from `bankcardinfo`'s `index.js` source text — without executing
 * it: the package's `getBankBin()` calls a web API when nothing matches, which we never want.
 * Every pattern there has the form `/^(p1|p2|…)\d{n}$/g`; anything else fails the build loudly.
 */

/** bankcardinfo's card types: debit, credit, semi-credit (准贷记卡), prepaid. */
const TYPE_CODES: Record<string, string> = { DC: 'D', CC: 'C', SCC: 'S', PC: 'P' };

/** The generated file: `banks` are names; `bins` are `prefix.length.type.bankIndex` entries. */
export interface BinTable {
	sources: string;
	banks: string[];
	bins: string;
}

/** Thrown when the package source no longer has the expected shape. */
export class BinTableError extends Error {}

/** Parses bankcardinfo's source text into the compact table. */
export function buildBinTable(source: string, sources: string): BinTable {
	const banks: string[] = [];
	const entries = new Map<string, string>();
	let bank = -1;
	const lines = source.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const name = /^\s*bankName:\s*"([^"]+)"/.exec(line);
		if (name) {
			banks.push(name[1]!);
			bank = banks.length - 1;
			continue;
		}
		if (!/^\s*reg:/.test(line)) continue;
		const reg = /^\s*reg:\s*\/\^\(([\d|]+)\)\\d\{(\d+)\}\$\/g,\s*$/.exec(line);
		const type = /^\s*cardType:\s*"(\w+)"/.exec(lines[i + 1] ?? '');
		const code = type ? TYPE_CODES[type[1]!] : undefined;
		if (!reg || !code || bank < 0) throw new BinTableError(`unexpected pattern at line ${i + 1}`);
		const rest = Number(reg[2]);
		for (const prefix of reg[1]!.split('|')) {
			const key = `${prefix}.${prefix.length + rest}`;
			// First listing wins, as in the package's own linear search.
			if (!entries.has(key)) entries.set(key, `${key}.${code}.${bank}`);
		}
	}
	if (entries.size < 1000 || banks.length < 100)
		throw new BinTableError(`only ${entries.size} BINs for ${banks.length} banks`);
	return { sources, banks, bins: [...entries.values()].join(',') };
}
