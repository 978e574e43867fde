import { describe, expect, it } from 'vitest';
import { sfc32 } from './sfc32.ts';

describe('sfc32', () => {
	it('gives the same stream for the same seed (golden: the reference sfc32 with seed 1,2,3,4)', () => {
		const g = sfc32(1, 2, 3, 4);
		expect([g.next(), g.next(), g.next(), g.next(), g.next()]).toEqual([
			7, 34, 56623200, 188882296, 3431242869
		]);
	});
	it('takes seed words modulo 2^32 and changes its stream when a byte is mixed in', () => {
		const a = sfc32(2 ** 32 + 1, 2, 3, 4);
		expect(a.next()).toBe(7);
		const b = sfc32(1, 2, 3, 4);
		b.mix(0x41);
		expect(b.next()).not.toBe(7);
	});
});
