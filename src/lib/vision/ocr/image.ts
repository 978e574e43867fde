/**
 * A plain RGBA raster, structurally compatible with `ImageData`, so the pure OCR steps run the
 * same in a worker and in Node unit tests.
 */
export interface RgbaImage {
	readonly width: number;
	readonly height: number;
	readonly data: Uint8ClampedArray;
}

/** A point in pixels. */
export type Point = readonly [x: number, y: number];

/** Four corners in reading order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** Makes a blank (black, opaque) image. */
export function blankImage(width: number, height: number): RgbaImage {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 3; i < data.length; i += 4) data[i] = 255;
	return { width, height, data };
}

/**
 * Bilinear sample of channel `c` at (x, y), clamped to the border. Pixel centres are at
 * integer + 0.5, as in canvas and OpenCV's `INTER_LINEAR`.
 */
export function sample(img: RgbaImage, x: number, y: number, c: number): number {
	const fx = Math.min(Math.max(x - 0.5, 0), img.width - 1);
	const fy = Math.min(Math.max(y - 0.5, 0), img.height - 1);
	const x0 = Math.floor(fx);
	const y0 = Math.floor(fy);
	const x1 = Math.min(x0 + 1, img.width - 1);
	const y1 = Math.min(y0 + 1, img.height - 1);
	const ax = fx - x0;
	const ay = fy - y0;
	const d = img.data;
	const w = img.width;
	const top = (d[(y0 * w + x0) * 4 + c] ?? 0) * (1 - ax) + (d[(y0 * w + x1) * 4 + c] ?? 0) * ax;
	const bot = (d[(y1 * w + x0) * 4 + c] ?? 0) * (1 - ax) + (d[(y1 * w + x1) * 4 + c] ?? 0) * ax;
	return top * (1 - ay) + bot * ay;
}

/**
 * Bilinear RGB sampling at many points, the hot loop of resizing and line cropping: writes the
 * pixel at source position (`xs[i]`, `ys[i]`) (pixel centres at integer + 0.5) to `out` at `i`.
 */
export function sampleInto(
	img: RgbaImage,
	xs: Float32Array,
	ys: Float32Array,
	out: Uint8ClampedArray
): void {
	const d = img.data;
	const w = img.width;
	const maxX = w - 1;
	const maxY = img.height - 1;
	for (let i = 0; i < xs.length; i++) {
		let fx = xs[i]! - 0.5;
		let fy = ys[i]! - 0.5;
		fx = fx < 0 ? 0 : fx > maxX ? maxX : fx;
		fy = fy < 0 ? 0 : fy > maxY ? maxY : fy;
		const x0 = fx | 0;
		const y0 = fy | 0;
		const x1 = x0 < maxX ? x0 + 1 : x0;
		const y1 = y0 < maxY ? y0 + 1 : y0;
		const ax = fx - x0;
		const ay = fy - y0;
		const p00 = (y0 * w + x0) * 4;
		const p01 = (y0 * w + x1) * 4;
		const p10 = (y1 * w + x0) * 4;
		const p11 = (y1 * w + x1) * 4;
		const o = i * 4;
		for (let c = 0; c < 3; c++) {
			const top = d[p00 + c]! + (d[p01 + c]! - d[p00 + c]!) * ax;
			const bot = d[p10 + c]! + (d[p11 + c]! - d[p10 + c]!) * ax;
			out[o + c] = top + (bot - top) * ay;
		}
		out[o + 3] = 255;
	}
}

/** Resizes with bilinear sampling (no anti-aliasing; callers only shrink by small factors). */
export function resize(img: RgbaImage, width: number, height: number): RgbaImage {
	if (width === img.width && height === img.height) return img;
	const out = new Uint8ClampedArray(width * height * 4);
	const sx = img.width / width;
	const sy = img.height / height;
	const xs = new Float32Array(width);
	const ys = new Float32Array(width);
	for (let x = 0; x < width; x++) xs[x] = (x + 0.5) * sx;
	for (let y = 0; y < height; y++) {
		ys.fill((y + 0.5) * sy);
		sampleInto(img, xs, ys, out.subarray(y * width * 4, (y + 1) * width * 4));
	}
	return { width, height, data: out };
}
