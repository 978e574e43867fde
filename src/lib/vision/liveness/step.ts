/**
 * One challenge step, in two phases. Before its prompt (a random delay after the step starts,
 * from the server's schedule) the user holds still: the step's own action or a later step's
 * (blinks exempt) fails with `premature_action`, any other clear action with `wrong_action`.
 * After the prompt, the asked action counts only once the face has been neutral for `neutralMs`
 * (`no_neutral` otherwise), it must start within `startWindowMs` of the prompt (`late_start`;
 * `no_voice` for the digits) and complete within `stepTimeoutMs` of it (`timeout`). A replayed
 * video of natural motion tends to contain the actions, but neither after a neutral pause nor
 * within a short window after a prompt it cannot see.
 */
import type { FaceMeasurement, FaceObservation } from '../face/measurement.ts';
import type { Baseline } from './baseline.ts';
import {
	BlinkDetector,
	HoldDetector,
	NodDetector,
	mouthSignal,
	turnSignal,
	type ActionDetector
} from './detectors.ts';
import { LipSyncScorer } from './lip-sync.ts';
import type { LivenessOptions } from './options.ts';
import type { LivenessAction, LivenessFailure } from './types.ts';

export type StepVerdict = 'pending' | 'passed' | LivenessFailure;

/** When the step's prompt is due and how long the action may take to start and to complete. */
export interface StepTiming {
	startedAt: number;
	/** Measurement time at which the prompt is due (`startedAt` + the scheduled delay). */
	promptAt: number;
	startWindowMs: number;
	stepTimeoutMs: number;
}

type Detectors = Partial<Record<LivenessAction, ActionDetector>>;

/**
 * While a head movement is asked, the other head axis must stay quiet: during a turn the chin
 * going down past `nodDeg` (held `holdMs`) counts as a nod, during a nod the head turning past
 * `turnDeg` as a turn — `premature_action` when that action is a later step's, else
 * `wrong_action`. One diagonal movement then cannot pass for a turn and a nod. (The plain action
 * threshold applies here, not × `wrongActionFactor`: the off axis of a deliberate turn or nod
 * moves only a few degrees.)
 */
function offAxis(
	action: LivenessAction,
	base: Baseline,
	o: LivenessOptions
): Array<[LivenessAction, ActionDetector]> {
	const f = o.wrongActionFactor;
	if (action === 'turn-left' || action === 'turn-right')
		return [['nod', new HoldDetector((face) => base.pitch - face.pose.pitch, o.nodDeg / f, o)]];
	if (action === 'nod')
		return (['turn-left', 'turn-right'] as const).map((side) => [
			side,
			new HoldDetector(turnSignal(base, side === 'turn-left' ? 'left' : 'right'), o.turnDeg / f, o)
		]);
	return [];
}

function detectorSet(action: LivenessAction, base: Baseline, o: LivenessOptions): Detectors {
	return {
		blink: new BlinkDetector(base, o),
		'turn-left': new HoldDetector(turnSignal(base, 'left'), o.turnDeg, o),
		'turn-right': new HoldDetector(turnSignal(base, 'right'), o.turnDeg, o),
		nod: new NodDetector(base, o),
		// Talking opens the mouth: during the digits step an open mouth is not a wrong action.
		...(action === 'read-digits'
			? {}
			: { 'open-mouth': new HoldDetector(mouthSignal(base), o.mouthOpenDelta, o) })
	};
}

export class StepRun {
	readonly startedAt: number;
	/** Frame time at which the prompt was shown. */
	promptedAt: number | undefined;
	/** Start of the asked action (the movement or the speech that completed the step). */
	actionAt: number | undefined;
	private readonly pre: Detectors;
	private detectors: Detectors = {};
	private offAxis: Array<[LivenessAction, ActionDetector]> = [];
	private asked: ActionDetector | undefined;
	private lipSync: LipSyncScorer | undefined;
	private neutralSince: number | undefined;
	private armed = false;
	private readonly voiceLevel: number;

	constructor(
		readonly action: LivenessAction,
		private readonly timing: StepTiming,
		private readonly base: Baseline,
		private readonly o: LivenessOptions,
		/** Actions of the later steps: seen done now, before their prompt → `premature_action`. */
		private readonly later: readonly LivenessAction[] = []
	) {
		this.startedAt = timing.startedAt;
		this.pre = detectorSet(action, base, o);
		this.voiceLevel = new LipSyncScorer(base, o).voiceThreshold;
	}

	/** Completion deadline: the step limit from the prompt (none before the prompt). */
	get deadline(): number {
		return this.promptedAt === undefined ? Infinity : this.promptedAt + this.timing.stepTimeoutMs;
	}

	get score(): number {
		return this.lipSync?.score ?? this.asked?.score ?? 0;
	}

