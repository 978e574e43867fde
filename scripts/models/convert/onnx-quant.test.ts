import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/domain/prng.ts';
import { quantisePerChannel } from './onnx-quant.ts';

describe('quantisePerChannel', () => {
	it('keeps every weight within half a step, with the step a fixed fraction of its channel RMS', () => {
		const rng = createRng(3);
		const dims = [4, 8, 3, 3];
		const data = Float32Array.from(
			{ length: 4 * 72 },
			(_, i) => (rng.next() * 2 - 1) * (1 + Math.floor(i / 72))
		);
		const { q, scale } = quantisePerChannel(data, dims, 0, 0.25);
		expect(scale.length).toBe(4);
		for (let c = 0; c < 4; c++) {
			const ch = data.subarray(c * 72, (c + 1) * 72);
			const rms = Math.sqrt(ch.reduce((n, v) => n + v * v, 0) / ch.length);
			expect(scale[c]).toBeCloseTo(rms * 0.25, 5);
		}
		for (let i = 0; i < data.length; i++) {
			const s = scale[Math.floor(i / 72)]!;
			expect(Math.abs(q[i]! * s - data[i]!)).toBeLessThanOrEqual(s / 2 + 1e-7);
		}
		// Deterministic.
		expect(quantisePerChannel(data, dims, 0, 0.25).q).toEqual(q);
	});

	it('coarsens the step of a channel whose largest weight would not fit in ±127 steps', () => {
		const data = new Float32Array(2048).fill(0.001);
		data[0] = 10;
		const { q, scale } = quantisePerChannel(data, [1, 2048], 0, 0.1);
		expect(scale[0]).toBeCloseTo(10 / 127, 6);
		expect(q[0]).toBe(127);
	});
});
