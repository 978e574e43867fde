/**
 * `npx tsx scripts/ocr/replay.ts DUMP.json [--misses]`: re-scores the raw OCR lines a
 * `bench:ocr -- --dump DUMP.json` run wrote, through the current domain parser, without a browser.
 * Fast iteration for parser-side changes; geometry/pipeline changes need a real bench run.
 * Misses are listed for tuning sets only (held-out misses are counted, never shown).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OcrLine } from '../../src/lib/domain/card-layout.ts';
import type { CardFields } from '../../src/lib/domain/read-card.ts';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { ID_FIELDS } from './bench-report.ts';
import { scoreFields } from './fields.ts';

/** One image of a bench run, as `--dump` writes it. */
export interface DumpEntry {
	set: string;
	tune: boolean;
	now: string;
	truth: CardTruth;
	lines: OcrLine[];
	ms: number;
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { misses: { type: 'boolean', default: false } }
});
if (positionals.length !== 1) throw new Error('usage: replay.ts DUMP.json [--misses]');
const dump = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as DumpEntry[];
const sets = new Map<string, { id: [number, number]; bank: [number, number]; tune: boolean }>();
const fronts = new Map<string, CardFields>();
for (const e of dump) {
	const s = sets.get(e.set) ?? { id: [0, 0], bank: [0, 0], tune: e.tune };
	sets.set(e.set, s);
	const key = `${e.set}/${e.truth.seed}`;
	const r = scoreFields(e.truth, e.lines, new Date(e.now), fronts.get(key));
	if (e.truth.kind === 'id-front') fronts.set(key, r.fields);
	for (const o of r.outcomes) {
		const bucket = o.field === 'cardNumber' ? s.bank : ID_FIELDS.has(o.field) ? s.id : undefined;
		if (bucket) {
			bucket[1]++;
			if (o.ok) bucket[0]++;
		}
		if (!o.ok && values.misses && e.tune) {
			console.log(`${e.set} ${e.truth.file} ${o.field}: want ${o.want} got ${o.got ?? '—'}`);
			console.log(`   lines: ${e.lines.map((l) => l.text).join(' | ')}`);
		}
	}
}
const pct = ([ok, n]: [number, number]) =>
	n ? `${((100 * ok) / n).toFixed(1)} % (${ok}/${n})` : '—';
for (const [name, s] of sets)
	console.log(`${name}: ID fields ${pct(s.id)}, bank numbers ${pct(s.bank)}`);
