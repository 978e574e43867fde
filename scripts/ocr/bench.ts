/**
 * `npm run bench:ocr [-- --per-kind N --set dev|held-out|both --no-tesseract --det 640]`
 *
 * Two fixed, seeded sets of generated phone-degraded cards: **dev** (seed 1, the set the pipeline
 * may be tuned on; its misses are listed) and **held-out** (seed 2, only ever scored: its misses
 * are counted, never listed). Each image is read by the app's OCR in headless Chromium and by
 * tesseract.js (`chi_sim`) in Node; both engines' lines go through the same domain parser, and
 * every parsed field is compared with the truth. Time per card side is "capture → fields": from
 * handing the rectified card's pixels to the warm OCR worker to having the parsed fields (the
 * capture screen's wait). Bytes: what the page downloaded for OCR, as sent (compressed).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATED, generateCards, type CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { CARD_TODAY } from '../../tests/fixtures/cards/identity.ts';
import { printReport, type SetResult, type Sample } from './bench-report.ts';
import type { CardFields } from '../../src/lib/domain/read-card.ts';
import { scoreFields } from './fields.ts';
import { GENERATED2, generateCards2, SPLITS } from '../../tests/fixtures/cards2/generate.ts';
import { TODAY2 } from '../../tests/fixtures/cards2/identity.ts';
import { startHarness } from './harness.ts';
import type { DumpEntry } from './replay.ts';
import { startTesseract, tesseractLines } from './tesseract.ts';

const { values } = parseArgs({
	options: {
		'per-kind': { type: 'string', default: '20' },
		set: { type: 'string', default: 'both' },
		gen: { type: 'string', default: 'both' },
		'no-tesseract': { type: 'boolean', default: false },
		det: { type: 'string' },
		/** Writes every image's raw OCR lines (with boxes) as JSON for `replay.ts`. */
		dump: { type: 'string' }
	}
});
const perKind = Number(values['per-kind']);
/** The seeds are the split: never tune on \`held-out\` / \`test\`. */
const SETS = [
	{ gen: 'cards', name: 'dev', seed: 1, tune: true },
	{ gen: 'cards', name: 'held-out', seed: 2, tune: false },
	{ gen: 'cards2', name: 'dev', seed: SPLITS.dev, tune: true },
	{ gen: 'cards2', name: 'test', seed: SPLITS.test, tune: false }
] as const;
const sets = SETS.filter(
	(s) =>
		(values.gen === 'both' || values.gen === s.gen) &&
		(values.set === 'both' || values.set === s.name || (values.set === 'held-out' && !s.tune))
);

const order = { 'id-front': 0, 'id-back': 1, bank: 2 };
function readTruths(dir: string): CardTruth[] {
	// Photo sides first: the app reads them before the emblem side, which then uses their fields.
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CardTruth)
		.sort((a, b) => order[a.kind] - order[b.kind]);
}

async function load(
	s: (typeof SETS)[number]
): Promise<{ dir: string; truths: CardTruth[]; now: Date }> {
	const count = (d: string) =>
		existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.json')).length : 0;
	if (s.gen === 'cards2') {
		const split = s.tune ? 'dev' : 'test';
		const dir = join(GENERATED2, 'cards2', `bench-${split}-n${perKind}`);
		if (count(dir) < perKind * 3) {
			console.error(`generating ${perKind * 3} cards2 (${split}) into ${dir} …`);
			await generateCards2({ split, perSide: perKind, outDir: dir });
		}
		return { dir, truths: readTruths(dir), now: new Date(`${TODAY2}T04:00:00Z`) };
	}
	const dir = join(GENERATED, 'cards', `bench-s${s.seed}-n${perKind}`);
	if (count(dir) < perKind * 3) {
		console.error(`generating ${perKind * 3} cards (seed ${s.seed}) into ${dir} …`);
		await generateCards({ perKind, seed: s.seed, severity: 'phone', outDir: dir });
	}
	return { dir, truths: readTruths(dir), now: CARD_TODAY };
}

const loaded = [];
for (const s of sets) loaded.push({ ...s, ...(await load(s)) });

const results: SetResult[] = loaded.map((s) => ({
	name: `${s.gen} ${s.name}`,
	seed: s.seed,
	tune: s.tune,
	samples: []
}));
const dump: DumpEntry[] = [];
const h = await startHarness({ detMaxSide: values.det ? Number(values.det) : undefined });
try {
	for (const [i, s] of loaded.entries()) {
		console.error(`${s.gen} ${s.name}: ${s.truths.length} images with PP-OCRv4 in Chromium …`);
		const fronts = new Map<number, CardFields>();
		for (const t of s.truths) {
			const r = await h.ocr(join(s.dir, t.file));
			const scored = scoreFields(t, r.lines, s.now, fronts.get(t.seed));
			if (t.kind === 'id-front') fronts.set(t.seed, scored.fields);
			dump.push({
				set: `${s.gen} ${s.name}`,
				tune: s.tune,
				now: s.now.toISOString(),
				truth: t,
				lines: r.lines,
				ms: r.ms
			});
			const sample: Sample = {
				engine: 'paddle',
				truth: t,
				kind: scored.kind,
				outcomes: scored.outcomes,
				ms: r.ms,
				cpuMs: r.cpuMs,
				timings: r.timings,
				lines: r.lines.map((l) => l.text)
			};
			results[i]!.samples.push(sample);
		}
	}
} finally {
	await h.close();
	if (values.dump) writeFileSync(values.dump, JSON.stringify(dump));
}

if (!values['no-tesseract']) {
	const tw = await startTesseract();
	try {
		for (const [i, s] of loaded.entries()) {
			console.error(`${s.gen} ${s.name}: tesseract.js (chi_sim) in Node …`);
			const fronts = new Map<number, CardFields>();
			for (const t of s.truths) {
				const r = await tesseractLines(tw, join(s.dir, t.file));
				const scored = scoreFields(t, r.lines, s.now, fronts.get(t.seed));
				if (t.kind === 'id-front') fronts.set(t.seed, scored.fields);
				results[i]!.samples.push({
					engine: 'tesseract',
					truth: t,
					kind: scored.kind,
					outcomes: scored.outcomes,
					ms: r.ms,
					lines: r.lines.map((l) => l.text)
				});
			}
		}
	} finally {
		await tw.terminate();
	}
}

printReport({ perKind, results, bytes: h.bytes, warmMs: h.warmMs, threads: h.threads });
