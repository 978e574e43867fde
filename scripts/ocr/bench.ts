/**
 * `npm run bench:ocr [-- --per-kind N --seed S --no-tesseract]`: generates the seeded dev set
 * (if missing) and reads every image with the app's OCR in headless Chromium and with
 * tesseract.js (`chi_sim`) in Node; prints per-field accuracy side by side, per-run accuracy,
 * median milliseconds per card side and the bytes the page downloaded for OCR.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { GENERATED, generateCards, type CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { startHarness, type PageOcrResult } from './harness.ts';
import { fieldRead, printedFields, runsRead, type ScoredField } from './score.ts';
import { startTesseract, tesseractLines } from './tesseract.ts';

const { values } = parseArgs({
	options: {
		'per-kind': { type: 'string', default: '20' },
		seed: { type: 'string', default: '1' },
		'no-tesseract': { type: 'boolean', default: false },
		det: { type: 'string' }
	}
});
const perKind = Number(values['per-kind']);
const seed = Number(values.seed);
const dir = join(GENERATED, 'cards', `dev-s${seed}-n${perKind}`);

async function devSet(): Promise<CardTruth[]> {
	if (
		!existsSync(dir) ||
		readdirSync(dir).filter((f) => f.endsWith('.json')).length < perKind * 3
	) {
		console.error(`generating the dev set into ${dir} …`);
		await generateCards({ perKind, seed, severity: 'phone', outDir: dir });
	}
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CardTruth);
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);

interface Tally {
	ok: number;
	n: number;
}
type Engine = 'paddle' | 'tesseract';
const fields = new Map<string, Record<Engine, Tally>>();
const runs: Record<Engine, Tally> = { paddle: { ok: 0, n: 0 }, tesseract: { ok: 0, n: 0 } };
const ms: Record<Engine, Map<string, number[]>> = { paddle: new Map(), tesseract: new Map() };
const cpu = new Map<string, number[]>();
const stage = { det: [] as number[], rec: [] as number[] };
const misses: string[] = [];

function score(engine: Engine, t: CardTruth, lines: string[], elapsed: number): void {
	for (const [f, expected] of Object.entries(printedFields(t))) {
		const row = fields.get(f) ?? { paddle: { ok: 0, n: 0 }, tesseract: { ok: 0, n: 0 } };
		fields.set(f, row);
		row[engine].n++;
		const ok = fieldRead(f as ScoredField, expected, lines);
		if (ok) row[engine].ok++;
		else if (engine === 'paddle')
			misses.push(`${t.file} ${f}: want ${expected} | got ${lines.join(' / ')}`);
	}
	const r = runsRead(t, lines);
	runs[engine].ok += r.read;
	runs[engine].n += r.total;
	const list = ms[engine].get(t.kind) ?? [];
	list.push(elapsed);
	ms[engine].set(t.kind, list);
}

const truths = await devSet();
console.error(`${truths.length} images; reading with PP-OCRv4 in Chromium …`);
const h = await startHarness({ detMaxSide: values.det ? Number(values.det) : undefined });
const paddle: PageOcrResult[] = [];
try {
	for (const t of truths) {
		const r = await h.ocr(join(dir, t.file));
		paddle.push(r);
		score(
			'paddle',
			t,
			r.lines.map((l) => l.text),
			r.ms
		);
		if (r.cpuMs !== undefined) cpu.set(t.kind, [...(cpu.get(t.kind) ?? []), r.cpuMs]);
		if (r.timings) {
			stage.det.push(r.timings.det);
			stage.rec.push(r.timings.rec);
		}
	}
} finally {
	await h.close();
}
const kinds = new Map(truths.map((t, i) => [t.file, paddle[i]!.kind === t.kind]));

if (!values['no-tesseract']) {
	console.error('reading with tesseract.js (chi_sim) in Node …');
	const tw = await startTesseract();
	try {
		for (const t of truths) {
			const r = await tesseractLines(tw, join(dir, t.file));
			score('tesseract', t, r.lines, r.ms);
		}
	} finally {
		await tw.terminate();
	}
}

// Bytes: what the page fetched for OCR (raw) and what gzip would send.
let raw = 0;
let gz = 0;
const ROOT = join(import.meta.dirname, '..', '..');
for (const [path, size] of h.bytes) {
	if (!/^\/(models\/ocr|wasm\/ort)\/|ocr\.worker/.test(path)) continue;
	raw += size;
	const local = path.startsWith('/_app/') ? join(ROOT, 'build', path) : join(ROOT, 'static', path);
	gz += existsSync(local) && statSync(local).isFile() ? gzipSync(readFileSync(local)).length : size;
}

const line = (cells: string[]) =>
	console.log(cells.map((c, i) => c.padEnd(i === 0 ? 12 : 16)).join(''));
console.log(
	`\nOCR benchmark — dev set seed ${seed}, ${perKind} per kind (${truths.length} images)\n`
);
line(['field', 'PP-OCRv4 (web)', 'tesseract.js']);
for (const [f, row] of fields) {
	line([
		f,
		`${pct(row.paddle.ok, row.paddle.n)} (${row.paddle.n})`,
		pct(row.tesseract.ok, row.tesseract.n)
	]);
}
const idFields = [...fields].filter(([f]) => !['cardNumber', 'bank'].includes(f));
const sum = (e: Engine, rows: typeof idFields) =>
	rows.reduce((a, [, r]) => ({ ok: a.ok + r[e].ok, n: a.n + r[e].n }), { ok: 0, n: 0 });
const idP = sum('paddle', idFields);
const idT = sum('tesseract', idFields);
line(['ID fields', pct(idP.ok, idP.n), pct(idT.ok, idT.n)]);
line(['runs', pct(runs.paddle.ok, runs.paddle.n), pct(runs.tesseract.ok, runs.tesseract.n)]);
line(['kind', pct([...kinds.values()].filter(Boolean).length, kinds.size), '—']);
for (const kind of ['id-front', 'id-back', 'bank']) {
	const p = median(ms.paddle.get(kind) ?? []);
	const t = median(ms.tesseract.get(kind) ?? []);
	line([`ms ${kind}`, `${Math.round(p)}`, Number.isNaN(t) ? '—' : `${Math.round(t)} (Node)`]);
}
for (const kind of ['id-front', 'id-back', 'bank']) {
	line([`cpu ${kind}`, `${Math.round(median(cpu.get(kind) ?? []))}`, '']);
}
console.log(
	`median worker stages: det ${Math.round(median(stage.det))} ms, rec ${Math.round(median(stage.rec))} ms`
);
console.log(
	`\nload average at the end: ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')} (${cpus().length} cores)`
);
console.log(`\nwarm-up (sessions created) ${h.warmMs} ms`);
console.log(
	`OCR bytes downloaded: ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e6).toFixed(2)} MB gzip`
);
const tess = gzipSync(
	readFileSync(
		join(ROOT, 'node_modules/@tesseract.js-data/chi_sim/4.0.0_best_int/chi_sim.traineddata.gz')
	)
).length;
console.log(
	`(tesseract chi_sim traineddata alone: ${(tess / 1e6).toFixed(2)} MB gzip, plus its core wasm)`
);
if (misses.length) console.log(`\nPP-OCRv4 misses:\n  ${misses.slice(0, 30).join('\n  ')}`);
