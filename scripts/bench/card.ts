/**
 * `npm run bench:card`: ms per 1280×720 frame for detect + rectify + quality, the own imgproc
 * pipeline against opencv.js (the named peer, `@opencvjs/web`) on the same generated scenes in the
 * same run, and the bytes the client no longer downloads.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants } from 'node:zlib';
import { cardQuality, findCardQuad, rectify } from '../../src/lib/vision/card/detect.ts';
import { goldenScenes } from '../../tests/fixtures/card-golden-scenes.ts';
import * as ref from '../../tests/fixtures/opencv-card.ts';

const ROUNDS = Number(process.env.KAIHU_BENCH_ROUNDS ?? 5);
const scenes = goldenScenes();
const cv = await ref.loadReferenceOpenCv();

function own(): void {
	for (const s of scenes) {
		const px = { width: s.width, height: s.height, data: s.rgba };
		const q = findCardQuad(px);
		if (q) cardQuality(rectify(px, q));
	}
}

function peer(): void {
	for (const s of scenes) {
		const m = cv.matFromImageData({
			width: s.width,
			height: s.height,
			data: s.rgba
		} as unknown as Parameters<ref.CV['matFromImageData']>[0]);
		const q = ref.findCardQuad(cv, m);
		if (q) {
			const card = ref.rectify(cv, m, q);
			ref.cardQuality(cv, card);
			card.delete();
		}
		m.delete();
	}
}

function msPerFrame(run: () => void): number {
	run(); // warm-up (JIT)
	const t = performance.now();
	for (let r = 0; r < ROUNDS; r++) run();
	return (performance.now() - t) / (ROUNDS * scenes.length);
}

// Interleave so load on the machine hits both alike.
const a: number[] = [];
const b: number[] = [];
for (let k = 0; k < 3; k++) {
	a.push(msPerFrame(own));
	b.push(msPerFrame(peer));
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
console.log(
	`card pipeline, ${scenes.length} scenes × ${ROUNDS} rounds × 3, 1280×720, median ms/frame:`
);
console.log(`  own imgproc            ${median(a).toFixed(1)} ms`);
console.log(`  opencv.js (peer)       ${median(b).toFixed(1)} ms`);

const require = createRequire(import.meta.url);
const file = require.resolve('@opencvjs/web/lib/opencv_js.js');
const raw = statSync(file).size;
const br = brotliCompressSync(readFileSync(file), {
	params: { [constants.BROTLI_PARAM_QUALITY]: 11 }
}).length;
console.log(
	`bytes no longer downloaded by the card step: opencv_js.js ${(raw / 2 ** 20).toFixed(2)} MiB raw, ${(br / 2 ** 20).toFixed(2)} MiB brotli`
);
process.exit(0);
