import { describe, expect, it } from 'vitest';
import { blankImage, resize, type RgbaImage } from './image.ts';
import { detInputSize, detTensorData, recBatchData, recTensorData } from './preprocess.ts';

function solid(w: number, h: number, rgb: [number, number, number]): RgbaImage {
	const img = blankImage(w, h);
	for (let i = 0; i < w * h; i++) img.data.set(rgb, i * 4);
	return img;
}

describe('detection input size', () => {
	it('keeps a rectified card near its own size, in multiples of 32', () => {
		expect(detInputSize(856, 540)).toEqual([864, 544]);
	});
	it('caps the long side and keeps the aspect', () => {
		expect(detInputSize(1920, 1080)).toEqual([960, 544]);
		expect(detInputSize(856, 540, 640)).toEqual([640, 416]);
	});
	it('never goes below one block', () => {
		expect(detInputSize(10, 5)).toEqual([32, 32]);
	});
});

describe('tensor layout', () => {
	it('detection: planar BGR with ImageNet mean/std per BGR channel', () => {
		const t = detTensorData(solid(2, 1, [255, 0, 0])); // pure red
		// channel 0 is blue: (0 − 0.485) / 0.229
		expect(t[0]).toBeCloseTo(-2.1179, 4);
		expect(t[1]).toBeCloseTo(-2.1179, 4);
		// channel 1 green: (0 − 0.456) / 0.224
		expect(t[2]).toBeCloseTo(-2.0357, 4);
		// channel 2 red: (1 − 0.406) / 0.225
		expect(t[4]).toBeCloseTo(2.64, 4);
	});
	it('recognition: (x / 255 − 0.5) / 0.5', () => {
		const t = recTensorData(solid(1, 1, [255, 0, 51]));
		expect(Array.from(t)).toEqual([expect.closeTo(-0.6, 5), -1, 1]);
	});
	it('batches pad on the right with 0 (mid-grey)', () => {
		const a = solid(2, 48, [255, 255, 255]);
		const b = solid(3, 48, [0, 0, 0]);
		const { data, width } = recBatchData([a, b]);
		expect(width).toBe(3);
		expect(data.length).toBe(2 * 3 * 48 * 3);
		expect([data[0], data[1], data[2]]).toEqual([1, 1, 0]); // a: white, white, pad
		const bStart = 3 * 48 * 3;
		expect([data[bStart], data[bStart + 1], data[bStart + 2]]).toEqual([-1, -1, -1]);
	});
});

describe('resize', () => {
	it('halves a two-tone image with bilinear averages at the seam', () => {
		const img = blankImage(4, 1);
		img.data.set([0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200, 255, 200, 200, 200, 255]);
		const out = resize(img, 2, 1);
		expect(out.data[0]).toBe(0);
		expect(out.data[4]).toBe(200);
	});
});
