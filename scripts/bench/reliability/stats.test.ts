import { describe, expect, it } from 'vitest';
import { quantile, slope } from './stats.ts';

describe('quantile', () => {
	it('takes the nearest rank', () => {
		const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
		expect(quantile(xs, 0.5)).toBe(50);
		expect(quantile(xs, 0.99)).toBe(99);
		expect(quantile([7], 0.99)).toBe(7);
		expect(quantile([], 0.5)).toBeNaN();
	});
});

describe('slope', () => {
	it('fits a line through noisy growth and is zero for flat or too few points', () => {
		expect(slope([0, 1, 2], [1, 3, 5])).toBeCloseTo(2);
		expect(slope([0, 10, 20, 30], [5, 7, 5, 7])).toBeCloseTo(0.04);
		expect(slope([0, 1, 2], [4, 4, 4])).toBe(0);
		expect(slope([1], [3])).toBe(0);
	});
});
