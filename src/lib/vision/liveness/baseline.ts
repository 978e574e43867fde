/**
 * Per-user baseline from the calibration frames: the neutral head pose, the open-eye ratio and
 * the resting mouth opening, as medians (a blink during calibration does not move a median), plus
 * the microphone's noise floor for the digits step.
 */
import type { FaceObservation } from '../face/measurement.ts';

export interface Baseline {
	yaw: number;
	pitch: number;
	/** Open-eye aspect ratio (mean of both eyes). */
	eye: number;
	/** Resting (closed) mouth opening. */
	mouth: number;
	/** Microphone level while the user is silent (0 when no audio is measured). */
	voiceFloor: number;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return 0;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Collects calibration frames and computes the {@link Baseline}. */
export class BaselineCollector {
	private faces: FaceObservation[] = [];
	private voices: number[] = [];
	/** Time of the first frame of the current run of good frames. */
	startedAt: number | undefined;

	get frames(): number {
		return this.faces.length;
	}

	add(t: number, face: FaceObservation, voice: number | undefined): void {
		this.startedAt ??= t;
		this.faces.push(face);
		if (voice !== undefined) this.voices.push(voice);
	}

	/** Drops what was collected (the user moved, looked away or left). */
	reset(): void {
		this.faces = [];
		this.voices = [];
		this.startedAt = undefined;
	}

	baseline(): Baseline {
		const f = this.faces;
		return {
			yaw: median(f.map((x) => x.pose.yaw)),
			pitch: median(f.map((x) => x.pose.pitch)),
			eye: median(f.map((x) => (x.eyeLeft + x.eyeRight) / 2)),
			mouth: median(f.map((x) => x.mouth)),
			voiceFloor: this.voices.length ? median(this.voices) : 0
		};
	}
}
