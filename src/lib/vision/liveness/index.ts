/** Public surface of the liveness engine (see README.md). */
export * from './types.ts';
export { createLivenessEngine, type LivenessEngineHandle } from './engine.ts';
export { DEFAULT_LIVENESS_OPTIONS, resolveOptions, type LivenessOptions } from './options.ts';
export type { Baseline } from './baseline.ts';
export {
	generateChallenge,
	DEFAULT_STEP_TIMEOUT_MS,
	DEFAULT_CHALLENGE_TTL_MS,
	type ChallengeOptions
} from './challenge.ts';
export { toLivenessResult, checkLivenessResult, type ResultProblem } from './result.ts';
