import type { Plane } from './gray.ts';

/** 3×3 dilation (max filter); pixels outside the image do not count. */
export function dilate3(src: Plane, out?: Uint8Array, tmp?: Uint8Array): Plane {
	const { width: w, height: h, data } = src;
	const n = w * h;
	const row = tmp && tmp.length === n ? tmp : new Uint8Array(n);
	for (let y = 0; y < h; y++) {
		const r = y * w;
		for (let x = 0; x < w; x++) {
			let m = data[r + x]!;
			if (x > 0 && data[r + x - 1]! > m) m = data[r + x - 1]!;
			if (x < w - 1 && data[r + x + 1]! > m) m = data[r + x + 1]!;
			row[r + x] = m;
		}
	}
	const dst = out && out.length === n ? out : new Uint8Array(n);
	for (let y = 0; y < h; y++) {
		const r = y * w;
		const up = y > 0 ? r - w : r;
		const dn = y < h - 1 ? r + w : r;
		for (let x = 0; x < w; x++) {
			const a = row[up + x]!;
			const b = row[r + x]!;
			const c = row[dn + x]!;
			const m = a > b ? a : b;
			dst[r + x] = m > c ? m : c;
		}
	}
	return { width: w, height: h, data: dst };
}
