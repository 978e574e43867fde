/**
 * Where the OCR models live (self-hosted by `scripts/models`, see `static/models/manifest.json`).
 * Weights are stored as per-channel int8 (a quarter of the fp32 bytes, `scripts/models/convert/ppocr.ts`)
 * and computed in float32.
 */
export const OCR_MODELS = Object.freeze({
	det: '/models/ocr/ch_PP-OCRv4_det_int8.onnx',
	rec: '/models/ocr/ch_PP-OCRv4_rec_int8.onnx',
	keys: '/models/ocr/ppocr_keys_v1.txt'
});
