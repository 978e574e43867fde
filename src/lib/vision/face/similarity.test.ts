import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './similarity.ts';

describe('cosineSimilarity', () => {
	it('is 1 for parallel, 0 for orthogonal and −1 for opposite vectors, scale-free', () => {
		expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
		expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
		expect(cosineSimilarity([1, -1], [-3, 3])).toBeCloseTo(-1, 12);
		expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
		expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
	});
});
