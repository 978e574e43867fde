/**
 * What one chaos cycle asks of the device: a valid application for a seeded citizen (so the
 * registry check passes and nothing is refused on content), and a file of random bytes. Also the
 * seeded PRNG shared by the bench.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
	revalidate,
	submissionSchema,
	type Submission
} from '../../../src/lib/domain/application-schema.ts';
import { demoCitizens } from '../../../server/registry/demo-citizens.ts';
import { submissionFor } from '../../../server/testing/submission.ts';

/** mulberry32: a small seeded PRNG, so a failing run replays with its seed. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Valid submissions, one per distinct seeded citizen (the server re-validates them). */
export function submissions(count: number, today = new Date()): Submission[] {
	const out: Submission[] = [];
	for (const c of demoCitizens()) {
		const s = submissionFor(c);
		const parsed = submissionSchema.safeParse(s);
		if (parsed.success && revalidate(parsed.data, today).length === 0) out.push(parsed.data);
		if (out.length === count) return out;
	}
	throw new Error(`only ${out.length} valid seeded citizens, ${count} needed`);
}

/** A "recording" of random bytes: mostly photo-sized, every tenth a larger video. */
export function fileFor(i: number, rand: () => number): { name: string; buffer: Buffer } {
	const bytes =
		i % 10 === 9
			? 8 * 1024 * 1024 + Math.floor(rand() * 4 * 1024 * 1024)
			: 150_000 + Math.floor(rand() * 2_500_000);
	return { name: `app-${i}.webm`, buffer: randomBytes(bytes) };
}
