/**
 * Administrative division codes (GB/T 2260), the first six digits of an ID number. An ID number
 * keeps the code in force when it was issued, so a code is valid when it is current or historic.
 * The table is generated at install time by `scripts/data` (see that folder for the sources and
 * the NBS pitfalls it corrects).
 */
import * as table from './generated/divisions.ts';

/** Whether a code is in force today, was once in force (since 1980), or never existed. */
export type DivisionStatus = 'current' | 'historic' | 'unknown';

/** A county-level division and its parents, by name. */
export interface DivisionInfo {
	code: string;
	status: Exclude<DivisionStatus, 'unknown'>;
	province?: string;
	/** Prefecture-level city; absent for municipality districts and directly governed counties. */
	city?: string;
	/** The division's own name (a city's name for a city without counties, e.g. 东莞市). */
	county: string;
}

interface Tables {
	provinces: Map<string, string>;
	cities: Map<string, string>;
	current: Map<string, string>;
	historic: Map<string, string>;
}

let tables: Tables | undefined;

function decode(s: string, len: number): Map<string, string> {
	return new Map(s ? s.split(',').map((e) => [e.slice(0, len), e.slice(len)] as const) : []);
}

function load(): Tables {
	tables ??= {
		provinces: decode(table.provinces, 2),
		cities: decode(table.cities, 4),
		current: decode(table.current, 6),
		historic: decode(table.historic, 6)
	};
	return tables;
}

/**
 * Status of a 6-digit address code.
 * @example divisionStatus('110101') // 'current'; divisionStatus('110103') // 'historic' (崇文区)
 */
export function divisionStatus(code: string): DivisionStatus {
	const t = load();
	return t.current.has(code) ? 'current' : t.historic.has(code) ? 'historic' : 'unknown';
}

/** Province name for a code's first two digits. */
export function provinceName(code: string): string | undefined {
	return load().provinces.get(code.slice(0, 2));
}

/** Prefecture-level city name for a code's first four digits. */
export function cityName(code: string): string | undefined {
	return load().cities.get(code.slice(0, 4));
}

/** Names of a county-level code and its parents; `undefined` when the code is unknown. */
export function divisionInfo(code: string): DivisionInfo | undefined {
	const t = load();
	const status = divisionStatus(code);
	if (status === 'unknown') return undefined;
	const county = (status === 'current' ? t.current : t.historic).get(code)!;
	return { code, status, province: provinceName(code), city: cityName(code), county };
}

/** Every current county-level code, sorted (for the synthetic generator). */
export function currentDivisionCodes(): string[] {
	return [...load().current.keys()];
}

/** Versions of the source packages the table was built from. */
export const DIVISION_SOURCES: string = table.sources;

/**
 * Names of the divisions one level below a prefix: cities for a 2-digit province prefix, counties
 * (current and historic) for a 4-digit city prefix — the candidates an OCR'd address is checked
 * against.
 */
export function namesUnder(prefix: string): string[] {
	const t = load();
	const maps = prefix.length === 2 ? [t.cities] : [t.current, t.historic];
	const out = new Set<string>();
	for (const m of maps) for (const [code, name] of m) if (code.startsWith(prefix)) out.add(name);
	return [...out];
}
