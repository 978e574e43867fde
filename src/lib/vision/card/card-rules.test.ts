import { describe, expect, it } from 'vitest';
import { INITIAL, observe, type AutoCaptureState, type Observation } from './auto-capture.ts';
import type { Quad } from './geometry.ts';
import { guidanceFor } from './guidance.ts';
import type { CardMetrics } from './quality.ts';

const quad: Quad = [
	[100, 100],
	[528, 100],
	[528, 370],
	[100, 370]
];
const good: CardMetrics = {
	quad,
	frameWidth: 640,
	frameHeight: 480,
	fill: 0.9,
	touchesEdge: false,
	skew: 2,
	aspect: 1.585,
	sharpness: 300,
	glare: 0.001,
	luma: 150,
	motion: 1
};

describe('guidanceFor', () => {
	it.each<[Partial<CardMetrics>, string]>([
		[{}, 'ok'],
		[{ quad: null }, 'no_card'],
		[{ quad: null, luma: 20 }, 'too_dark'],
		[{ luma: 30 }, 'too_dark'],
		[{ luma: 250 }, 'too_bright'],
		[{ fill: 0.4 }, 'move_closer'],
		[{ touchesEdge: true }, 'move_back'],
		[{ skew: 25, aspect: 1.9 }, 'straighten'],
		[{ glare: 0.05 }, 'avoid_glare'],
		[{ motion: 20 }, 'hold_still'],
		[{ sharpness: 18 }, 'hold_still'],
		[{ aspect: 1.0 }, 'no_card']
	])('%o → %s', (patch, want) => {
		expect(guidanceFor({ ...good, ...patch })).toBe(want);
	});

	it('asks to move closer before worrying about glare', () => {
		expect(guidanceFor({ ...good, fill: 0.3, glare: 0.2 })).toBe('move_closer');
	});
});

describe('auto-capture', () => {
	function run(obs: Observation[]) {
		let state: AutoCaptureState = INITIAL;
		const captures: Observation[] = [];
		for (const o of obs) {
			const r = observe(state, o);
			state = r.state;
			if (r.capture) captures.push(r.capture);
		}
		return captures;
	}
	const at = (t: number, ok = true, sharpness = 100, frame = t): Observation => ({
		t,
		ok,
		sharpness,
		frame
	});

	it('captures the sharpest frame once quality held for 0.5 s', () => {
		const captures = run([
			at(0),
			at(100, true, 400),
			at(200, true, 150),
			at(300),
			at(400),
			at(500)
		]);
		expect(captures).toEqual([at(100, true, 400)]);
	});

	it('restarts the clock whenever a frame is not good', () => {
		expect(run([at(0), at(300), at(400, false), at(500), at(900)])).toEqual([]);
		expect(run([at(0), at(300), at(400, false), at(500), at(1000)])).toHaveLength(1);
	});
});
