import { describe, expect, it } from 'vitest';
import { inkLength, MIN_INK, toCanvas } from './signature.ts';

describe('signature strokes', () => {
	it('measures ink so a tap is not a signature', () => {
		expect(inkLength([[[10, 10]]])).toBe(0);
		expect(
			inkLength([
				[
					[0, 0],
					[30, 40]
				],
				[
					[0, 0],
					[0, 100]
				]
			])
		).toBe(150);
		expect(MIN_INK).toBeGreaterThan(10);
	});
	it('maps CSS pixels to canvas pixels', () => {
		const rect = { left: 10, top: 20, width: 300, height: 110 };
		expect(toCanvas(160, 75, rect, { width: 600, height: 220 })).toEqual([300, 110]);
	});
});
