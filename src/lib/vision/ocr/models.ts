/**
 * Where the OCR models live (self-hosted by `scripts/models`, see `static/models/manifest.json`).
 * Weights are stored as float16 (half the download) and computed in float32.
 */
export const OCR_MODELS = Object.freeze({
	det: '/models/ocr/ch_PP-OCRv4_det_fp16.onnx',
	rec: '/models/ocr/ch_PP-OCRv4_rec_fp16.onnx',
	keys: '/models/ocr/ppocr_keys_v1.txt'
});