	/**
	 * Yaw, pitch and mouth at rest; for the blink step also eyes open, for the digits silence.
	 * (People often blink as they start a head movement, so eyes matter only for the blink.)
	 */
	private neutral(face: FaceObservation, voice: number | undefined): boolean {
		const { base: b, o } = this;
		const rest = o.restFactor;
		const open = b.eye > 0 ? (face.eyeLeft + face.eyeRight) / 2 / b.eye : 1;
		return (
			Math.abs(face.pose.yaw - b.yaw) < o.turnDeg * rest &&
			Math.abs(face.pose.pitch - b.pitch) < o.nodDeg * rest &&
			face.mouth - b.mouth < o.mouthOpenDelta * rest &&
			(this.action !== 'blink' || open >= o.blinkOpenRatio) &&
			(this.action !== 'read-digits' || (voice ?? 0) <= this.voiceLevel)
		);
	}

	/** The asked pose action's signal has left rest (the movement has begun). */
	private moving(face: FaceObservation): boolean {
		const { base: b, o } = this;
		const rest = o.restFactor;
		switch (this.action) {
			case 'turn-left':
			case 'turn-right':
				return turnSignal(b, this.action === 'turn-left' ? 'left' : 'right')(face) >= o.turnDeg * rest; // prettier-ignore
			case 'nod':
				return b.pitch - face.pose.pitch >= o.nodDeg * rest;
			case 'open-mouth':
				return mouthSignal(b)(face) >= o.mouthOpenDelta * rest;
			case 'blink':
				return b.eye > 0 && (face.eyeLeft + face.eyeRight) / 2 / b.eye < o.blinkOpenRatio;
			case 'read-digits':
				return false; // speech: see feed()
		}
	}

	private premature(set: Detectors, own: boolean): boolean {
		const actions = own ? [this.action, ...this.later] : this.later;
		// People blink unasked, so an early blink is not premature (see detectors.ts).
		return actions.some((a) => a !== 'blink' && (set[a]?.done || set[a]?.clearly));
	}

	private wrong(set: Detectors, skip: readonly LivenessAction[]): boolean {
		return Object.entries(set).some(([a, d]) => !skip.includes(a as LivenessAction) && d.clearly);
	}

	/** Feeds one frame (after the presence checks) and says how the step stands. */
	feed(m: FaceMeasurement, face: FaceObservation | undefined): StepVerdict {
		const t = m.t;
		if (t > this.deadline) return this.lipSync ? this.lipSync.failure : 'timeout';
		if (face && this.neutral(face, m.voice)) this.neutralSince ??= t;
		else this.neutralSince = undefined;

		if (this.promptedAt === undefined) {
			if (face) for (const d of Object.values(this.pre)) d.update(t, face);
			if (face && this.premature(this.pre, true)) return 'premature_action';
			if (face && this.wrong(this.pre, [this.action, ...this.later])) return 'wrong_action';
			if (t < this.timing.promptAt) return 'pending';
			this.promptedAt = t;
			const fresh = detectorSet(this.action, this.base, this.o);
			delete fresh[this.action];
			this.detectors = fresh;
			this.offAxis = offAxis(this.action, this.base, this.o);
		}

		if (face)
			for (const d of [...Object.values(this.detectors), ...this.offAxis.map(([, d]) => d)])
				d.update(t, face);
		const settled = this.neutralSince !== undefined && t - this.neutralSince >= this.o.neutralMs;
		if (!this.armed && settled) {
			this.armed = true;
			if (this.action === 'read-digits') this.lipSync = new LipSyncScorer(this.base, this.o);
			else this.asked = detectorSet(this.action, this.base, this.o)[this.action];
		}
		if (this.lipSync) {
			if (this.actionAt === undefined && (m.voice ?? 0) > this.voiceLevel) this.actionAt = t;
			this.lipSync.update(t, face?.mouth, m.voice);
		} else if (this.asked && face) {
			this.asked.update(t, face);
			if (this.moving(face)) this.actionAt ??= t;
			else if (!this.asked.done) this.actionAt = undefined; // fell back: not this attempt
		}
		// A turn or nod that drags the other axis past its threshold is not a clean action.
		const off = this.offAxis.find(([, d]) => d.clearly)?.[0];
		if (face && off) return this.later.includes(off) ? 'premature_action' : 'wrong_action';
		const done = this.lipSync ? this.lipSync.done : this.asked?.done;
		if (done && this.actionAt !== undefined) return 'passed';
		if (face && this.premature(this.detectors, false)) return 'premature_action';
		if (face && this.wrong(this.detectors, [this.action])) return 'wrong_action';

		const windowEnd = this.promptedAt + this.timing.startWindowMs;
		if (t > windowEnd && (this.actionAt === undefined || this.actionAt > windowEnd))
			return !this.armed ? 'no_neutral' : this.action === 'read-digits' ? 'no_voice' : 'late_start';
		return 'pending';
	}
}
