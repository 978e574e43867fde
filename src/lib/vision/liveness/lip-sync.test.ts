import { describe, expect, it } from 'vitest';
import { LipSyncScorer } from './lip-sync.ts';
import { DEFAULT_LIVENESS_OPTIONS } from './options.ts';

const BASE = { yaw: 0, pitch: 0, eye: 0.3, mouth: 0.05, voiceFloor: 0 };

/** Feeds voice levels at a fixed frame gap and returns the speech credited (ms). */
function credited(gapMs: number, voices: number[]): number {
	const s = new LipSyncScorer(BASE, DEFAULT_LIVENESS_OPTIONS);
	voices.forEach((v, i) => s.update(i * gapMs, 0.05, v));
	return s.voicedMs;
}

describe('LipSyncScorer speech time', () => {
	it('credits the whole gap between two voiced frames, up to 300 ms (a 4 fps tracker)', () => {
		// 9 voiced frames 250 ms apart: 8 continuous gaps of 250 ms.
		expect(credited(250, Array(9).fill(0.3))).toBe(2000);
		// 500 ms gaps (2 fps) are capped at 300 ms each.
		expect(credited(500, [0.3, 0.3, 0.3])).toBe(600);
	});

	it('credits an isolated loud sample 100 ms, not the silence before it', () => {
		// Clap, silence, clap… at 250 ms: 4 claps after the first frame, 100 ms each.
		expect(credited(250, [0, 0.3, 0, 0.3, 0, 0.3, 0, 0.3])).toBe(400);
	});

	it('at 30 fps speech time is the time spoken', () => {
		const frames = Array(31).fill(0.3);
		expect(credited(1000 / 30, frames)).toBeCloseTo(1000, 6);
	});
});
