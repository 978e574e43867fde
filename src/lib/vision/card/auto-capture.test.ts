import { describe, expect, it } from 'vitest';
import { timing } from '../../domain/timing.ts';
import { INITIAL, observe, type AutoCaptureState, type Observation } from './auto-capture.ts';

/** Feeds good frames every 100 ms; returns the time of the capture. */
function captureTime(holdMs: number): number {
	let state: AutoCaptureState = INITIAL;
	for (let frame = 0; frame < 100; frame++) {
		const o: Observation = { t: 1000 + frame * 100, ok: true, sharpness: frame % 7, frame };
		const step = observe(state, o, holdMs);
		if (step.capture) return o.t - 1000;
		state = step.state;
	}
	return Infinity;
}

describe('auto-capture hold by mode', () => {
	it('holds 0.5 s in the standard mode and 1.5 s in large-text mode', () => {
		expect(captureTime(timing(false).captureHoldMs)).toBe(500);
		expect(captureTime(timing(true).captureHoldMs)).toBe(1500);
	});

	it('a bad frame restarts the longer hold', () => {
		const hold = timing(true).captureHoldMs;
		let state: AutoCaptureState = INITIAL;
		const feed = (t: number, ok: boolean) => {
			const step = observe(state, { t, ok, sharpness: 1, frame: t }, hold);
			state = step.state;
			return step.capture;
		};
		expect(feed(0, true)).toBeNull();
		expect(feed(1400, true)).toBeNull();
		expect(feed(1450, false)).toBeNull();
		expect(feed(1500, true)).toBeNull();
		expect(feed(2900, true)).toBeNull();
		expect(feed(3000, true)).not.toBeNull();
	});
});
