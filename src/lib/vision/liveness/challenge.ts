/**
 * Challenge generation for the server: a random nonce and 3 distinct steps in random order, 4
 * random digits for `read-digits`, all from a cryptographic RNG (Web Crypto, present in browsers
 * and Node ≥ 20). Pure apart from the RNG, which tests may replace.
 */
import { STANDARD_TIMING } from '../../domain/timing.ts';
import { LIVENESS_ACTIONS, type ChallengeStep, type LivenessChallenge } from './types.ts';

/** Fills a buffer with cryptographically random bytes. */
export type RandomBytes = (n: number) => Uint8Array;

const cryptoBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

export const DEFAULT_STEP_TIMEOUT_MS = STANDARD_TIMING.livenessStepMs;
export const DEFAULT_CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_STEPS = 3;

/** A uniform integer in [0, n) by rejection sampling (no modulo bias). */
export function randomInt(n: number, random: RandomBytes = cryptoBytes): number {
	if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError('n must be 1…256');
	const limit = 256 - (256 % n);
	for (;;) {
		const b = random(1)[0]!;
		if (b < limit) return b % n;
	}
}

export function randomDigits(count: number, random: RandomBytes = cryptoBytes): string {
	let s = '';
	for (let i = 0; i < count; i++) s += String(randomInt(10, random));
	return s;
}

function base64url(bytes: Uint8Array): string {
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface ChallengeOptions {
	now: Date;
	stepTimeoutMs?: number;
	/** How long the challenge may be answered (default 5 minutes). */
	ttlMs?: number;
	random?: RandomBytes;
}

/** Issues a fresh {@link LivenessChallenge}. */
export function generateChallenge(options: ChallengeOptions): LivenessChallenge {
	const random = options.random ?? cryptoBytes;
	const pool = [...LIVENESS_ACTIONS];
	const steps: ChallengeStep[] = [];
	for (let i = 0; i < CHALLENGE_STEPS; i++) {
		const [action] = pool.splice(randomInt(pool.length, random), 1);
		steps.push(
			action === 'read-digits' ? { action, digits: randomDigits(4, random) } : { action: action! }
		);
	}
	const issued = options.now.getTime();
	return {
		nonce: base64url(random(24)),
		steps,
		stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
		issuedAt: new Date(issued).toISOString(),
		expiresAt: new Date(issued + (options.ttlMs ?? DEFAULT_CHALLENGE_TTL_MS)).toISOString()
	};
}
