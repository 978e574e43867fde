import { describe, expect, it } from 'vitest';
import { cropQuad, endRoom, padQuadEnds, quadBox, stripWidth } from './crop.ts';
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

	const exact = { padEnd: 0 };

	it('scales to height 48 keeping the aspect, without the 320-px minimum', () => {
		expect(stripWidth(quad)).toBe(96);
		const crop = cropQuad(coordinates(100, 60), quad, exact);
		expect([crop.width, crop.height]).toEqual([96, 48]);
	});

	it('samples the quad, not its surroundings', () => {
		const crop = cropQuad(coordinates(100, 60), quad, exact);
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
		const crop = cropQuad(coordinates(100, 60), tilted, exact);
		const mid = crop.height >> 1;
		// Along the middle row, x grows and y follows the slope of the line.
		const first = crop.data[(mid * crop.width + 2) * 4 + 1] ?? 0;
		const last = crop.data[(mid * crop.width + crop.width - 3) * 4 + 1] ?? 0;
		expect(last - first).toBeGreaterThan(12); // 60 px · sin 15° ≈ 15.5
	});

	it('reports an axis-aligned box', () => {
		expect(quadBox(quad)).toEqual([10, 10, 48, 24]);
	});

	it('pads the end of the line by 0.3 line heights by default, not its start', () => {
		expect(padQuadEnds(quad, 0, 0.3).map(([x, y]) => [+x.toFixed(1), +y.toFixed(1)])).toEqual([
			[10, 10],
			[65.2, 10],
			[65.2, 34],
			[10, 34]
		]);
		// 48 px strip height for a 24 px line: 55.2 source px → 111 strip px.
		expect(cropQuad(coordinates(100, 60), quad).width).toBe(111);
	});

	it('pads along the line, not the image axes', () => {
		const slanted: Quad = [
			[0, 0],
			[30, 40],
			[22, 46],
			[-8, 6]
		];
		const [tl, tr] = padQuadEnds(slanted, 0.5);
		// Line height 10, so each end grows 5 px along (0.6, 0.8).
		expect(tl[0]).toBeCloseTo(-3);
		expect(tl[1]).toBeCloseTo(-4);
		expect(tr[0]).toBeCloseTo(33);
		expect(tr[1]).toBeCloseTo(44);
	});

	it('gives a line cut by the image edge a paper margin, not smeared border pixels', () => {
		// Paper 230, a dark stroke in the last 4 columns: a digit cut by the card's right edge.
		const img = blankImage(100, 40);
		for (let y = 0; y < 40; y++)
			for (let x = 0; x < 100; x++) img.data.fill(x >= 96 && y >= 8 && y < 32 ? 20 : 230, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3); // prettier-ignore
		const edge: Quad = [
			[60, 8],
			[100, 8],
			[100, 32],
			[60, 32]
		];
		const crop = cropQuad(img, edge);
		const red = (x: number) => crop.data[((crop.height >> 1) * crop.width + x) * 4]!;
		const w = crop.width;
		expect(red(w - 1)).toBeGreaterThan(200); // the padding beyond the edge is paper
		expect(red(w - 20)).toBeLessThan(60); // the cut stroke is still there
	});

	it('pads a line only into the free space before the next box on its row', () => {
		// Golden boxes (cards2 dev): DB drew the 姓名 label up to the name's first character.
		const box = (x: number, y: number, w: number, h: number): Quad => [
			[x, y],
			[x + w, y],
			[x + w, y + h],
			[x, y + h]
		];
		const label = box(72, 102, 117, 38);
		const name = box(176, 99, 113, 42);
		const sex = box(72, 162, 83, 40);
		const value = box(175, 160, 40, 40);
		const room = endRoom([label, name, sex, value], 0.3);
		expect(room[0]).toBe(0); // overlaps the name: no padding
		expect(room[1]).toBeCloseTo(0.3); // nothing to its right
		expect(room[2]! * 40).toBeCloseTo(12); // 20 px free, 0.3 × 40 = 12 px allowed
		expect(room[3]).toBeCloseTo(0.3);
	});
});
