/**
 * Tunables of the liveness engine. Every threshold is relative to the per-user baseline measured
 * during calibration, never a fixed global value, so glasses, narrow eyes, a camera below the face
 * or a resting open mouth do not decide the outcome.
 */
export interface LivenessOptions {
	/** Calibration length: frontal, single-face frames over this span (ms). */
	calibrationMs: number;
	/** Fewest frames the calibration must collect (a slow camera extends it). */
	calibrationFrames: number;
	/** Give up calibrating after this long (ms): `no_face` or `not_frontal`. */
	calibrationTimeoutMs: number;
	/** A calibration frame must be within this many degrees of straight ahead (yaw and pitch). */
	frontalMaxDeg: number;
	/** Face absent for more than this many consecutive frames → `face_lost`. */
	maxLostFrames: number;
	/** …or absent for longer than this (ms), whatever the frame rate. */
	maxLostMs: number;
	/** Two or more faces for this many consecutive frames → `second_face`. */
	secondFaceFrames: number;
	/** `identity` below this (cosine to the first embedding)… */
	identityMin: number;
	/** …in this many consecutive samples → `identity_changed`. */
	identitySamples: number;
	/** Blink: both eyes below this fraction of the open baseline… */
	blinkClosedRatio: number;
	/** …then back above this fraction… */
	blinkOpenRatio: number;
	/** …within this long (ms): a longer closure is not a blink. */
	blinkMaxMs: number;
	/** Eyes are judged only while the head is within this many degrees of its neutral pose. */
	blinkMaxPoseDeg: number;
	/** Turn: yaw away from the neutral yaw by at least this (degrees). */
	turnDeg: number;
	/** Nod: pitch below the neutral pitch by at least this (degrees), then back within `nodReturnDeg`. */
	nodDeg: number;
	nodReturnDeg: number;
	/** Open mouth: opening above the closed baseline by at least this. */
	mouthOpenDelta: number;
	/** A detected pose/mouth action must hold this long (ms) — one noisy frame is not an action. */
	holdMs: number;
	/** A different action counts as `wrong_action` when its signal exceeds its own threshold × this. */
	wrongActionFactor: number;
	/** A signal counts as "at rest" (ready to detect a new action) below threshold × this. */
	restFactor: number;
	/**
	 * Before the asked action counts, the face must have been neutral this long (ms): yaw, pitch
	 * and mouth at rest (below threshold × `restFactor`); eyes open for a blink, silence for the
	 * digits.
	 * Natural motion that flows from one movement into the next never returns to neutral.
	 */
	neutralMs: number;
	/** Digits: voice above max(this, 3 × calibration noise floor) is speech. */
	voiceMin: number;
	/** Digits: speech needed before the step can pass (ms). */
	minVoicedMs: number;
	/** Digits: mouth movement above this (opening over baseline) counts as articulation. */
	mouthTalkDelta: number;
	/** Digits: fraction of voiced frames with articulation nearby needed to pass (0–1). */
	minLipSync: number;
	/** Digits: look this far (ms) either side of a voiced frame for articulation. */
	lipSyncWindowMs: number;
}

/**
 * Readings that bear on the thresholds (app's FaceLandmarker on the face actor's rendered poses,
 * tests/e2e/face-actor-probe.ts, 2026-11-24; warped photos, not people, so they check the
 * fixtures against the thresholds rather than set them):
 * - eyes, relative to the open baseline (astronaut): shut 0.47, 85 % closed 0.56, 70 % closed 0.72,
 *   open frames 1.00 ± 0.01; with the head turned 48–56° one eye reads 0.77–1.31 (why blinks are
 *   judged near the neutral pose only). `blinkClosedRatio` 0.6 sits between shut and
 *   the posed open eye; `blinkOpenRatio` 0.85 above half-closed (0.83 at 50 %).
 * - turns: +24.0° / −29.4° (astronaut), +35.5° / −25.6° (franck_01829) for a full turn; `turnDeg` 18.
 * - nod: −15.3° to −20.8° (three actors); `nodDeg` 12.
 * - mouth over rest: wide open +0.29, a read syllable's peak +0.19, a quarter open +0.09;
 *   `mouthOpenDelta` 0.2, `mouthTalkDelta` 0.06.
 */
export const DEFAULT_LIVENESS_OPTIONS: Readonly<LivenessOptions> = Object.freeze({
	calibrationMs: 700,
	calibrationFrames: 6,
	calibrationTimeoutMs: 6000,
	frontalMaxDeg: 20,
	maxLostFrames: 4,
	maxLostMs: 500,
	secondFaceFrames: 3,
	identityMin: 0.5,
	identitySamples: 2,
	blinkClosedRatio: 0.6,
	blinkOpenRatio: 0.85,
	blinkMaxMs: 1200,
	blinkMaxPoseDeg: 12,
	turnDeg: 18,
	nodDeg: 12,
	nodReturnDeg: 6,
	mouthOpenDelta: 0.2,
	holdMs: 120,
	wrongActionFactor: 1.25,
	restFactor: 0.5,
	neutralMs: 300,
	voiceMin: 0.02,
	minVoicedMs: 700,
	mouthTalkDelta: 0.06,
	minLipSync: 0.5,
	lipSyncWindowMs: 200
});

export function resolveOptions(partial: Partial<LivenessOptions> = {}): LivenessOptions {
	const merged = { ...DEFAULT_LIVENESS_OPTIONS, ...partial };
	for (const [k, v] of Object.entries(merged))
		if (!Number.isFinite(v) || v < 0) throw new RangeError(`liveness option ${k} must be ≥ 0`);
	return merged;
}
