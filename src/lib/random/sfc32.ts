/**
 * sfc32 (Chris Doty-Humphrey's "small fast counter"), a small seedable PRNG: 128 bits of state,
 * 32-bit outputs. Not a cryptographic generator: it spreads an already random seed (a server
 * nonce) over many draws, and makes test fixtures repeatable.
 */

export interface Sfc32 {
	/** The next output, an unsigned 32-bit integer. */
	next(): number;
	/** Folds a byte into the state (seeding from a byte string: mix, then `next()`). */
	mix(byte: number): void;
}

/** A generator from four seed words, each taken modulo 2^32. */
export function sfc32(a: number, b: number, c: number, d: number): Sfc32 {
	a |= 0;
	b |= 0;
	c |= 0;
	d |= 0;
	return {
		next() {
			const t = (((a + b) | 0) + d) | 0;
			d = (d + 1) | 0;
			a = b ^ (b >>> 9);
			b = (c + (c << 3)) | 0;
			c = (c << 21) | (c >>> 11);
			c = (c + t) | 0;
			return t >>> 0;
		},
		mix(byte) {
			a = Math.imul(a ^ byte, 0x85ebca6b);
		}
	};
}
