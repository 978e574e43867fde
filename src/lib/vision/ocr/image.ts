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

/** Resizes with bilinear sampling (no anti-aliasing; callers only shrink by small factors). */
export function resize(img: RgbaImage, width: number, height: number): RgbaImage {
	if (width === img.width && height === img.height) return img;
	const out = new Uint8ClampedArray(width * height * 4);
	const sx = img.width / width;
	const sy = img.height / height;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const o = (y * width + x) * 4;
			const px = (x + 0.5) * sx;
			const py = (y + 0.5) * sy;
			out[o] = sample(img, px, py, 0);
			out[o + 1] = sample(img, px, py, 1);
			out[o + 2] = sample(img, px, py, 2);
			out[o + 3] = 255;
		}
	}
	return { width, height, data: out };
}
