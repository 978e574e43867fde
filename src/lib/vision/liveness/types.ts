/**
 * The liveness engine's public contract (`src/lib/vision/liveness/`). The engine is a pure state
 * machine fed by per-frame {@link FaceMeasurement}s; the server issues the {@link LivenessChallenge}
 * and checks the {@link LivenessResult} against the nonce it issued. Shared by the capture page,
 * the `npm run liveness` CLI, the e2e tests and the server.
 */
import type { FaceMeasurement } from '../face/measurement.ts';

/** The actions a challenge can ask for. */
export const LIVENESS_ACTIONS = [
	'blink',
	'turn-left',
	'turn-right',
	'nod',
	'open-mouth',
	'read-digits'
] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

/** One step of a challenge; `digits` (4 random digits) only for `read-digits`. */
export interface ChallengeStep {
	action: LivenessAction;
	digits?: string;
}

/**
 * Issued by the server: a nonce and, derived from it, 3 random steps in random order, the digits
 * and the prompt schedule (`challenge.ts`), so the server can re-check the reported timings.
 */
export interface LivenessChallenge {
	nonce: string;
	steps: ChallengeStep[];
	/** Time limit per step, from its prompt (default 5000 ms; longer in large-text mode). */
	stepTimeoutMs: number;
	/**
	 * Per step: how long after the step starts (calibration over, or the previous step passed) its
	 * prompt is shown, ms. Random, so a replay cannot know when to act.
	 */
	promptDelaysMs: number[];
	/** The asked action must start within this long after its prompt (ms). */
	startWindowMs: number;
	issuedAt: string;
	expiresAt: string;
}

/** Why an attempt failed; stable codes shown (translated) to the user and stored by the server. */
export const LIVENESS_FAILURES = [
	'no_face',
	'face_lost',
	'second_face',
	'identity_changed',
	'wrong_action',
	'timeout',
	'no_voice',
	'not_frontal',
	'premature_action',
	'late_start',
	'no_neutral',
	'wrong_digits'
] as const;
export type LivenessFailure = (typeof LIVENESS_FAILURES)[number];

/** Outcome of one step. Times are measurement times (`FaceMeasurement.t`). */
export interface StepResult {
	action: LivenessAction;
	passed: boolean;
	startedAt: number;
	/** When the step's prompt was shown (absent when the step failed before it). */
	promptedAt?: number;
	/** When the asked action began (absent when it never did). */
	actionAt?: number;
	endedAt: number;
	/** Strength of the detected action, 0–1 (e.g. how far below baseline the eyes closed). */
	score: number;
}

/** What the engine reports after every frame. */
export interface LivenessState {
	phase: 'calibrating' | 'step' | 'passed' | 'failed';
	/** Index of the current step (steps.length once passed). */
	stepIndex: number;
	/** 0–1 over calibration and all steps, for the progress indicator. */
	progress: number;
	/** Remaining time of the current step in ms (the whole limit before its prompt; 0 outside a step). */
	remainingMs: number;
	/** During a step: whether its prompt is shown yet (before it the user holds still). */
	prompted?: boolean;
	reason?: LivenessFailure;
	steps: StepResult[];
}

/** The engine: feed every analysed frame in time order; it never looks at pixels. */
export interface LivenessEngine {
	feed(measurement: FaceMeasurement): LivenessState;
	readonly state: LivenessState;
}

/** What the client sends the server after an attempt (plus the best frame and a short clip). */
export interface LivenessResult {
	nonce: string;
	passed: boolean;
	reason?: LivenessFailure;
	steps: StepResult[];
	/** Total duration of the attempt in ms. */
	ms: number;
}
