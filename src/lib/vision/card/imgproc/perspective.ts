import type { Point } from '../geometry.ts';

/** Row-major 3×3 homography. */
export type Homography = Float64Array;

/** The homography mapping the 4 `from` points onto the 4 `to` points (8×8 solve, h33 = 1). */
export function perspectiveTransform(from: readonly Point[], to: readonly Point[]): Homography {
	const a: number[][] = [];
	for (let i = 0; i < 4; i++) {
		const [x, y] = from[i]!;
		const [u, v] = to[i]!;
		a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
		a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
	}
	// Gaussian elimination with partial pivoting on the augmented 8×9 matrix.
	for (let c = 0; c < 8; c++) {
		let piv = c;
		for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
		[a[c], a[piv]] = [a[piv]!, a[c]!];
		const pr = a[c]!;
		if (Math.abs(pr[c]!) < 1e-12) throw new Error('degenerate quad');
		for (let r = 0; r < 8; r++) {
			if (r === c) continue;
			const row = a[r]!;
			const f = row[c]! / pr[c]!;
			if (f === 0) continue;
			for (let k = c; k < 9; k++) row[k]! -= f * pr[k]!;
		}
	}
	const h = new Float64Array(9);
	for (let i = 0; i < 8; i++) h[i] = a[i]![8]! / a[i]![i]!;
	h[8] = 1;
	return h;
}

const TAB = 32; // sub-pixel steps per pixel, as OpenCV's INTER_TAB_SIZE
const COEF = 1 << 15; // fixed-point weight scale (INTER_REMAP_COEF_SCALE)
/** Bilinear weights per (fy, fx) sub-pixel cell: [w00, w01, w10, w11], summing to COEF. */
const WEIGHTS = (() => {
	const t = new Int32Array(TAB * TAB * 4);
	for (let fy = 0; fy < TAB; fy++)
		for (let fx = 0; fx < TAB; fx++) {
			const ax = fx / TAB;
			const ay = fy / TAB;
			const w = [(1 - ay) * (1 - ax), (1 - ay) * ax, ay * (1 - ax), ay * ax];
			const k = (fy * TAB + fx) * 4;
			let sum = 0;
			let big = 0;
			for (let j = 0; j < 4; j++) {
				t[k + j] = Math.round(w[j]! * COEF);
				sum += t[k + j]!;
				if (t[k + j]! > t[k + big]!) big = j;
			}
			t[k + big]! += COEF - sum;
		}
	return t;
})();

/**
 * Warps RGBA pixels so that `quad` (TL, TR, BR, BL in the source) fills a `width` × `height`
 * image: each output pixel samples the source at the inverse-mapped point, bilinear with
 * 1/32-pixel steps and 15-bit weights, borders replicated (as `warpPerspective` INTER_LINEAR,
 * BORDER_REPLICATE).
 */
export function warpQuad(
	src: ArrayLike<number>,
	sw: number,
	sh: number,
	quad: readonly Point[],
	width: number,
	height: number,
	out?: Uint8ClampedArray
): Uint8ClampedArray {
	const dstCorners: Point[] = [
		[0, 0],
		[width, 0],
		[width, height],
		[0, height]
	];
	const m = perspectiveTransform(dstCorners, quad);
	const dst =
		out && out.length === width * height * 4 ? out : new Uint8ClampedArray(width * height * 4);
	const maxX = sw - 1;
	const maxY = sh - 1;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const W = m[6]! * x + m[7]! * y + m[8]!;
			const inv = W ? TAB / W : 0;
			const X = Math.round((m[0]! * x + m[1]! * y + m[2]!) * inv);
			const Y = Math.round((m[3]! * x + m[4]! * y + m[5]!) * inv);
			const ix = X >> 5;
			const iy = Y >> 5;
			const k = ((Y & (TAB - 1)) * TAB + (X & (TAB - 1))) * 4;
			const x0 = ix < 0 ? 0 : ix > maxX ? maxX : ix;
			const x1 = ix + 1 < 0 ? 0 : ix + 1 > maxX ? maxX : ix + 1;
			const y0 = iy < 0 ? 0 : iy > maxY ? maxY : iy;
			const y1 = iy + 1 < 0 ? 0 : iy + 1 > maxY ? maxY : iy + 1;
			const p00 = (y0 * sw + x0) * 4;
			const p01 = (y0 * sw + x1) * 4;
			const p10 = (y1 * sw + x0) * 4;
			const p11 = (y1 * sw + x1) * 4;
			const w00 = WEIGHTS[k]!;
			const w01 = WEIGHTS[k + 1]!;
			const w10 = WEIGHTS[k + 2]!;
			const w11 = WEIGHTS[k + 3]!;
			const o = (y * width + x) * 4;
			for (let c = 0; c < 4; c++) {
				dst[o + c] =
					(src[p00 + c]! * w00 +
						src[p01 + c]! * w01 +
						src[p10 + c]! * w10 +
						src[p11 + c]! * w11 +
						(COEF >> 1)) >>
					15;
			}
		}
	}
	return dst;
}
