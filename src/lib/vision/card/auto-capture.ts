/**
 * Auto-capture rule: once frames have been good (`ok`) continuously for `holdMs`, take the
 * sharpest good frame of that window. Pure: fed one observation per analysed frame.
 */
import { STANDARD_TIMING } from '../../domain/timing.ts';

export interface Observation {
	/** Frame timestamp, ms (monotonic). */
	t: number;
	ok: boolean;
	sharpness: number;
	/** Caller's handle for the frame (index into its own buffer of rectified images). */
	frame: number;
}

export interface AutoCaptureState {
	since: number | null;
	best: Observation | null;
}

/** The standard hold; large-text mode passes a longer one (`timing(true).captureHoldMs`). */
export const HOLD_MS = STANDARD_TIMING.captureHoldMs;

export const INITIAL: AutoCaptureState = { since: null, best: null };

/** Returns the next state and, when it is time, the frame to capture. */
export function observe(
	state: AutoCaptureState,
	o: Observation,
	holdMs = HOLD_MS
): { state: AutoCaptureState; capture: Observation | null } {
	if (!o.ok) return { state: INITIAL, capture: null };
	const since = state.since ?? o.t;
	const best = !state.best || o.sharpness > state.best.sharpness ? o : state.best;
	if (o.t - since >= holdMs) return { state: INITIAL, capture: best };
	return { state: { since, best }, capture: null };
}
