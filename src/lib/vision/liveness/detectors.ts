/**
 * One detector per action, fed the frames of one step. A detector only reports an action that
 * starts during the step: it must first see its signal at rest ("armed"), so a head still turned
 * from the previous step neither passes nor fails the next one.
 */
import type { FaceObservation } from '../face/measurement.ts';
import type { Baseline } from './baseline.ts';
import type { LivenessOptions } from './options.ts';

export interface ActionDetector {
	/** Feed one frame with a face. */
	update(t: number, face: FaceObservation): void;
	/** The action was performed as asked. */
	readonly done: boolean;
	/** The action was performed unmistakably (for `wrong_action` when another was asked). */
	readonly clearly: boolean;
	/** Strength of the best attempt so far, 0–1. */
	readonly score: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A signal that must rise from rest above `threshold` and stay there `holdMs` (turns, open
 * mouth); `clearly` needs `threshold × wrongActionFactor`.
 */
export class HoldDetector implements ActionDetector {
	done = false;
	clearly = false;
	score = 0;
	private armed = false;
	private aboveSince: number | undefined;
	private clearSince: number | undefined;

	constructor(
		private readonly signal: (face: FaceObservation) => number,
		private readonly threshold: number,
		private readonly o: LivenessOptions
	) {}

	update(t: number, face: FaceObservation): void {
		const d = this.signal(face);
		if (!this.armed) {
			if (d < this.threshold * this.o.restFactor) this.armed = true;
			return;
		}
		this.score = Math.max(this.score, clamp01(d / (2 * this.threshold)));
		if (d >= this.threshold) {
			this.aboveSince ??= t;
			if (t - this.aboveSince >= this.o.holdMs) this.done = true;
		} else this.aboveSince = undefined;
		if (d >= this.threshold * this.o.wrongActionFactor) {
			this.clearSince ??= t;
			if (t - this.clearSince >= this.o.holdMs) this.clearly = true;
		} else this.clearSince = undefined;
	}
}

/** Nod: chin down past `nodDeg` below neutral, then back within `nodReturnDeg`. */
export class NodDetector implements ActionDetector {
	done = false;
	score = 0;
	private readonly hold: HoldDetector;
	private armed = false;
	private down = false;

	constructor(
		private readonly base: Baseline,
		private readonly o: LivenessOptions
	) {
		// The same "held clearly down" rule as the other pose actions, for wrong_action.
		this.hold = new HoldDetector((f) => this.depth(f), o.nodDeg, o);
	}

	get clearly(): boolean {
		return this.hold.clearly;
	}

	private depth(face: FaceObservation): number {
		return this.base.pitch - face.pose.pitch;
	}

	update(t: number, face: FaceObservation): void {
		this.hold.update(t, face);
		const d = this.depth(face);
		if (!this.armed) {
			this.armed = d < this.o.nodDeg * this.o.restFactor;
			return;
		}
		if (d >= this.o.nodDeg) this.down = true;
		if (this.down) this.score = Math.max(this.score, clamp01(d / (2 * this.o.nodDeg)));
		if (this.down && d <= this.o.nodReturnDeg) this.done = true;
	}
}

/**
 * Blink: both eyes below `blinkClosedRatio` of the open baseline, then open again within
 * `blinkMaxMs`. Eyes are judged only near the neutral pose (looking down also narrows them).
 * People blink unasked, so a blink is never a `wrong_action`.
 */
export class BlinkDetector implements ActionDetector {
	done = false;
	readonly clearly = false;
	score = 0;
	private armed = false;
	private closedAt: number | undefined;
	private minRatio = 1;

	constructor(
		private readonly base: Baseline,
		private readonly o: LivenessOptions
	) {}

	update(t: number, face: FaceObservation): void {
		const b = this.base;
		const o = this.o;
		const posed =
			Math.abs(face.pose.yaw - b.yaw) > o.blinkMaxPoseDeg ||
			Math.abs(face.pose.pitch - b.pitch) > o.blinkMaxPoseDeg;
		if (posed || b.eye <= 0) return;
		const left = face.eyeLeft / b.eye;
		const right = face.eyeRight / b.eye;
		const open = (left + right) / 2;
		if (!this.armed) {
			this.armed = open >= o.blinkOpenRatio;
			return;
		}
		if (left < o.blinkClosedRatio && right < o.blinkClosedRatio) {
			this.closedAt ??= t;
			this.minRatio = Math.min(this.minRatio, Math.max(left, right));
			this.score = Math.max(
				this.score,
				clamp01((1 - this.minRatio) / (1 - o.blinkClosedRatio) / 2)
			);
		} else if (this.closedAt !== undefined && open >= o.blinkOpenRatio) {
			if (t - this.closedAt <= o.blinkMaxMs) this.done = true;
			this.closedAt = undefined;
			this.minRatio = 1;
		}
	}
}

export function turnSignal(base: Baseline, side: 'left' | 'right') {
	// measurement.ts: yaw > 0 = the user turns to their left.
	const sign = side === 'left' ? 1 : -1;
	return (f: FaceObservation) => sign * (f.pose.yaw - base.yaw);
}

export function mouthSignal(base: Baseline) {
	return (f: FaceObservation) => f.mouth - base.mouth;
}
