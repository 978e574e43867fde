/** Where the OCR models live (self-hosted by `scripts/models`, see `static/models/manifest.json`). */
export const OCR_MODELS = Object.freeze({
	det: '/models/ocr/ch_PP-OCRv4_det_infer.onnx',
	rec: '/models/ocr/ch_PP-OCRv4_rec_infer.onnx',
	keys: '/models/ocr/ppocr_keys_v1.txt'
});
