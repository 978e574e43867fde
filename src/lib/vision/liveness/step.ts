/**
 * The detectors of one challenge step: the asked action must complete; an action of a later step
 * performed before its prompt fails with `premature_action` (a replayed video of natural motion
 * tends to contain the actions, but not each one only after its prompt); a different pose action
 * performed unmistakably fails the step with `wrong_action`.
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

export class StepRun {
	private readonly detectors: Partial<Record<LivenessAction, ActionDetector>>;
	private readonly lipSync: LipSyncScorer | undefined;

	constructor(
		readonly action: LivenessAction,
		readonly startedAt: number,
		readonly deadline: number,
		base: Baseline,
		o: LivenessOptions,
		/** Actions of the later steps: seen done now, before their prompt → `premature_action`. */
		private readonly later: readonly LivenessAction[] = []
	) {
		const mouth = new HoldDetector(mouthSignal(base), o.mouthOpenDelta, o);
		this.detectors = {
			blink: new BlinkDetector(base, o),
			'turn-left': new HoldDetector(turnSignal(base, 'left'), o.turnDeg, o),
			'turn-right': new HoldDetector(turnSignal(base, 'right'), o.turnDeg, o),
			nod: new NodDetector(base, o),
			// Talking opens the mouth: during the digits step an open mouth is not a wrong action.
			...(action === 'read-digits' ? {} : { 'open-mouth': mouth })
		};
		this.lipSync = action === 'read-digits' ? new LipSyncScorer(base, o) : undefined;
	}

	get score(): number {
		return this.lipSync?.score ?? this.detectors[this.action]?.score ?? 0;
	}

	/** Feeds one frame (after the presence checks) and says how the step stands. */
	feed(m: FaceMeasurement, face: FaceObservation | undefined): StepVerdict {
		if (m.t > this.deadline)
			return this.lipSync ? this.lipSync.failure : ('timeout' satisfies LivenessFailure);
		this.lipSync?.update(m.t, face?.mouth, m.voice);
		if (!face) return 'pending';
		for (const d of Object.values(this.detectors)) d.update(m.t, face);
		if (this.lipSync ? this.lipSync.done : this.detectors[this.action]?.done) return 'passed';
		// People blink unasked, so an early blink is not premature (see detectors.ts).
		for (const action of this.later)
			if (action !== 'blink' && (this.detectors[action]?.done || this.detectors[action]?.clearly))
				return 'premature_action';
		for (const [action, d] of Object.entries(this.detectors))
			if (action !== this.action && d.clearly) return 'wrong_action';
		return 'pending';
	}
}
