import type { Plane } from './gray.ts';

/** BORDER_REFLECT_101 index. */
export function reflect101(i: number, n: number): number {
	if (n === 1) return 0;
	while (i < 0 || i >= n) i = i < 0 ? -i : 2 * n - 2 - i;
	return i;
}

/**
 * 5×5 Gaussian blur with σ from the kernel size (OpenCV's `GaussianBlur(…, Size(5, 5), 0)` on
 * 8-bit: the fixed kernel [1 4 6 4 1]/16 each way, rounded once, reflect-101 borders).
 */
export function gaussianBlur5(src: Plane, out?: Uint8Array, tmp?: Uint16Array): Plane {
	const { width: w, height: h, data } = src;
	const n = w * h;
	const dst = out && out.length === n ? out : new Uint8Array(n);
	const mid = tmp && tmp.length === n ? tmp : new Uint16Array(n);
	for (let y = 0; y < h; y++) {
		const row = y * w;
		for (let x = 2; x < w - 2; x++) {
			const i = row + x;
			mid[i] = data[i - 2]! + 4 * data[i - 1]! + 6 * data[i]! + 4 * data[i + 1]! + data[i + 2]!;
		}
		for (let x = 0; x < w; x++) {
			if (x === 2 && w > 4) x = w - 2;
			const a = data[row + reflect101(x - 2, w)]!;
			const b = data[row + reflect101(x - 1, w)]!;
			const c = data[row + x]!;
			const d = data[row + reflect101(x + 1, w)]!;
			const e = data[row + reflect101(x + 2, w)]!;
			mid[row + x] = a + 4 * b + 6 * c + 4 * d + e;
		}
	}
	for (let y = 0; y < h; y++) {
		const r0 = reflect101(y - 2, h) * w;
		const r1 = reflect101(y - 1, h) * w;
		const r2 = y * w;
		const r3 = reflect101(y + 1, h) * w;
		const r4 = reflect101(y + 2, h) * w;
		for (let x = 0; x < w; x++) {
			const s =
				mid[r0 + x]! + 4 * mid[r1 + x]! + 6 * mid[r2 + x]! + 4 * mid[r3 + x]! + mid[r4 + x]!;
			dst[r2 + x] = (s + 128) >> 8;
		}
	}
	return { width: w, height: h, data: dst };
}
