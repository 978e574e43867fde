/**
 * The attempt's result package and the checks both sides can run on it. The client builds it
 * with {@link toLivenessResult}; the server re-checks it with {@link checkLivenessResult} against
 * the challenge it issued (the nonce binding and single use are the server's own business).
 */
import { DEFAULT_PROMPT_DELAY_MS, PROMPT_DELAY_MAX_MS, startWindowFor } from './challenge.ts';
import type { LivenessChallenge, LivenessResult, LivenessState } from './types.ts';

/** Builds what the client sends after an attempt (the evidence files travel alongside). */
export function toLivenessResult(
	nonce: string,
	state: LivenessState,
	firstT: number,
	lastT: number
): LivenessResult {
	if (state.phase !== 'passed' && state.phase !== 'failed')
		throw new Error('the attempt is not over');
	return {
		nonce,
		passed: state.phase === 'passed',
		...(state.reason ? { reason: state.reason } : {}),
		steps: state.steps.map((s) => ({ ...s })),
		ms: Math.max(0, lastT - firstT)
	};
}

/**
 * The result once the spoken digits of step `index` were not the issued ones: that step failed
 * with `wrong_digits`, and the steps after it (run while the recording was verified) are dropped,
 * so a failed step is the last one as everywhere else.
 */
export function failSpokenDigits(r: LivenessResult, index: number): LivenessResult {
	const steps = r.steps
		.slice(0, index + 1)
		.map((s, i) => (i === index ? { ...s, passed: false } : s));
	return { ...r, passed: false, reason: 'wrong_digits', steps };
}

/** Index of the first passed read-digits step of a result, or -1. */
export function spokenDigitsStep(r: LivenessResult): number {
	return r.steps.findIndex((s) => s.action === 'read-digits' && s.passed);
}

export interface ResultProblem {
	path: string;
	message: string;
}

/** Slack for clock rounding between the engine's frame times and the limits (ms). */
const SLACK_MS = 250;
/**
 * The prompt is shown at the first frame at or after its due time: at most this much later (ms).
 * Frames normally come every 100–250 ms, but a slow phone's tracker stalls now and then (a
 * garbage collection, the recorder, another tab): the e2e journey on a loaded 2-core machine had a
 * prompt shown more than 500 ms late, and the honest customer got "does not match the challenge".
 * Late is no help to a replay: its action must still start after the prompt and within the window.
 */
const PROMPT_FRAME_MS = 1500;
/** Calibration plus three steps can never take longer than this beyond the step limits (ms). */
const MAX_OVERHEAD_MS = 15_000;

/**
 * Checks a result against the issued challenge: same steps in the same order, each starting where
 * the previous one ended, its prompt at the scheduled delay (the schedule is derived from the
 * nonce, so the client cannot pick its own), its action started within the start window after the
 * prompt and done within the step limit of it, a pass only when every step passed, a failure only
 * with a reason. Returns the problems found (empty = plausible).
 */
export function checkLivenessResult(
	challenge: Pick<LivenessChallenge, 'steps' | 'stepTimeoutMs'> &
		Partial<Pick<LivenessChallenge, 'promptDelaysMs' | 'startWindowMs'>>,
	r: LivenessResult
): ResultProblem[] {
	const problems: ResultProblem[] = [];
	const issued = challenge.steps;
	const window = challenge.startWindowMs ?? startWindowFor(challenge.stepTimeoutMs);
	if (r.steps.length > issued.length)
		problems.push({ path: 'steps', message: 'more steps than issued' });
	let prevEnd: number | undefined;
	r.steps.forEach((s, i) => {
		const path = `steps.${i}`;
		const delay = challenge.promptDelaysMs?.[i] ?? DEFAULT_PROMPT_DELAY_MS;
		if (s.action !== issued[i]?.action)
			problems.push({ path: `${path}.action`, message: 'not the issued step' });
		if (!(s.endedAt >= s.startedAt) || (prevEnd !== undefined && s.startedAt !== prevEnd))
			problems.push({ path, message: 'times out of order' });
		if (s.promptedAt !== undefined) {
			const shownAfter = s.promptedAt - s.startedAt;
			if (shownAfter < delay || shownAfter > delay + PROMPT_FRAME_MS || s.promptedAt > s.endedAt)
				problems.push({ path: `${path}.promptedAt`, message: 'prompt not at its scheduled time' });
		} else if (s.passed || s.actionAt !== undefined)
			problems.push({ path: `${path}.promptedAt`, message: 'an action without its prompt' });
		if (s.passed) {
			const p = s.promptedAt ?? s.startedAt;
			const a = s.actionAt;
			if (a === undefined || a < p || a > p + window + SLACK_MS || a > s.endedAt)
				problems.push({ path: `${path}.actionAt`, message: 'not started within its window' });
			if (s.endedAt - p > challenge.stepTimeoutMs + SLACK_MS)
				problems.push({ path, message: 'passed after its time limit' });
		}
		if (s.passed && s.score <= 0) problems.push({ path, message: 'passed without a score' });
		if (i < r.steps.length - 1 && !s.passed)
			problems.push({ path, message: 'a failed step must be the last one' });
		prevEnd = s.endedAt;
	});
	if (r.passed) {
		if (r.reason) problems.push({ path: 'reason', message: 'a pass has no reason' });
		if (r.steps.length !== issued.length || r.steps.some((s) => !s.passed))
			problems.push({ path: 'steps', message: 'a pass needs every issued step passed' });
	} else if (!r.reason) problems.push({ path: 'reason', message: 'a failure needs a reason' });
	const first = r.steps[0];
	const last = r.steps.at(-1);
	if (first && last) {
		const span = last.endedAt - first.startedAt;
		if (r.ms + SLACK_MS < span) problems.push({ path: 'ms', message: 'shorter than its steps' });
	}
	if (r.ms > issued.length * (challenge.stepTimeoutMs + PROMPT_DELAY_MAX_MS) + MAX_OVERHEAD_MS)
		problems.push({ path: 'ms', message: 'longer than the challenge allows' });
	return problems;
}
