/**
 * The attempt's result package and the checks both sides can run on it. The client builds it
 * with {@link toLivenessResult}; the server re-checks it with {@link checkLivenessResult} against
 * the challenge it issued (the nonce binding and single use are the server's own business).
 */
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

export interface ResultProblem {
	path: string;
	message: string;
}

/** Slack for clock rounding between the engine's frame times and the limits (ms). */
const SLACK_MS = 250;
/** Calibration plus three steps can never take longer than this beyond the step limits (ms). */
const MAX_OVERHEAD_MS = 15_000;

/**
 * Checks a result against the issued challenge: same steps in the same order, times increasing
 * and within the step limit, a pass only when every step passed, a failure only with a reason.
 * Returns the problems found (empty = plausible).
 */
export function checkLivenessResult(
	challenge: Pick<LivenessChallenge, 'steps' | 'stepTimeoutMs'>,
	r: LivenessResult
): ResultProblem[] {
	const problems: ResultProblem[] = [];
	const issued = challenge.steps;
	if (r.steps.length > issued.length)
		problems.push({ path: 'steps', message: 'more steps than issued' });
	let prevEnd = -Infinity;
	r.steps.forEach((s, i) => {
		const path = `steps.${i}`;
		if (s.action !== issued[i]?.action)
			problems.push({ path: `${path}.action`, message: 'not the issued step' });
		if (!(s.endedAt >= s.startedAt) || s.startedAt < prevEnd)
			problems.push({ path, message: 'times out of order' });
		if (s.passed && s.endedAt - s.startedAt > challenge.stepTimeoutMs + SLACK_MS)
			problems.push({ path, message: 'passed after its time limit' });
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
	if (r.ms > issued.length * challenge.stepTimeoutMs + MAX_OVERHEAD_MS)
		problems.push({ path: 'ms', message: 'longer than the challenge allows' });
	return problems;
}
