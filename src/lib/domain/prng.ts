/** A small seedable PRNG (mulberry32) with helpers: same seed, same sequence, on every platform. */

/** Random source: `next()` is uniform in [0, 1). */
export interface Rng {
	next(): number;
	/** Integer in [min, max] inclusive. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	/** True with probability `p`. */
	chance(p: number): boolean;
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): fast, good enough for test data, not for secrets.
 * @example createRng(42).int(1, 6)
 */
export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		pick: <T>(items: readonly T[]) => {
			if (items.length === 0) throw new RangeError('nothing to pick from');
			return items[int(0, items.length - 1)]!;
		},
		chance: (p: number) => next() < p
	};
}
