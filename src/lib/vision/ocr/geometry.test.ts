import { describe, expect, it } from 'vitest';
import { applyHomography, convexHull, homography, minAreaRect, rectCorners } from './geometry.ts';
import type { Quad } from './image.ts';

describe('geometry', () => {
	it('hull drops interior points', () => {
		const hull = convexHull([
			[0, 0],
			[4, 0],
			[4, 4],
			[0, 4],
			[2, 2],
			[1, 3]
		]);
		expect(hull).toHaveLength(4);
	});

	it('min-area rectangle of a 45° square has its true size', () => {
		const s = Math.SQRT1_2 * 10;
		const r = minAreaRect([
			[0, s],
			[s, 0],
			[2 * s, s],
			[s, 2 * s]
		]);
		expect(r.width * r.height).toBeCloseTo(100, 6);
		expect([r.cx, r.cy]).toEqual([expect.closeTo(s, 6), expect.closeTo(s, 6)]);
	});

	it('orders corners TL, TR, BR, BL along the long side, left to right', () => {
		const q = rectCorners({ cx: 50, cy: 20, width: 10, height: 40, ux: 0, uy: 1 });
		expect(q[0]).toEqual([30, 15]);
		expect(q[2]).toEqual([70, 25]);
	});

	it('homography maps the four corners exactly', () => {
		const from: Quad = [
			[0, 0],
			[100, 0],
			[100, 50],
			[0, 50]
		];
		const to: Quad = [
			[12, 7],
			[95, 15],
			[90, 70],
			[5, 60]
		];
		const h = homography(from, to);
		from.forEach(([x, y], i) => {
			const [u, v] = applyHomography(h, x, y);
			expect(u).toBeCloseTo(to[i]![0], 6);
			expect(v).toBeCloseTo(to[i]![1], 6);
		});
	});
});
