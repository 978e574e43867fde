import { reflect101 } from './blur.ts';
import type { Plane } from './gray.ts';

/** Mean of an 8-bit plane. */
export function mean(p: Plane): number {
	let s = 0;
	for (let i = 0; i < p.data.length; i++) s += p.data[i]!;
	return p.data.length ? s / p.data.length : 0;
}

/** Share of pixels above `threshold` (threshold BINARY + countNonZero, over the pixel count). */
export function fractionAbove(p: Plane, threshold: number): number {
	let n = 0;
	for (let i = 0; i < p.data.length; i++) if (p.data[i]! > threshold) n++;
	return p.data.length ? n / p.data.length : 0;
}

/**
 * Population variance of the 4-neighbour Laplacian (OpenCV `Laplacian` ksize 1, reflect-101
 * borders, then `meanStdDev`): the usual sharpness score.
 */
export function laplacianVariance(p: Plane): number {
	const { width: w, height: h, data } = p;
	const n = w * h;
	if (!n) return 0;
	let s = 0;
	let s2 = 0;
	for (let y = 0; y < h; y++) {
		const r = y * w;
		const up = reflect101(y - 1, h) * w;
		const dn = reflect101(y + 1, h) * w;
		// Interior columns without border lookups; the two edge columns reflect.
		for (let x = 1; x < w - 1; x++) {
			const v =
				data[up + x]! + data[dn + x]! + data[r + x - 1]! + data[r + x + 1]! - 4 * data[r + x]!;
			s += v;
			s2 += v * v;
		}
		for (const x of w > 1 ? [0, w - 1] : [0]) {
			const l = reflect101(x - 1, w);
			const rr = reflect101(x + 1, w);
			const v = data[up + x]! + data[dn + x]! + data[r + l]! + data[r + rr]! - 4 * data[r + x]!;
			s += v;
			s2 += v * v;
		}
	}
	const m = s / n;
	return Math.max(0, s2 / n - m * m);
}
