/**
 * NOT SHIPPED (no asset uses it): a candidate PP-OCRv4 recogniser with Conv / MatMul weights stored as RMS-step int8
 * (`onnx-quant.ts`, step = `REC_STEP_PER_RMS` × channel RMS), except the ten weights whose int8
 * error moves the output most (kept fp16). Ranked by `SENS=0.1 npx tsx
 * scripts/bench/ocr-quant-sweep.ts` (one weight int8 at a time, max |Δ prob| on 80 dev strips of
 * both generators); measured with the same script on the dev splits (60 cards, 399 lines), vs fp16
 * in the same run (#15):
 *
 * | storage                              | MiB brotli | lines identical to fp16 |
 * | ------------------------------------ | ---------- | ----------------------- |
 * | fp16 (before)                        | 4.48       | —                       |
 * | all int8, max/127                    | 2.28       | 390/399 (97.7 %)        |
 * | all int8, k = 0.1                    | 1.76       | 388/399 (97.2 %)        |
 * | int8 k = 0.05, these ten fp16        | 2.99       | 395/399 (99.0 %)        |
 * | int8 k = 0.03, these ten fp16        | 3.10       | 396/399 (99.2 %)        |
 *
 * Rejected by `npm run bench:ocr -- --per-kind 10 --set dev --no-tesseract` (Chromium, same
 * build otherwise): cards dev ID fields 100 % both, but cards2 dev ID fields 87.8 % (79/90) with
 * fp16 → 84.4 % (76/90) with this model (authority, validFrom, validTo each one more miss), so
 * the line-identity rate alone is not a sufficient acceptance test.
 */
import { storeWeightsQuantised } from './onnx-quant.ts';

export const REC_STEP_PER_RMS = 0.03;

/** The most sensitive weights (in that order), kept fp16. */
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

/** `ch_PP-OCRv4_rec_infer.onnx` (fp32) → the candidate mixed int8 / fp16 model. */
export function storeRecMixed(model: Uint8Array): Uint8Array {
	const keep = new Set(REC_FP16_WEIGHTS);
	return storeWeightsQuantised(model, {
		plan: (w) => (keep.has(w.name) ? 'fp16' : { stepPerRms: REC_STEP_PER_RMS })
	});
}
