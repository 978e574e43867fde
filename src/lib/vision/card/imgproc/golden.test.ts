/**
 * Golden comparison with opencv.js (the reference peer, a devDependency only): on generated card
 * scenes the own pipeline finds the same corners, rectifies to the same 856×540 card and scores
 * blur, glare and exposure the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	goldenScenes,
	type GoldenScene
} from '../../../../../tests/fixtures/card-golden-scenes.ts';
import * as ref from '../../../../../tests/fixtures/opencv-card.ts';
import { cardQuality, findCardQuad, rectify } from '../detect.ts';
import type { Quad } from '../geometry.ts';
import type { Pixels } from '../protocol.ts';
import { canny } from './canny.ts';
import { gaussianBlur5 } from './blur.ts';
import { rgbaToGray, resizeArea } from './gray.ts';

let cv: ref.CV;
const report: string[] = [];
const scenes = goldenScenes();

beforeAll(async () => {
	cv = await ref.loadReferenceOpenCv();
}, 120_000);
afterAll(() => {
	if (process.env.KAIHU_GOLDEN_REPORT) console.log(report.join('\n'));
});

function withMat<T>(s: Pixels, f: (m: InstanceType<ref.CV['Mat']>) => T): T {
	const m = cv.matFromImageData({ width: s.width, height: s.height, data: s.data } as ImageData);
	try {
		return f(m);
	} finally {
		m.delete();
	}
}

const pixels = (s: GoldenScene): Pixels => ({ width: s.width, height: s.height, data: s.rgba });
const worst = (a: Quad, b: Quad) =>
	Math.max(...a.map(([x, y], i) => Math.hypot(x - b[i]![0], y - b[i]![1])));

describe('imgproc against opencv.js', () => {
	it('resize, grey, blur and Canny match bit for bit on a card scene', () => {
		const s = scenes[1]!;
		const small = resizeArea(s.rgba, s.width, s.height, 4, 640, 360);
		const gray = rgbaToGray(small, 640, 360);
		const edges = canny(gaussianBlur5(gray), 40, 120);
		const theirs = withMat(pixels(s), (m) => {
			const a = new cv.Mat();
			const g = new cv.Mat();
			const e = new cv.Mat();
			cv.resize(m, a, new cv.Size(640, 360), 0, 0, cv.INTER_AREA);
			cv.cvtColor(a, g, cv.COLOR_RGBA2GRAY);
			const grayRef = Uint8Array.from(g.data);
			cv.GaussianBlur(g, g, new cv.Size(5, 5), 0);
			cv.Canny(g, e, 40, 120);
			const out = { gray: grayRef, edges: Uint8Array.from(e.data) };
			for (const x of [a, g, e]) x.delete();
			return out;
		});
		let grayDiff = 0;
		let edgeDiff = 0;
		for (let i = 0; i < gray.data.length; i++) {
			if (gray.data[i] !== theirs.gray[i]) grayDiff++;
			if (edges.data[i] !== theirs.edges[i]) edgeDiff++;
		}
		expect(grayDiff).toBe(0);
		// Canny may differ on a handful of pixels at most (hysteresis ties).
		expect(edgeDiff / edges.data.length).toBeLessThan(0.001);
	});

	it.each(scenes.map((s) => [s.name, s] as const))('%s: same quad, card and scores', (_, s) => {
		const mine = findCardQuad(pixels(s));
		const theirs = withMat(pixels(s), (m) => ref.findCardQuad(cv, m));
		if (!theirs) {
			expect(mine).toBeNull();
			return;
		}
		expect(mine).not.toBeNull();
		// At most one pixel of the 640-wide detection grid (2 frame px each way).
		expect(worst(mine!, theirs)).toBeLessThanOrEqual(2 * Math.SQRT2 + 1e-9);
		report.push(`${s.name}: ${worst(mine!, theirs).toFixed(2)} px`);
		// Same quad in, same card out: rectify and score both ways from opencv's quad.
		const card = rectify(pixels(s), theirs);
		const refCard = withMat(pixels(s), (m) => {
			const out = ref.rectify(cv, m, theirs);
			const q = ref.cardQuality(cv, out);
			const data = Uint8ClampedArray.from(out.data);
			out.delete();
			return { data, q };
		});
		let sum = 0;
		for (let i = 0; i < card.data.length; i++) sum += Math.abs(card.data[i]! - refCard.data[i]!);
		expect(sum / card.data.length).toBeLessThan(0.5);
		report.push(`  rectified mean abs diff ${(sum / card.data.length).toFixed(3)}`);
		const q = cardQuality(card);
		expect(q.sharpness).toBeCloseTo(refCard.q.sharpness, -1); // within ±5
		expect(Math.abs(q.sharpness - refCard.q.sharpness) / refCard.q.sharpness).toBeLessThan(0.02);
		expect(Math.abs(q.glare - refCard.q.glare)).toBeLessThan(0.001);
		expect(Math.abs(q.luma - refCard.q.luma)).toBeLessThan(0.5);
		report.push(
			`  sharpness ${q.sharpness.toFixed(2)} vs ${refCard.q.sharpness.toFixed(2)}, glare ${q.glare.toFixed(5)} vs ${refCard.q.glare.toFixed(5)}, luma ${q.luma.toFixed(3)} vs ${refCard.q.luma.toFixed(3)}`
		);
	});
});
