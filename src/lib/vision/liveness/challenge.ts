/**
 * Challenge generation for the server: a random nonce from a cryptographic RNG (Web Crypto,
 * present in browsers and Node ≥ 20), and everything else derived from the nonce alone
 * ({@link deriveChallenge}): 3 distinct steps in random order (turn direction included), 4 random
 * digits for `read-digits`, and the prompt schedule. The server re-derives the schedule from the
 * nonce when it re-checks the reported timings. Pure apart from the RNG, which tests may replace.
 */
import { STANDARD_TIMING } from '../../domain/timing.ts';
import { sfc32 } from '../../random/sfc32.ts';
import { LIVENESS_ACTIONS, type ChallengeStep, type LivenessChallenge } from './types.ts';

/** Fills a buffer with cryptographically random bytes. */
export type RandomBytes = (n: number) => Uint8Array;

const cryptoBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

export const DEFAULT_STEP_TIMEOUT_MS = STANDARD_TIMING.livenessStepMs;
export const DEFAULT_CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_STEPS = 3;
/** A step's prompt comes this long after the step starts: uniform in [min, max], 10 ms steps. */
export const PROMPT_DELAY_MIN_MS = 1000;
export const PROMPT_DELAY_MAX_MS = 2500;
/** Default prompt delay where no schedule is given (engine tests, tools). */
export const DEFAULT_PROMPT_DELAY_MS = 1000;

/**
 * The start window for a step limit: 40 % of it (2.0 s at the standard 5 s, 3.2 s in large-text
 * mode's 8 s). People react to a prompt within about half a second, but on a slow phone the prompt
 * reaches the screen a frame late and the movement is seen a frame or two later again: at 4–8 fps
 * the app measured 0.7–1.3 s from prompt to the movement seen (a reactive actor, liveness.spec),
 * so 1.5 s left too little room. Natural motion that happens to contain the action rarely starts
 * it, from neutral, inside so short a window after a random prompt.
 */
export function startWindowFor(stepTimeoutMs: number): number {
	return Math.round(stepTimeoutMs * 0.4);
}

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

function fromBase64url(s: string): Uint8Array {
	const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * A deterministic byte stream keyed by the nonce (sfc32 seeded from its bytes): the nonce is
 * already uniformly random, so this only spreads it over as many draws as the challenge needs.
 * Different labels give independent streams (steps, schedule).
 */
export function nonceStream(nonce: string, label: number): RandomBytes {
	const g = sfc32(0x9e3779b9 ^ label, 0x243f6a88, 0xb7e15162, label);
	for (const byte of fromBase64url(nonce)) {
		g.mix(byte);
		g.next();
	}
	for (let i = 0; i < 12; i++) g.next();
	return (n) => Uint8Array.from({ length: n }, () => g.next() >>> 24);
}

/** A uniform integer in [0, n) for n up to 65 536 (two bytes, rejection sampling). */
function randomInt16(n: number, random: RandomBytes): number {
	const limit = 65536 - (65536 % n);
	for (;;) {
		const [a, b] = random(2);
		const v = (a! << 8) | b!;
		if (v < limit) return v % n;
	}
}

/** The prompt schedule of a nonce: one delay per step (ms), see {@link PROMPT_DELAY_MIN_MS}. */
export function promptSchedule(nonce: string, steps = CHALLENGE_STEPS): number[] {
	const random = nonceStream(nonce, 2);
	const choices = (PROMPT_DELAY_MAX_MS - PROMPT_DELAY_MIN_MS) / 10 + 1;
	return Array.from(
		{ length: steps },
		() => PROMPT_DELAY_MIN_MS + 10 * randomInt16(choices, random)
	);
}

/** Everything a challenge asks, derived from its nonce (the server re-derives it to check). */
export function deriveChallenge(
	nonce: string,
	stepTimeoutMs = DEFAULT_STEP_TIMEOUT_MS
): Pick<LivenessChallenge, 'steps' | 'promptDelaysMs' | 'startWindowMs' | 'stepTimeoutMs'> {
	const random = nonceStream(nonce, 1);
	const pool = [...LIVENESS_ACTIONS];
	const steps: ChallengeStep[] = [];
	for (let i = 0; i < CHALLENGE_STEPS; i++) {
		const [action] = pool.splice(randomInt(pool.length, random), 1);
		steps.push(
			action === 'read-digits' ? { action, digits: randomDigits(4, random) } : { action: action! }
		);
	}
	return {
		steps,
		stepTimeoutMs,
		promptDelaysMs: promptSchedule(nonce, steps.length),
		startWindowMs: startWindowFor(stepTimeoutMs)
	};
}

/** Issues a fresh {@link LivenessChallenge}. */
export function generateChallenge(options: ChallengeOptions): LivenessChallenge {
	const random = options.random ?? cryptoBytes;
	const nonce = base64url(random(24));
	const issued = options.now.getTime();
	return {
		nonce,
		...deriveChallenge(nonce, options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS),
		issuedAt: new Date(issued).toISOString(),
		expiresAt: new Date(issued + (options.ttlMs ?? DEFAULT_CHALLENGE_TTL_MS)).toISOString()
	};
}
