/**
 * A seeded PRNG (mulberry32) with the few draws the fuzzer needs, so a failing request is
 * reproduced from its seed and index alone.
 */
export class Prng {
	#s: number;

	constructor(seed: number) {
		this.#s = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** Picks a key by weight. */
	weighted<K extends string>(weights: Record<K, number>): K {
		const entries = Object.entries(weights) as [K, number][];
		let r = this.next() * entries.reduce((n, [, w]) => n + w, 0);
		for (const [k, w] of entries) if ((r -= w) < 0) return k;
		return entries[entries.length - 1]![0];
	}

	/** A string of `length` characters drawn from `alphabet`. */
	string(length: number, alphabet = ALPHANUMERIC): string {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}

	/** A version-4-shaped UUID from this PRNG (reproducible, unlike `crypto.randomUUID`). */
	uuid(): string {
		const hex = this.string(32, '0123456789abcdef');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
	}

	/** Any UTF-16 code units, lone surrogates and controls included. */
	wildString(length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) {
			const range = this.pick([0x7f, 0xff, 0x9fff, 0xffff]);
			out += String.fromCharCode(this.int(0, range));
		}
		return out;
	}
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
