import { describe, expect, it } from 'vitest';
import { meanLuma, TOO_DARK_LUMA } from './luma.ts';

function solid(r: number, g: number, b: number, pixels = 64): Uint8ClampedArray {
	const a = new Uint8ClampedArray(pixels * 4);
	for (let i = 0; i < pixels; i++) a.set([r, g, b, 255], i * 4);
	return a;
}

describe('meanLuma', () => {
	it('gives BT.601 luma for pure colours', () => {
		expect(meanLuma(solid(255, 255, 255))).toBeCloseTo(255, 5);
		expect(meanLuma(solid(255, 0, 0))).toBeCloseTo(76.245, 3);
		expect(meanLuma(solid(0, 255, 0))).toBeCloseTo(149.685, 3);
		expect(meanLuma(solid(0, 0, 255))).toBeCloseTo(29.07, 3);
	});

	it('flags a dim room as too dark and a lit one as fine', () => {
		expect(meanLuma(solid(30, 28, 25))).toBeLessThan(TOO_DARK_LUMA);
		expect(meanLuma(solid(140, 130, 120))).toBeGreaterThan(TOO_DARK_LUMA);
	});

	it('is 0 for an empty frame', () => {
		expect(meanLuma(new Uint8ClampedArray(0))).toBe(0);
	});
});
