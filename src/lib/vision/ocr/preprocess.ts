/**
 * Input tensors for PP-OCRv4 (see NOTES-models.md): channels in BGR order as PaddleOCR reads
 * images with OpenCV, NCHW float32.
 */
import { resize, type RgbaImage } from './image.ts';

/** Detection normalisation, per BGR channel. */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

const REC_MEAN = [0.5, 0.5, 0.5] as const;
const REC_STD = [0.5, 0.5, 0.5] as const;

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

/** Planar BGR with `(v / 255 − mean[c]) / std[c]` per BGR channel `c`. */
function planarBgr(img: RgbaImage, mean: readonly number[], std: readonly number[]): Float32Array {
	const n = img.width * img.height;
	const out = new Float32Array(3 * n);
	const d = img.data;
	// v / 255 / std − mean / std, folded into one multiply-add per value.
	const [kb, kg, kr] = std.map((s) => 1 / (255 * s)) as [number, number, number];
	const [ob, og, or] = mean.map((m, c) => -m / (std[c] ?? 1)) as [number, number, number];
	for (let i = 0; i < n; i++) {
		out[i] = d[i * 4 + 2]! * kb + ob;
		out[n + i] = d[i * 4 + 1]! * kg + og;
		out[2 * n + i] = d[i * 4]! * kr + or;
	}
	return out;
}

/** Detection tensor data `[1, 3, h, w]` for an image already resized to the input size. */
export function detTensorData(img: RgbaImage): Float32Array {
	return planarBgr(img, DET_MEAN, DET_STD);
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
	return planarBgr(img, REC_MEAN, REC_STD);
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
