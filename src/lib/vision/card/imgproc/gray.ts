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
	const words = wordsOf(rgba, n);
	if (words) {
		// One 32-bit load per pixel (R in the low byte: `wordsOf` only answers on little-endian).
		for (let i = 0; i < n; i++) {
			const p = words[i]!;
			data[i] =
				((p & 255) * 9798 + ((p >> 8) & 255) * 19235 + ((p >> 16) & 255) * 3735 + 16384) >> 15;
		}
		return { width, height, data };
	}
	for (let i = 0, j = 0; i < n; i++, j += 4) {
		data[i] = (rgba[j]! * 9798 + rgba[j + 1]! * 19235 + rgba[j + 2]! * 3735 + 16384) >> 15;
	}
	return { width, height, data };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A 32-bit view of `n` RGBA pixels, when the buffer is an aligned byte array on a little-endian host. */
function wordsOf(rgba: ArrayLike<number>, n: number): Uint32Array | null {
	if (!LITTLE_ENDIAN) return null;
	if (!(rgba instanceof Uint8Array || rgba instanceof Uint8ClampedArray)) return null;
	if (rgba.byteOffset % 4 !== 0 || rgba.length < n * 4) return null;
	return new Uint32Array(rgba.buffer, rgba.byteOffset, n);
}

/**
 * `rgbaToGray(resizeArea(rgba, sw, sh, 4, sw / 2, sh / 2))` in one pass, without the small RGBA
 * copy: each channel is the rounded mean of its 2×2 block (INTER_AREA's exact path), then luma.
 * Bit-identical to the two steps. Returns null when the size does not halve exactly.
 */
export function shrink2Gray(
	rgba: ArrayLike<number>,
	sw: number,
	sh: number,
	out?: Uint8Array
): Plane | null {
	if (sw % 2 || sh % 2) return null;
	const dw = sw / 2;
	const dh = sh / 2;
	const n = dw * dh;
	const data = out && out.length === n ? out : new Uint8Array(n);
	const words = wordsOf(rgba, sw * sh);
	if (!words) {
		const small = resizeArea(rgba, sw, sh, 4, dw, dh);
		return rgbaToGray(small, dw, dh, data);
	}
	const LO = 0x00ff00ff;
	for (let y = 0; y < dh; y++) {
		let p = 2 * y * sw;
		let o = y * dw;
		for (let x = 0; x < dw; x++, p += 2, o++) {
			const a = words[p]!;
			const b = words[p + 1]!;
			const c = words[p + sw]!;
			const d = words[p + sw + 1]!;
			// R and B in the two 16-bit lanes of one sum (each ≤ 4·255 + 2, no carry), then G.
			const rb = (a & LO) + (b & LO) + (c & LO) + (d & LO) + 0x00020002;
			const g = ((a >> 8) & 255) + ((b >> 8) & 255) + ((c >> 8) & 255) + ((d >> 8) & 255) + 2;
			const r = (rb & 0xffff) >> 2;
			const bl = rb >>> 18;
			data[o] = (r * 9798 + (g >> 2) * 19235 + bl * 3735 + 16384) >> 15;
		}
	}
	return { width: dw, height: dh, data };
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
