/**
 * The face-embedding model's contract, shared by the browser worker and the server
 * (onnxruntime-web and onnxruntime-node run the same ONNX file): crop geometry, input layout,
 * output size. The model itself is `static/models/face/faceres.onnx` (see scripts/models).
 */
import { alignFace, type FivePoints, type RgbaImage } from './align.ts';

/** Served path of the model (manifest id `face-embed-faceres`). */
export const EMBED_MODEL_PATH = '/models/face/faceres.onnx';
/** Side of the aligned square crop the model takes. */
export const EMBED_INPUT_SIZE = 224;
/** Embedding length. */
export const EMBED_DIM = 1024;
/**
 * Context around the ArcFace template, as a fraction of the crop side on each edge. Measured with
 * `npm run bench:face -- --padding` on the real pairs of tests/fixtures/faces (same/different
 * margin): 0 → 0.104, 0.05 → 0.100, 0.1 → 0.083, 0.15 → 0.089, 0.2 → 0.069, 0.3 → −0.19. The
 * plain ArcFace crop (scaled to 224 px) separates best.
 */
export const EMBED_PADDING = 0;

/** The aligned model input for one face: [1, 224, 224, 3] float32 RGB 0…255 (NHWC). */
export function embeddingInput(
	image: RgbaImage,
	landmarks: FivePoints,
	padding = EMBED_PADDING
): Float32Array {
	return alignFace(image, landmarks, EMBED_INPUT_SIZE, padding);
}

/** Scales an embedding to unit length (cosine similarity becomes a dot product). */
export function l2Normalize(v: ArrayLike<number>): Float32Array {
	let n = 0;
	for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
	const s = n > 0 ? 1 / Math.sqrt(n) : 0;
	return Float32Array.from({ length: v.length }, (_, i) => v[i]! * s);
}
