/**
 * Face alignment for embedding: a 5-point similarity transform onto the ArcFace template, and
 * the warp of an RGBA image into a square RGB crop. Pure TypeScript (browser, worker, Node).
 */

/** A 2-D point in pixels. */
export type Point = readonly [x: number, y: number];

/**
 * The five landmarks, in this order: left eye centre, right eye centre (as seen in the image),
 * nose tip, left mouth corner, right mouth corner.
 */
export type FivePoints = readonly [Point, Point, Point, Point, Point];

/** The standard ArcFace (insightface) landmark template on a 112×112 crop. */
export const ARCFACE_TEMPLATE_112: FivePoints = [
	[38.2946, 51.6963],
	[73.5318, 51.5014],
	[56.0252, 71.7366],
	[41.5493, 92.3655],
	[70.7299, 92.2041]
];

/** x' = a·x − b·y + tx, y' = b·x + a·y + ty (rotation, uniform scale, translation; no mirror). */
export interface Similarity {
	a: number;
	b: number;
	tx: number;
	ty: number;
}

/**
 * The ArcFace template for a `size`×`size` crop; `padding` (fraction of the side on each edge)
 * shrinks the face to leave more context, as loosely-cropped training data expects.
 */
export function alignmentTemplate(size: number, padding = 0): FivePoints {
	const s = (size * (1 - 2 * padding)) / 112;
	const o = size * padding;
	return ARCFACE_TEMPLATE_112.map(
		([x, y]) => [x * s + o, y * s + o] as const
	) as unknown as FivePoints;
}

/** Least-squares similarity transform taking `src` points onto `dst` points (Umeyama, 2-D). */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[]): Similarity {
	const n = src.length;
	if (n < 2 || n !== dst.length) throw new RangeError('need ≥ 2 matching points');
	let msx = 0,
		msy = 0,
		mdx = 0,
		mdy = 0;
	for (let i = 0; i < n; i++) {
		msx += src[i]![0] / n;
		msy += src[i]![1] / n;
		mdx += dst[i]![0] / n;
		mdy += dst[i]![1] / n;
	}
	let dot = 0,
		cross = 0,
		norm = 0;
	for (let i = 0; i < n; i++) {
		const sx = src[i]![0] - msx;
		const sy = src[i]![1] - msy;
		const dx = dst[i]![0] - mdx;
		const dy = dst[i]![1] - mdy;
		dot += sx * dx + sy * dy;
		cross += sx * dy - sy * dx;
		norm += sx * sx + sy * sy;
	}
	if (norm === 0) throw new RangeError('source points coincide');
	const a = dot / norm;
	const b = cross / norm;
	return { a, b, tx: mdx - (a * msx - b * msy), ty: mdy - (b * msx + a * msy) };
}

/** Applies a similarity transform to a point. */
export function applySimilarity(t: Similarity, [x, y]: Point): Point {
	return [t.a * x - t.b * y + t.tx, t.b * x + t.a * y + t.ty];
}

/** The inverse transform (crop → image). */
export function invertSimilarity({ a, b, tx, ty }: Similarity): Similarity {
	const d = a * a + b * b;
	const ia = a / d;
	const ib = -b / d;
	return { a: ia, b: ib, tx: -(ia * tx - ib * ty), ty: -(ib * tx + ia * ty) };
}

/** RGBA pixels, row-major (the layout of `ImageData`). */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8Array | Uint8ClampedArray;
}

/**
 * Warps `image` so that `landmarks` land on the template of a `size`×`size` crop; returns
 * float32 RGB in 0…255, NHWC ([size, size, 3]), bilinear, edge pixels repeated outside.
 */
export function alignFace(
	image: RgbaImage,
	landmarks: FivePoints,
	size: number,
	padding = 0
): Float32Array {
	const toImage = invertSimilarity(estimateSimilarity(landmarks, alignmentTemplate(size, padding)));
	const out = new Float32Array(size * size * 3);
	const { width: w, height: h, data } = image;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			// Sample at pixel centres.
			const [sx, sy] = applySimilarity(toImage, [x + 0.5, y + 0.5]);
			const fx = Math.min(Math.max(sx - 0.5, 0), w - 1);
			const fy = Math.min(Math.max(sy - 0.5, 0), h - 1);
			const x0 = Math.floor(fx);
			const y0 = Math.floor(fy);
			const x1 = Math.min(x0 + 1, w - 1);
			const y1 = Math.min(y0 + 1, h - 1);
			const ax = fx - x0;
			const ay = fy - y0;
			const o = (y * size + x) * 3;
			for (let c = 0; c < 3; c++) {
				const p00 = data[(y0 * w + x0) * 4 + c]!;
				const p01 = data[(y0 * w + x1) * 4 + c]!;
				const p10 = data[(y1 * w + x0) * 4 + c]!;
				const p11 = data[(y1 * w + x1) * 4 + c]!;
				const top = p00 + (p01 - p00) * ax;
				const bottom = p10 + (p11 - p10) * ax;
				out[o + c] = top + (bottom - top) * ay;
			}
		}
	}
	return out;
}
