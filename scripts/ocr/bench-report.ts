/** Prints the OCR benchmark: per-field accuracy per set and engine, time per card side, bytes. */
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';
import type { FieldOutcome } from './fields.ts';

export type Engine = 'paddle' | 'tesseract';

/** One image read by one engine. */
export interface Sample {
	engine: Engine;
	truth: CardTruth;
	kind: string;
	outcomes: FieldOutcome[];
	/** paddle: capture → fields in the browser; tesseract: recognise() in Node. */
	ms: number;
	cpuMs?: number;
	timings?: { det: number; rec: number; strips: number };
	lines: string[];
}

export interface SetResult {
	name: string;
	seed: number;
	/** A split the pipeline may be tuned on: its misses are listed. */
	tune?: boolean;
	samples: Sample[];
}

/** The fields the "ID fields" target counts. */
export const ID_FIELDS = new Set([
	'name',
	'sex',
	'ethnicity',
	'birth',
	'address',
	'idNumber',
	'authority',
	'validFrom',
	'validTo'
]);
const SIDES = ['id-front', 'id-back', 'bank'] as const;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (ok: number, n: number) => (n === 0 ? '—' : `${((100 * ok) / n).toFixed(1)} %`);
const row = (cells: string[]) =>
	console.log(cells.map((c, i) => c.padEnd(i === 0 ? 14 : 20)).join(''));

function tally(samples: Sample[], keep: (o: FieldOutcome) => boolean): string {
	const o = samples.flatMap((s) => s.outcomes).filter(keep);
	const ok = o.filter((x) => x.ok).length;
	return o.length ? `${pct(ok, o.length)} (${ok}/${o.length})` : '—';
}

function printSet(set: SetResult): void {
	const by = (e: Engine) => set.samples.filter((s) => s.engine === e);
	const p = by('paddle');
	const t = by('tesseract');
	const role = set.tune ? 'tuning allowed; misses listed' : 'never tuned on; misses only counted';
	console.log(`\n== ${set.name} set (seed ${set.seed}, ${p.length} images: ${role}) ==`);
	row(['field', 'PP-OCRv4 (web)', 'tesseract.js']);
	const fields = [...new Set(p.flatMap((s) => s.outcomes.map((o) => o.field)))];
	for (const f of fields) row([f, tally(p, (o) => o.field === f), tally(t, (o) => o.field === f)]);
	row([
		'ID fields',
		tally(p, (o) => ID_FIELDS.has(o.field)),
		tally(t, (o) => ID_FIELDS.has(o.field))
	]);
	row(['card numbers', tally(p, (o) => o.field === 'cardNumber'), tally(t, (o) => o.field === 'cardNumber')]); // prettier-ignore
	const kindOk = (xs: Sample[]) => pct(xs.filter((s) => s.kind === s.truth.kind).length, xs.length);
	row(['side (kind)', kindOk(p), t.length ? kindOk(t) : '—']);
	for (const side of SIDES) {
		const pm = median(p.filter((s) => s.truth.kind === side).map((s) => s.ms));
		const tm = median(t.filter((s) => s.truth.kind === side).map((s) => s.ms));
		const cpu = median(p.filter((s) => s.truth.kind === side && s.cpuMs !== undefined).map((s) => s.cpuMs!)); // prettier-ignore
		row([
			`ms ${side}`,
			`${Math.round(pm)} (cpu ${Math.round(cpu)})`,
			Number.isNaN(tm) ? '—' : `${Math.round(tm)} (Node)`
		]);
	}
	const det = median(p.flatMap((s) => (s.timings ? [s.timings.det] : [])));
	const rec = median(p.flatMap((s) => (s.timings ? [s.timings.rec] : [])));
	console.log(`median worker stages: det ${Math.round(det)} ms, rec ${Math.round(rec)} ms`);
	const misses = p.flatMap((s) => s.outcomes.filter((o) => !o.ok).map((o) => ({ s, o })));
	if (!set.tune) {
		console.log(`PP-OCRv4 misses: ${misses.length} (not listed: never tuned on)`);
		return;
	}
	if (misses.length) console.log('PP-OCRv4 misses:');
	for (const { s, o } of misses.slice(0, 40))
		console.log(
			`  ${s.truth.file} ${o.field}: want ${o.want} got ${o.got ?? '∅'} | ${s.lines.join(' / ')}`
		);
}

/** Prints every set, then the download size. */
export function printReport(r: {
	perKind: number;
	results: SetResult[];
	bytes: Map<string, number>;
	warmMs: number;
	threads: number;
}): void {
	console.log(`\nOCR benchmark — ${r.perKind} cards per side per set, generated phone photos`);
	console.log('ms = capture → fields (rectified card handed to the warm worker → parsed fields)');
	for (const set of r.results) printSet(set);
	const root = join(import.meta.dirname, '..', '..');
	let sent = 0;
	let raw = 0;
	const files: string[] = [];
	for (const [path, reported] of r.bytes) {
		if (!/^\/(models\/ocr|wasm\/ort)\/|ocr\.worker/.test(path)) continue;
		const local = path.startsWith('/_app/')
			? join(root, 'build', path)
			: join(root, 'static', path);
		const full = existsSync(local) ? statSync(local).size : reported;
		// Chromium reports no body size for some responses: count the brotli file the server sends.
		const br = `${local}.br`;
		const size = reported > 0 ? reported : existsSync(br) ? statSync(br).size : full;
		sent += size;
		raw += full;
		files.push(`${path} ${(size / 1e6).toFixed(2)} MB (${(full / 1e6).toFixed(2)} MB on disk)`);
	}
	console.log(
		`\nOCR bytes downloaded: ${(sent / 1e6).toFixed(2)} MB as sent, ${(raw / 1e6).toFixed(2)} MB uncompressed`
	);
	for (const f of files) console.log(`  ${f}`);
	console.log(
		`warm-up (fetch + create + prime sessions): ${r.warmMs} ms; ORT threads: ${r.threads}`
	);
	const load = loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');
	console.log(`load average at the end: ${load} (${cpus().length} cores)`);
}
