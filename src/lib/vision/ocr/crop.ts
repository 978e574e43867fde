/**
 * Cuts a text line out of the image: the quad is warped (perspective) straight to the
 * recognition height, so a slanted or slightly rotated line becomes one horizontal strip.
 */
import { dist, homography } from './geometry.ts';
import { sampleInto, type Point, type Quad, type RgbaImage } from './image.ts';
import { REC_HEIGHT } from './preprocess.ts';

export interface CropOptions {
	/** Output height (the recogniser's 48). */
	height: number;
	/** Widest strip; longer lines are squeezed (the model still reads them). */
	maxWidth: number;
	/** Narrowest strip. PaddleOCR pads to 320 px; we skip that: it only costs time. */
	minWidth: number;
}

const DEFAULTS: CropOptions = { height: REC_HEIGHT, maxWidth: 1600, minWidth: 16 };

/** Width of the strip for a quad at the given height (`ceil(height · w / h)`, clamped). */
export function stripWidth(q: Quad, opts: Partial<CropOptions> = {}): number {
	const o = { ...DEFAULTS, ...opts };
	const w = Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
	const h = Math.max(dist(q[0], q[3]), dist(q[1], q[2]), 1);
	return Math.min(o.maxWidth, Math.max(o.minWidth, Math.ceil((o.height * w) / h)));
}

/** Perspective-warps the quad into a `stripWidth × height` RGBA strip. */
export function cropQuad(img: RgbaImage, q: Quad, opts: Partial<CropOptions> = {}): RgbaImage {
	const o = { ...DEFAULTS, ...opts };
	const width = stripWidth(q, o);
	const height = o.height;
	const dst: Quad = [
		[0, 0],
		[width, 0],
		[width, height],
		[0, height]
	];
	const h = homography(dst, q);
	const out = new Uint8ClampedArray(width * height * 4);
	const xs = new Float32Array(width);
	const ys = new Float32Array(width);
	const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number
	];
	for (let y = 0; y < height; y++) {
		const py = y + 0.5;
		for (let x = 0; x < width; x++) {
			const px = x + 0.5;
			const w = h6 * px + h7 * py + h8;
			xs[x] = (h0 * px + h1 * py + h2) / w;
			ys[x] = (h3 * px + h4 * py + h5) / w;
		}
		sampleInto(img, xs, ys, out.subarray(y * width * 4, (y + 1) * width * 4));
	}
	return { width, height, data: out };
}

/** Axis-aligned bounding box `[x, y, w, h]` of a quad, rounded to whole pixels. */
export function quadBox(q: Quad): [x: number, y: number, w: number, h: number] {
	const xs = q.map((p: Point) => p[0]);
	const ys = q.map((p: Point) => p[1]);
	const x = Math.round(Math.min(...xs));
	const y = Math.round(Math.min(...ys));
	return [x, y, Math.round(Math.max(...xs)) - x, Math.round(Math.max(...ys)) - y];
}
