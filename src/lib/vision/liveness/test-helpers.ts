/**
 * Test helpers: run a whole measurement sequence through a fresh engine. Used by the engine's
 * unit tests and by anything that replays recorded measurements (the CLI, benchmarks).
 */
import type { FaceMeasurement } from '../face/measurement.ts';
import { createLivenessEngine } from './engine.ts';
import type { LivenessOptions } from './options.ts';
import type { ChallengeStep, LivenessState } from './types.ts';

/** Feeds `frames` until the attempt ends (or the frames run out) and returns the last state. */
export function runLiveness(
	steps: ChallengeStep[] | ChallengeStep['action'][],
	frames: Iterable<FaceMeasurement>,
	options: Partial<LivenessOptions> & {
		stepTimeoutMs?: number;
		promptDelaysMs?: number[];
		startWindowMs?: number;
	} = {}
): LivenessState {
	const { stepTimeoutMs = 5000, promptDelaysMs, startWindowMs, ...rest } = options;
	const challengeSteps = steps.map((s) =>
		typeof s === 'string'
			? s === 'read-digits'
				? { action: s, digits: '1234' }
				: { action: s }
			: s
	);
	const engine = createLivenessEngine(
		{
			steps: challengeSteps,
			stepTimeoutMs,
			...(promptDelaysMs ? { promptDelaysMs } : {}),
			...(startWindowMs !== undefined ? { startWindowMs } : {})
		},
		rest
	);
	for (const m of frames) {
		const s = engine.feed(m);
		if (s.phase === 'passed' || s.phase === 'failed') break;
	}
	return engine.state;
}
