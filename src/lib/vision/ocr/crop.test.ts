import { describe, expect, it } from 'vitest';
import { cropQuad, quadBox, stripWidth } from './crop.ts';
import { blankImage, type Quad } from './image.ts';

/** An image whose red channel is the x coordinate and green the y coordinate. */
function coordinates(w: number, h: number) {
	const img = blankImage(w, h);
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set([x, y, 0], (y * w + x) * 4);
	return img;
}

describe('line crops', () => {
	const quad: Quad = [
		[10, 10],
		[58, 10],
		[58, 34],
		[10, 34]
	];

	it('scales to height 48 keeping the aspect, without the 320-px minimum', () => {
		expect(stripWidth(quad)).toBe(96);
		const crop = cropQuad(coordinates(100, 60), quad);
		expect([crop.width, crop.height]).toEqual([96, 48]);
	});

	it('samples the quad, not its surroundings', () => {
		const crop = cropQuad(coordinates(100, 60), quad);
		const at = (x: number, y: number, c: number) => crop.data[(y * crop.width + x) * 4 + c]!;
		// Strip pixel x maps to source x = 10 + (x + 0.5) / 2, whose value (pixel centres at
		// integer + 0.5) is that minus 0.5; likewise for y. Stored as bytes, so ±0.5.
		const want = (i: number) => 10 + (i + 0.5) / 2 - 0.5;
		expect(Math.abs(at(0, 0, 0) - want(0))).toBeLessThanOrEqual(0.5);
		expect(Math.abs(at(95, 0, 0) - want(95))).toBeLessThanOrEqual(0.5);
		expect(Math.abs(at(40, 47, 1) - want(47))).toBeLessThanOrEqual(0.5);
	});

	it('straightens a rotated quad', () => {
		const a = Math.PI / 12;
		const rot = (x: number, y: number): [number, number] => [
			50 + x * Math.cos(a) - y * Math.sin(a),
			30 + x * Math.sin(a) + y * Math.cos(a)
		];
		const tilted: Quad = [rot(-30, -8), rot(30, -8), rot(30, 8), rot(-30, 8)];
		const crop = cropQuad(coordinates(100, 60), tilted);
		const mid = crop.height >> 1;
		// Along the middle row, x grows and y follows the slope of the line.
		const first = crop.data[(mid * crop.width + 2) * 4 + 1] ?? 0;
		const last = crop.data[(mid * crop.width + crop.width - 3) * 4 + 1] ?? 0;
		expect(last - first).toBeGreaterThan(12); // 60 px · sin 15° ≈ 15.5
	});

	it('reports an axis-aligned box', () => {
		expect(quadBox(quad)).toEqual([10, 10, 48, 24]);
	});
});
