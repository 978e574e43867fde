/**
 * Step timers of the customer flow in the standard and the large-text (elderly) mode — the one
 * source for every timer the mode slows down. Pure (shared with the server, which sets the
 * liveness step limit of a challenge from it).
 *
 * @example
 * timing(prefs.largeText).captureHoldMs // 500, or 1500 in large-text mode
 */
export interface StepTiming {
	/** Card auto-capture: how long the frames must stay good before the photo is taken. */
	captureHoldMs: number;
	/** Liveness: time limit of each action (turn, nod, blink …). */
	livenessStepMs: number;
	/** Self-service witness: factor on each question's answer time. */
	answerScale: number;
	/** Voice prompts: speaking rate (1 = the engine's normal rate). */
	speechRate: number;
	/** Voice prompts: a capture hint is spoken once it stayed the same this long. */
	hintSettleMs: number;
	/** Voice prompts: the same hint is not repeated sooner than this. */
	hintRepeatMs: number;
}

/** The standard mode. */
export const STANDARD_TIMING: Readonly<StepTiming> = Object.freeze({
	captureHoldMs: 500,
	livenessStepMs: 5000,
	answerScale: 1,
	speechRate: 1,
	hintSettleMs: 800,
	hintRepeatMs: 6000
});

/** Large-text mode: three times the capture hold, more time per action and answer, slower speech. */
export const LARGE_TEXT_TIMING: Readonly<StepTiming> = Object.freeze({
	captureHoldMs: 1500,
	livenessStepMs: 8000,
	answerScale: 1.5,
	speechRate: 0.8,
	hintSettleMs: 1200,
	hintRepeatMs: 8000
});

/** The timers for the chosen mode (`prefs.largeText` on the client). */
export function timing(largeText: boolean): Readonly<StepTiming> {
	return largeText ? LARGE_TEXT_TIMING : STANDARD_TIMING;
}

/** A question's answer time in whole seconds for the mode (never shorter than the standard). */
export function answerSeconds(seconds: number, largeText: boolean): number {
	return Math.max(seconds, Math.round(seconds * timing(largeText).answerScale));
}
