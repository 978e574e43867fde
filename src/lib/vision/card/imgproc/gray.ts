/** RGBA → 8-bit luma and area downscaling, bit-compatible with OpenCV's 8U paths. */

/** A single-channel 8-bit image. */
export interface Plane {
	width: number;
	height: number;
	data: Uint8Array;
}

/** Y = 0.299 R + 0.587 G + 0.114 B in OpenCV's 15-bit fixed point (cvtColor RGBA2GRAY). */
export function rgbaToGray(
	rgba: ArrayLike<number>,
	width: number,
	height: number,
	out?: Uint8Array
): Plane {
	const n = width * height;
	const data = out && out.length === n ? out : new Uint8Array(n);
	for (let i = 0, j = 0; i < n; i++, j += 4) {
		data[i] = (rgba[j]! * 9798 + rgba[j + 1]! * 19235 + rgba[j + 2]! * 3735 + 16384) >> 15;
	}
	return { width, height, data };
}

/**
 * Area-average downscale of interleaved 8-bit pixels (INTER_AREA for shrinking). Integer
 * factors take the exact box mean with rounding, as OpenCV's fast path does; other factors
 * weight each source pixel by its overlap with the destination pixel.
 */
export function resizeArea(
	src: ArrayLike<number>,
	sw: number,
	sh: number,
	channels: number,
	dw: number,
	dh: number,
	out?: Uint8Array
): Uint8Array {
	const size = dw * dh * channels;
	const dst = out && out.length === size ? out : new Uint8Array(size);
	const fx = sw / dw;
	const fy = sh / dh;
	const ix = Math.round(fx);
	const iy = Math.round(fy);
	if (ix === 2 && iy === 2 && Math.abs(fx - 2) < 1e-9 && Math.abs(fy - 2) < 1e-9) {
		// The common 1280×720 → 640×360 case, unrolled.
		const row = sw * channels;
		for (let y = 0; y < dh; y++) {
			let p = 2 * y * row;
			let o = y * dw * channels;
			for (let x = 0; x < dw; x++, p += channels) {
				for (let c = 0; c < channels; c++, p++, o++) {
					dst[o] =
						(src[p]! + src[p + channels]! + src[p + row]! + src[p + row + channels]! + 2) >> 2;
				}
			}
		}
		return dst;
	}
	if (Math.abs(fx - ix) < 1e-9 && Math.abs(fy - iy) < 1e-9) {
		const area = ix * iy;
		const half = area >> 1;
		for (let y = 0; y < dh; y++)
			for (let x = 0; x < dw; x++)
				for (let c = 0; c < channels; c++) {
					let s = 0;
					for (let v = 0; v < iy; v++) {
						const row = ((y * iy + v) * sw + x * ix) * channels + c;
						for (let u = 0; u < ix; u++) s += src[row + u * channels]!;
					}
					dst[(y * dw + x) * channels + c] = Math.floor((s + half) / area);
				}
		return dst;
	}
	const xs = spans(sw, dw);
	const ys = spans(sh, dh);
	const acc = new Float64Array(channels);
	for (let y = 0; y < dh; y++) {
		const yr = ys[y]!;
		for (let x = 0; x < dw; x++) {
			const xr = xs[x]!;
			acc.fill(0);
			for (let a = 0; a < yr.idx.length; a++) {
				const wy = yr.w[a]!;
				const row = yr.idx[a]! * sw;
				for (let b = 0; b < xr.idx.length; b++) {
					const w = wy * xr.w[b]!;
					const p = (row + xr.idx[b]!) * channels;
					for (let c = 0; c < channels; c++) acc[c]! += w * src[p + c]!;
				}
			}
			for (let c = 0; c < channels; c++) {
				dst[(y * dw + x) * channels + c] = Math.min(255, Math.max(0, Math.round(acc[c]!)));
			}
		}
	}
	return dst;
}

/** Source indices and normalised overlap weights for each destination index. */
function spans(sn: number, dn: number): { idx: number[]; w: number[] }[] {
	const scale = sn / dn;
	return Array.from({ length: dn }, (_, d) => {
		const a = d * scale;
		const b = Math.min(sn, a + scale);
		const idx: number[] = [];
		const w: number[] = [];
		for (let s = Math.floor(a); s < Math.ceil(b); s++) {
			const overlap = Math.min(b, s + 1) - Math.max(a, s);
			if (overlap > 1e-9) {
				idx.push(s);
				w.push(overlap / (b - a));
			}
		}
		return { idx, w };
	});
}
