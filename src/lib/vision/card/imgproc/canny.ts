import type { Plane } from './gray.ts';

/** tan(22.5°) in Q15, as in OpenCV's Canny. */
const TG22 = 13573;

/**
 * Canny edges (3×3 Sobel with replicated borders, L1 magnitude, non-maximum suppression along
 * 4 directions, hysteresis with 8-connectivity), output 0 / 255. Follows OpenCV's `Canny`
 * (`m > low` candidates, `m > high` seeds, the same tie-breaking in the suppression).
 */
export function canny(src: Plane, low: number, high: number, out?: Uint8Array): Plane {
	const { width: w, height: h, data } = src;
	const n = w * h;
	const lo = Math.floor(low);
	const hi = Math.floor(high);
	const dx = new Int16Array(n);
	const dy = new Int16Array(n);
	// Magnitude with a zero frame, (w + 2) × (h + 2).
	const mw = w + 2;
	const mag = new Int32Array(mw * (h + 2));
	for (let y = 0; y < h; y++) {
		const ym = (y > 0 ? y - 1 : 0) * w;
		const y0 = y * w;
		const yp = (y < h - 1 ? y + 1 : h - 1) * w;
		for (let x = 0; x < w; x++) {
			const xm = x > 0 ? x - 1 : 0;
			const xp = x < w - 1 ? x + 1 : w - 1;
			const gx =
				data[ym + xp]! -
				data[ym + xm]! +
				2 * (data[y0 + xp]! - data[y0 + xm]!) +
				data[yp + xp]! -
				data[yp + xm]!;
			const gy =
				data[yp + xm]! -
				data[ym + xm]! +
				2 * (data[yp + x]! - data[ym + x]!) +
				data[yp + xp]! -
				data[ym + xp]!;
			dx[y0 + x] = gx;
			dy[y0 + x] = gy;
			mag[(y + 1) * mw + x + 1] = Math.abs(gx) + Math.abs(gy);
		}
	}
	// Map with a frame: 0 = may be edge, 1 = not edge, 2 = edge.
	const map = new Uint8Array(mw * (h + 2)).fill(1);
	const stack = new Int32Array(n);
	let top = 0;
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = (y + 1) * mw + x + 1;
			const m = mag[i]!;
			if (m <= lo) continue;
			const gx = dx[y * w + x]!;
			const gy = dy[y * w + x]!;
			const ax = Math.abs(gx);
			const ay = Math.abs(gy) << 15;
			const tg22x = ax * TG22;
			let keep = false;
			if (ay < tg22x) {
				keep = m > mag[i - 1]! && m >= mag[i + 1]!;
			} else {
				const tg67x = tg22x + ax * 65536;
				if (ay > tg67x) {
					keep = m > mag[i - mw]! && m >= mag[i + mw]!;
				} else {
					const s = (gx ^ gy) < 0 ? -1 : 1;
					keep = m > mag[i - mw - s]! && m >= mag[i + mw + s]!;
				}
			}
			if (!keep) continue;
			if (m > hi) {
				map[i] = 2;
				stack[top++] = i;
			} else map[i] = 0;
		}
	}
	const around = [-mw - 1, -mw, -mw + 1, -1, 1, mw - 1, mw, mw + 1];
	while (top > 0) {
		const i = stack[--top]!;
		for (let k = 0; k < 8; k++) {
			const j = i + around[k]!;
			if (map[j] === 0) {
				map[j] = 2;
				stack[top++] = j;
			}
		}
	}
	const dst = out && out.length === n ? out : new Uint8Array(n);
	for (let y = 0; y < h; y++) {
		const row = (y + 1) * mw + 1;
		for (let x = 0; x < w; x++) dst[y * w + x] = map[row + x] === 2 ? 255 : 0;
	}
	return { width: w, height: h, data: dst };
}
