import { describe, expect, it } from 'vitest';
import { answerSeconds, LARGE_TEXT_TIMING, STANDARD_TIMING, timing } from './timing.ts';

describe('step timing', () => {
	it('picks the mode', () => {
		expect(timing(false)).toBe(STANDARD_TIMING);
		expect(timing(true)).toBe(LARGE_TEXT_TIMING);
	});

	it('large-text mode is slower on every timer, faster on none', () => {
		const slower = ['captureHoldMs', 'livenessStepMs', 'answerScale', 'hintSettleMs', 'hintRepeatMs'] as const; // prettier-ignore
		for (const k of slower) expect(LARGE_TEXT_TIMING[k], k).toBeGreaterThan(STANDARD_TIMING[k]);
		expect(LARGE_TEXT_TIMING.speechRate).toBeLessThan(STANDARD_TIMING.speechRate);
		expect(timing(true).captureHoldMs).toBeGreaterThanOrEqual(3 * timing(false).captureHoldMs);
	});

	it('stretches answer times to whole seconds', () => {
		expect(answerSeconds(30, false)).toBe(30);
		expect(answerSeconds(30, true)).toBe(45);
		expect(answerSeconds(20, true)).toBe(30);
		expect(answerSeconds(1, true)).toBe(2);
	});

	it('is frozen (one source, not edited at run time)', () => {
		expect(Object.isFrozen(STANDARD_TIMING) && Object.isFrozen(LARGE_TEXT_TIMING)).toBe(true);
	});
});
