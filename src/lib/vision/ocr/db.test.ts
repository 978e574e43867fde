import { describe, expect, it } from 'vitest';
import { dbBoxes, sortReadingOrder } from './db.ts';
import type { Quad } from './image.ts';

function map(w: number, h: number) {
	const prob = new Float32Array(w * h);
	const fill = (x0: number, y0: number, x1: number, y1: number, p: number) => {
		for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * w + x] = p;
	};
	return { prob, fill };
}

describe('DB post-process', () => {
	it('turns one confident block into one unclipped box (d = area × 1.5 / perimeter)', () => {
		const { prob, fill } = map(100, 60);
		fill(10, 20, 60, 30, 0.9); // 50 × 10
		const boxes = dbBoxes(prob, 100, 60);
		expect(boxes).toHaveLength(1);
		const [tl, tr, br, bl] = boxes[0]!.quad;
		const d = (50 * 10 * 1.5) / (2 * (50 + 10)); // 6.25
		expect(tl[0]).toBeCloseTo(10 - d, 5);
		expect(tl[1]).toBeCloseTo(20 - d, 5);
		expect(tr[0]).toBeCloseTo(60 + d, 5);
		expect(br[1]).toBeCloseTo(30 + d, 5);
		expect(bl[0]).toBeCloseTo(10 - d, 5);
		expect(boxes[0]!.score).toBeCloseTo(0.9, 5);
	});

	it('drops weak blobs (mean < 0.5), specks (side < 3) and background below 0.3', () => {
		const { prob, fill } = map(100, 60);
		fill(0, 0, 100, 60, 0.25); // below the pixel threshold
		fill(10, 5, 50, 15, 0.45); // above 0.3 but box score 0.45
		fill(70, 40, 72, 42, 0.95); // 2 × 2 speck
		expect(dbBoxes(prob, 100, 60)).toHaveLength(0);
	});

	it('keeps separate lines apart and in reading order', () => {
		const { prob, fill } = map(200, 100);
		fill(120, 10, 190, 22, 0.8); // right, top
		fill(10, 12, 100, 24, 0.8); // left, top (2 px lower)
		fill(10, 60, 150, 75, 0.8); // second line
		const boxes = dbBoxes(prob, 200, 100);
		// Left edges after unclipping: 10 − 7.94, 120 − 7.68, 10 − 10.16.
		expect(boxes.map((b) => Math.round(b.quad[0][0]))).toEqual([2, 112, 0]);
	});

	it('fits a rotated line with a rotated rectangle', () => {
		const w = 200;
		const h = 120;
		const prob = new Float32Array(w * h);
		const a = (15 * Math.PI) / 180;
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < w; x++) {
				const u = (x - 100) * Math.cos(a) + (y - 60) * Math.sin(a);
				const v = -(x - 100) * Math.sin(a) + (y - 60) * Math.cos(a);
				if (Math.abs(u) < 60 && Math.abs(v) < 8) prob[y * w + x] = 0.9;
			}
		}
		const [box] = dbBoxes(prob, w, h);
		const [tl, tr] = box!.quad;
		const angle = (Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI;
		expect(angle).toBeGreaterThan(13);
		expect(angle).toBeLessThan(17);
	});
});

describe('reading order', () => {
	const q = (x: number, y: number): { quad: Quad } => ({
		quad: [
			[x, y],
			[x + 10, y],
			[x + 10, y + 5],
			[x, y + 5]
		]
	});
	it('sorts rows top to bottom and boxes within a row left to right', () => {
		const sorted = sortReadingOrder([q(50, 3), q(0, 40), q(0, 5)]);
		expect(sorted.map((b) => b.quad[0])).toEqual([
			[0, 5],
			[50, 3],
			[0, 40]
		]);
	});
});
