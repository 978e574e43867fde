/**
 * Input tensors for PP-OCRv4 (see NOTES-models.md): channels in BGR order as PaddleOCR reads
 * images with OpenCV, NCHW float32.
 */
import { resize, type RgbaImage } from './image.ts';

/** Detection normalisation, per BGR channel. */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/** Recognition input height in pixels. */
export const REC_HEIGHT = 48;

/**
 * The detection input size for an image: long side at most `maxSide`, both sides rounded to a
 * multiple of 32 (at least 32), keeping the aspect ratio as close as rounding allows.
 */
export function detInputSize(width: number, height: number, maxSide = 960): [number, number] {
	const scale = Math.min(1, maxSide / Math.max(width, height));
	const round32 = (v: number) => Math.max(32, Math.round((v * scale) / 32) * 32);
	let w = round32(width);
	let h = round32(height);
	// Rounding up may cross the limit: step down by one block.
	if (w > maxSide) w -= 32;
	if (h > maxSide) h -= 32;
	return [w, h];
}

function planarBgr(img: RgbaImage, norm: (value: number, channel: number) => number): Float32Array {
	const n = img.width * img.height;
	const out = new Float32Array(3 * n);
	const d = img.data;
	for (let i = 0; i < n; i++) {
		const r = d[i * 4] ?? 0;
		const g = d[i * 4 + 1] ?? 0;
		const b = d[i * 4 + 2] ?? 0;
		out[i] = norm(b, 0);
		out[n + i] = norm(g, 1);
		out[2 * n + i] = norm(r, 2);
	}
	return out;
}

/** Detection tensor data `[1, 3, h, w]` for an image already resized to the input size. */
export function detTensorData(img: RgbaImage): Float32Array {
	return planarBgr(img, (v, c) => (v / 255 - (DET_MEAN[c] ?? 0)) / (DET_STD[c] ?? 1));
}

/** Resizes to the detection input size and builds the tensor data. */
export function prepareDet(
	img: RgbaImage,
	maxSide = 960
): { data: Float32Array; width: number; height: number } {
	const [w, h] = detInputSize(img.width, img.height, maxSide);
	return { data: detTensorData(resize(img, w, h)), width: w, height: h };
}

/** Recognition tensor data `[1, 3, 48, w]`: `(x / 255 − 0.5) / 0.5`. */
export function recTensorData(img: RgbaImage): Float32Array {
	return planarBgr(img, (v) => (v / 255 - 0.5) / 0.5);
}

/**
 * Packs line crops (all `REC_HEIGHT` high) into one batch `[n, 3, 48, maxW]`, padding on the
 * right with 0 (mid-grey after normalisation), as PaddleOCR's batched recogniser does.
 */
export function recBatchData(crops: readonly RgbaImage[]): { data: Float32Array; width: number } {
	const width = Math.max(...crops.map((c) => c.width));
	const plane = REC_HEIGHT * width;
	const out = new Float32Array(crops.length * 3 * plane);
	crops.forEach((crop, k) => {
		const one = recTensorData(crop);
		const n = crop.width * crop.height;
		for (let c = 0; c < 3; c++) {
			for (let y = 0; y < crop.height; y++) {
				const src = one.subarray(c * n + y * crop.width, c * n + (y + 1) * crop.width);
				out.set(src, k * 3 * plane + c * plane + y * width);
			}
		}
	});
	return { data: out, width };
}
