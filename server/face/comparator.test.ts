/**
 * The server's face analysis on real photos (tests/fixtures/faces): BlazeFace finds the face and
 * its alignment points agree with a 68-point landmark model's; the comparison separates the same
 * man from other people; a photo without a face, a blurred, dark or tiny face and unreadable bytes
 * are told apart. Models load once for the file.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePhotos } from '../../tests/fixtures/faces/photos.ts';
import { realFaces } from '../../tests/fixtures/faces/pairs.ts';
import type { RgbaImage } from '../../src/lib/vision/face/align.ts';
import { OnnxFaceComparator } from './comparator.ts';
import { decodePhoto } from './decode.ts';
import { faceQuality } from './quality.ts';

let cmp: OnnxFaceComparator;
const bytes = new Map<string, Uint8Array>();
beforeAll(async () => {
	cmp = await OnnxFaceComparator.open();
	for (const p of facePhotos()) bytes.set(p.id, readFileSync(p.file));
}, 120_000);
afterAll(() => cmp.close());

const photo = (id: string) => {
	const b = bytes.get(id);
	if (!b) throw new Error(`fixture ${id} missing`);
	return b;
};
const asJpeg = (img: RgbaImage, quality = 90) =>
	new Uint8Array(jpeg.encode({ ...img, data: Buffer.from(img.data) }, quality).data);
const decoded = (id: string) => {
	const d = decodePhoto(photo(id));
	if (!d.ok) throw new Error(id);
	return d.image;
};
function boxBlur(img: RgbaImage, r: number): RgbaImage {
	const { width: w, height: h } = img;
	let src = Float32Array.from(img.data);
	for (const vertical of [false, true, false, true]) {
		const dst = new Float32Array(src.length);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++)
				for (let c = 0; c < 4; c++) {
					let s = 0;
					for (let d = -r; d <= r; d++) {
						const xx = vertical ? x : Math.min(w - 1, Math.max(0, x + d));
						const yy = vertical ? Math.min(h - 1, Math.max(0, y + d)) : y;
						s += src[(yy * w + xx) * 4 + c]!;
					}
					dst[(y * w + x) * 4 + c] = s / (2 * r + 1);
				}
		src = dst;
	}
	return { width: w, height: h, data: Uint8Array.from(src) };
}

describe('server face analysis (BlazeFace + faceres on onnxruntime-node)', () => {
	it('finds eyes within a few pixels of the 68-point landmark model', async () => {
		const [ref] = await realFaces(['grace_hopper']);
		const a = await cmp.analyse(photo('grace_hopper'));
		if (a.kind !== 'face' || !ref) throw new Error('no face');
		for (const i of [0, 1, 2]) {
			const d = Math.hypot(
				a.face.five[i]![0] - ref.five[i]![0],
				a.face.five[i]![1] - ref.five[i]![1]
			);
			expect(d).toBeLessThan(12); // eye distance here is ≈ 84 px
		}
	});

	it('same man scores above the threshold, other people below it', async () => {
		const same = await cmp.compare(photo('franck_02045'), photo('franck_04035'));
		const other = await cmp.compare(photo('franck_02045'), photo('grace_hopper'));
		const third = await cmp.compare(photo('astronaut'), photo('grace_hopper'));
		expect(same).toMatchObject({ kind: 'score' });
		if (same.kind !== 'score' || other.kind !== 'score' || third.kind !== 'score') return;
		expect(same.score).toBeGreaterThanOrEqual(cmp.threshold);
		expect(other.score).toBeLessThan(cmp.threshold);
		expect(third.score).toBeLessThan(cmp.threshold);
	});

	it('a photo without a face is no_face; unreadable bytes are poor quality', async () => {
		const w = 320;
		const h = 240;
		const png = new PNG({ width: w, height: h });
		for (let i = 0; i < w * h; i++) png.data.set([(i % w) % 256, 120, 200, 255], i * 4);
		const wall = new Uint8Array(PNG.sync.write(png));
		expect(await cmp.compare(wall, photo('grace_hopper'))).toEqual({ kind: 'no_face' });
		expect(await cmp.compare(photo('franck_02045'), wall)).toEqual({ kind: 'no_face' });
		const junk = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
		expect(await cmp.compare(junk, photo('grace_hopper'))).toEqual({ kind: 'poor_quality' });
	});

	it('a blurred, a dark and a tiny face are poor quality; the original is fine', async () => {
		const img = decoded('franck_02045');
		const a = await cmp.analyse(asJpeg(img));
		expect(a.kind).toBe('face');
		if (a.kind === 'face') expect(faceQuality(a.image, a.face.five).problem).toBeNull();
		const blurred = asJpeg(boxBlur(img, 6));
		const dark = asJpeg({ ...img, data: img.data.map((v, i) => (i % 4 === 3 ? v : v * 0.2)) });
		const tw = 86;
		const th = 69;
		const tiny = new Uint8Array(tw * th * 4);
		for (let y = 0; y < th; y++)
			for (let x = 0; x < tw; x++)
				for (let c = 0; c < 4; c++)
					tiny[(y * tw + x) * 4 + c] =
						img.data[
							(Math.floor((y * img.height) / th) * img.width + Math.floor((x * img.width) / tw)) *
								4 +
								c
						]!;
		for (const bad of [blurred, dark, asJpeg({ width: tw, height: th, data: tiny })]) {
			const r = await cmp.analyse(bad);
			expect(r.kind === 'poor_quality' || r.kind === 'no_face').toBe(true);
		}
		expect((await cmp.analyse(blurred)).kind).toBe('poor_quality');
		expect((await cmp.analyse(dark)).kind).toBe('poor_quality');
	});
});
