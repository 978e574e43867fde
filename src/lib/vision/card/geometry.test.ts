import { describe, expect, it } from 'vitest';
import {
	CARD_ASPECT,
	maxCornerSkew,
	orderQuad,
	quadArea,
	quadAspect,
	quadMotion,
	type Point,
	type Quad
} from './geometry.ts';

const card: Quad = [
	[100, 100],
	[528, 100],
	[528, 370],
	[100, 370]
];

describe('orderQuad', () => {
	it('orders shuffled corners as TL, TR, BR, BL', () => {
		const shuffled: Point[] = [card[2], card[0], card[3], card[1]];
		expect(orderQuad(shuffled)).toEqual(card);
	});

	it('puts the long edge on top for a card held in portrait', () => {
		const portrait: Point[] = [
			[100, 100],
			[370, 100],
			[370, 528],
			[100, 528]
		];
		const q = orderQuad(portrait);
		expect(Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1])).toBeCloseTo(428);
	});

	it('handles a rotated card', () => {
		const r = (p: Point): Point => [
			300 + (p[0] - 300) * Math.cos(0.3) - (p[1] - 235) * Math.sin(0.3),
			235 + (p[0] - 300) * Math.sin(0.3) + (p[1] - 235) * Math.cos(0.3)
		];
		const q = orderQuad(card.map(r));
		expect(quadAspect(q)).toBeCloseTo(428 / 270, 5);
		expect(q[0][1]).toBeLessThan(q[3][1]);
	});
});

describe('measures', () => {
	it('area, aspect, skew and motion of a square-on card', () => {
		expect(quadArea(card)).toBe(428 * 270);
		expect(quadAspect(card)).toBeCloseTo(CARD_ASPECT, 2);
		expect(maxCornerSkew(card)).toBeCloseTo(0, 9);
		expect(quadMotion(card, card)).toBe(0);
	});

	it('skew grows with perspective', () => {
		const tilted: Quad = [
			[140, 100],
			[488, 100],
			[528, 370],
			[100, 370]
		];
		expect(maxCornerSkew(tilted)).toBeCloseTo(8.43, 1);
		expect(quadMotion(card, tilted)).toBe(20);
	});
});
