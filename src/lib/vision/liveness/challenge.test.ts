import { describe, expect, it } from 'vitest';
import {
	deriveChallenge,
	generateChallenge,
	PROMPT_DELAY_MAX_MS,
	PROMPT_DELAY_MIN_MS,
	promptSchedule,
	randomInt
} from './challenge.ts';
import { LIVENESS_ACTIONS } from './types.ts';

const now = new Date('2026-11-23T22:00:00Z');

describe('challenge generator', () => {
	it('issues 3 distinct steps, digits only for read-digits, a nonce and an expiry', () => {
		for (let i = 0; i < 200; i++) {
			const c = generateChallenge({ now });
			expect(c.steps).toHaveLength(3);
			expect(new Set(c.steps.map((s) => s.action)).size).toBe(3);
			for (const s of c.steps) {
				expect(LIVENESS_ACTIONS).toContain(s.action);
				if (s.action === 'read-digits') expect(s.digits).toMatch(/^\d{4}$/);
				else expect(s.digits).toBeUndefined();
			}
			expect(c.nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
			expect(c.stepTimeoutMs).toBe(5000);
			expect(c.issuedAt).toBe(now.toISOString());
			expect(Date.parse(c.expiresAt) - now.getTime()).toBe(5 * 60_000);
		}
	});

	it('covers every action in every position and never repeats a nonce', () => {
		const seen = new Set<string>();
		const nonces = new Set<string>();
		for (let i = 0; i < 600; i++) {
			const c = generateChallenge({ now, stepTimeoutMs: 8000 });
			expect(c.stepTimeoutMs).toBe(8000);
			c.steps.forEach((s, p) => seen.add(`${p}:${s.action}`));
			nonces.add(c.nonce);
		}
		expect(seen.size).toBe(3 * LIVENESS_ACTIONS.length);
		expect(nonces.size).toBe(600);
	});

	it('draws without modulo bias (rejects bytes above the last full multiple)', () => {
		// 6 values: bytes ≥ 252 must be rejected, so 253 then 7 gives 7 % 6 = 1.
		const bytes = [253, 7];
		expect(randomInt(6, () => Uint8Array.of(bytes.shift()!))).toBe(1);
		expect(() => randomInt(0)).toThrow(RangeError);
	});

	it('is driven by the injected RNG only', () => {
		const rng = (seed: number) => {
			let x = seed;
			return (n: number) => Uint8Array.from({ length: n }, () => (x = (x * 73 + 41) % 251));
		};
		const a = generateChallenge({ now, random: rng(5) });
		const b = generateChallenge({ now, random: rng(5) });
		expect(a).toEqual(b);
	});

	it('derives steps, digits and prompt schedule from the nonce alone', () => {
		for (let i = 0; i < 50; i++) {
			const c = generateChallenge({ now });
			const d = deriveChallenge(c.nonce, c.stepTimeoutMs);
			expect({ ...c, ...d }).toEqual(c);
			expect(promptSchedule(c.nonce)).toEqual(c.promptDelaysMs);
		}
		const a = deriveChallenge('A'.repeat(32));
		const b = deriveChallenge('A'.repeat(31) + 'B');
		expect(a).not.toEqual(b);
	});

	it('draws every step order and a spread of prompt delays, each on a 10 ms grid', () => {
		const orders = new Set<string>();
		const delays: number[] = [];
		for (let i = 0; i < 4000; i++) {
			const c = generateChallenge({ now });
			orders.add(c.steps.map((s) => s.action).join());
			delays.push(...c.promptDelaysMs);
		}
		expect(orders.size).toBe(120);
		for (const d of delays) {
			expect(d).toBeGreaterThanOrEqual(PROMPT_DELAY_MIN_MS);
			expect(d).toBeLessThanOrEqual(PROMPT_DELAY_MAX_MS);
			expect(d % 10).toBe(0);
		}
		const mean = delays.reduce((x, y) => x + y, 0) / delays.length;
		expect(mean).toBeGreaterThan(1700);
		expect(mean).toBeLessThan(1800);
		// The fifths of the range are each drawn about equally often.
		const fifths = [0, 0, 0, 0, 0];
		for (const d of delays) fifths[Math.min(4, Math.floor(((d - 1000) / 1510) * 5))]!++;
		for (const n of fifths) expect(n / delays.length).toBeGreaterThan(0.17);
	});
});
