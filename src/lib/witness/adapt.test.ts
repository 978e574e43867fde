import { describe, expect, it } from 'vitest';
import {
	adapt,
	initialAdaptState,
	PROBE_AFTER_SAMPLES,
	type AdaptState,
	type LinkSample
} from './adapt.ts';

const link = (availableKbps: number | null, lossRatio = 0): LinkSample => ({
	availableKbps,
	videoSendKbps: 0,
	lossRatio,
	rttMs: 50
});

function run(state: AdaptState, samples: LinkSample[]): AdaptState {
	return samples.reduce(adapt, state);
}

describe('bandwidth adaptation', () => {
	it('sends full 320×240 video at ≤ 150 kbps on a good link', () => {
		const s = adapt(initialAdaptState(), link(2000));
		expect(s.plan).toEqual({ active: true, maxKbps: 150, scaleDown: 1 });
	});

	it('fits video into a ~150 kbps link next to 32 kbps audio, at half resolution', () => {
		const s = adapt(initialAdaptState(), link(150));
		expect(s.plan.active).toBe(true);
		expect(s.plan.maxKbps).toBeLessThanOrEqual(150 - 32);
		expect(s.plan.scaleDown).toBe(1);
		const tighter = adapt(initialAdaptState(), link(110));
		expect(tighter.plan).toMatchObject({ active: true, scaleDown: 2 });
		expect(tighter.plan.maxKbps).toBeLessThan(90);
	});

	it('backs off under heavy loss', () => {
		const clean = adapt(initialAdaptState(), link(180));
		const lossy = adapt(initialAdaptState(), link(180, 0.2));
		expect(lossy.plan.maxKbps).toBeLessThan(clean.plan.maxKbps);
	});

	it('falls back to audio-only only after several poor samples, not on one dip', () => {
		const dip = run(initialAdaptState(), [link(50), link(400)]);
		expect(dip.plan.active).toBe(true);
		const poor = run(initialAdaptState(), [link(50), link(50), link(50)]);
		expect(poor.plan.active).toBe(false);
	});

	it('comes back from audio-only when the link recovers, and probes now and then when it does not', () => {
		const audioOnly = run(initialAdaptState(), [link(50), link(50), link(50)]);
		const recovered = run(audioOnly, [link(300), link(300), link(300)]);
		expect(recovered.plan).toMatchObject({ active: true, maxKbps: 150 });
		const stillPoor = run(
			audioOnly,
			Array.from({ length: PROBE_AFTER_SAMPLES }, () => link(45))
		);
		expect(stillPoor.plan).toMatchObject({ active: true, maxKbps: 40, scaleDown: 2 });
		expect(run(stillPoor, [link(45), link(45), link(45)]).plan.active).toBe(false);
	});
});
