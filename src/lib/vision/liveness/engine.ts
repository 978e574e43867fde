/**
 * The liveness engine: a pure state machine fed by {@link FaceMeasurement}s in time order. It
 * calibrates a per-user baseline, then runs the challenge's steps in order, each within
 * `stepTimeoutMs`, and fails on the first problem with a {@link LivenessFailure} code. It never
 * sees pixels or clocks: every time is a measurement time, so recorded sequences replay exactly.
 *
 * @example
 * const engine = createLivenessEngine(challenge);
 * for (const m of measurements) if (engine.feed(m).phase !== 'step' && engine.state.phase !== 'calibrating') break;
 */
import type { FaceMeasurement } from '../face/measurement.ts';
import { BaselineCollector, type Baseline } from './baseline.ts';
import { DEFAULT_PROMPT_DELAY_MS, startWindowFor } from './challenge.ts';
import { resolveOptions, type LivenessOptions } from './options.ts';
import { StepRun } from './step.ts';
import type {
	LivenessChallenge,
	LivenessEngine,
	LivenessFailure,
	LivenessState,
	StepResult
} from './types.ts';

export interface LivenessEngineHandle extends LivenessEngine {
	/** The calibrated baseline, once calibration is over. */
	readonly baseline: Baseline | undefined;
	readonly options: Readonly<LivenessOptions>;
	/** Measurement time of the first and last frame fed (for the result's `ms`). */
	readonly firstT: number | undefined;
	readonly lastT: number | undefined;
}

/** What the engine needs of a challenge; without a schedule each prompt comes 1 s in (tests, tools). */
export type EngineChallenge = Pick<LivenessChallenge, 'steps' | 'stepTimeoutMs'> &
	Partial<Pick<LivenessChallenge, 'promptDelaysMs' | 'startWindowMs'>>;

/** Creates an engine for one attempt at `challenge`; options override {@link DEFAULT_LIVENESS_OPTIONS}. */
export function createLivenessEngine(
	challenge: EngineChallenge,
	options: Partial<LivenessOptions> = {}
): LivenessEngineHandle {
	const o = resolveOptions(options);
	const steps = challenge.steps;
	if (steps.length === 0) throw new RangeError('a challenge needs at least one step');
	const delays = steps.map((_, i) => challenge.promptDelaysMs?.[i] ?? DEFAULT_PROMPT_DELAY_MS);
	const startWindowMs = challenge.startWindowMs ?? startWindowFor(challenge.stepTimeoutMs);
	const collector = new BaselineCollector();
	const results: StepResult[] = [];
	let state: LivenessState = {
		phase: 'calibrating',
		stepIndex: 0,
		progress: 0,
		remainingMs: 0,
		steps: []
	};
	let baseline: Baseline | undefined;
	let run: StepRun | undefined;
	let firstT: number | undefined;
	let lastT: number | undefined;
	let lastFaceT: number | undefined;
	let calibrationFrames = 0;
	let calibrationFaces = 0;
	let lostFrames = 0;
	let secondFrames = 0;
	let lowIdentity = 0;

	const publish = (patch: Partial<LivenessState>): LivenessState => {
		state = { ...state, ...patch, steps: results.map((r) => ({ ...r })) };
		return state;
	};

	const stepResult = (r: StepRun, t: number, passed: boolean): StepResult => ({
		action: r.action,
		passed,
		startedAt: r.startedAt,
		...(r.promptedAt !== undefined ? { promptedAt: r.promptedAt } : {}),
		...(r.actionAt !== undefined ? { actionAt: r.actionAt } : {}),
		endedAt: t,
		score: r.score
	});

	const fail = (t: number, reason: LivenessFailure): LivenessState => {
		if (run) results.push(stepResult(run, t, false));
		run = undefined;
		return publish({ phase: 'failed', reason, remainingMs: 0, prompted: false });
	};

	const startStep = (i: number, t: number) => {
		const later = steps.slice(i + 1).map((s) => s.action);
		const timing = {
			startedAt: t,
			promptAt: t + delays[i]!,
			startWindowMs,
			stepTimeoutMs: challenge.stepTimeoutMs
		};
		run = new StepRun(steps[i]!.action, timing, baseline!, o, later);
		return publish({
			phase: 'step',
			stepIndex: i,
			progress: (1 + i) / (1 + steps.length),
			remainingMs: challenge.stepTimeoutMs,
			prompted: false
		});
	};

	const calibrate = (m: FaceMeasurement): LivenessState => {
		const face = m.faceCount >= 1 ? m.face : undefined;
		const frontal =
			face &&
			Math.abs(face.pose.yaw) <= o.frontalMaxDeg &&
			Math.abs(face.pose.pitch) <= o.frontalMaxDeg;
		calibrationFrames++;
		if (face) calibrationFaces++;
		if (face && frontal) collector.add(m.t, face, m.voice);
		else collector.reset();
		const since = collector.startedAt ?? m.t;
		if (collector.frames >= o.calibrationFrames && m.t - since >= o.calibrationMs) {
			baseline = collector.baseline();
			return startStep(0, m.t);
		}
		if (m.t - firstT! > o.calibrationTimeoutMs)
			// Mostly no face: the user is not in front of the camera; else not looking at it.
			return fail(m.t, calibrationFaces * 2 > calibrationFrames ? 'not_frontal' : 'no_face');
		const fraction = Math.min(1, (m.t - since) / o.calibrationMs);
		return publish({ progress: fraction / (1 + steps.length) });
	};

	const feed = (m: FaceMeasurement): LivenessState => {
		if (state.phase === 'passed' || state.phase === 'failed') return state;
		if (lastT !== undefined && !(m.t > lastT)) return state; // out of order or repeated frame
		firstT ??= m.t;
		lastT = m.t;
		const face = m.faceCount >= 1 ? m.face : undefined;
		if (face) {
			lastFaceT = m.t;
			lostFrames = 0;
		} else lostFrames++;
		secondFrames = m.faceCount >= 2 ? secondFrames + 1 : 0;
		if (secondFrames >= o.secondFaceFrames) return fail(m.t, 'second_face');
		if (m.identity !== undefined) lowIdentity = m.identity < o.identityMin ? lowIdentity + 1 : 0;
		if (lowIdentity >= o.identitySamples) return fail(m.t, 'identity_changed');
		if (state.phase === 'calibrating') return calibrate(m);

		const lostMs = lastFaceT === undefined ? Infinity : m.t - lastFaceT;
		if (lostFrames > o.maxLostFrames || lostMs > o.maxLostMs) return fail(m.t, 'face_lost');
		const verdict = run!.feed(m, face);
		if (verdict === 'pending') {
			const prompted = run!.promptedAt !== undefined;
			const remainingMs = prompted ? Math.max(0, run!.deadline - m.t) : challenge.stepTimeoutMs;
			return publish({ remainingMs, prompted });
		}
		if (verdict !== 'passed') return fail(m.t, verdict);
		results.push(stepResult(run!, m.t, true));
		const next = state.stepIndex + 1;
		if (next < steps.length) return startStep(next, m.t);
		run = undefined;
		return publish({ phase: 'passed', stepIndex: next, progress: 1, remainingMs: 0, prompted: false }); // prettier-ignore
	};

	return {
		feed,
		get state() {
			return state;
		},
		get baseline() {
			return baseline;
		},
		options: o,
		get firstT() {
			return firstT;
		},
		get lastT() {
			return lastT;
		}
	};
}
