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
	const { dx, dy, mag, map, stack } = scratchFor(w, h);
	const mw = w + 2;
	for (let y = 0; y < h; y++) {
		const ym = (y > 0 ? y - 1 : 0) * w;
		const y0 = y * w;
		const yp = (y < h - 1 ? y + 1 : h - 1) * w;
		const mrow = (y + 1) * mw + 1;
		for (let x = 0; x < w; x++) {
			// Interior columns read their neighbours directly; the edge columns replicate.
			const xm = x > 0 ? x - 1 : 0;
			const xp = x < w - 1 ? x + 1 : w - 1;
			const a = data[ym + xm]!;
			const b = data[ym + x]!;
			const c = data[ym + xp]!;
			const d = data[y0 + xm]!;
			const f = data[y0 + xp]!;
			const g = data[yp + xm]!;
			const hh = data[yp + x]!;
			const k = data[yp + xp]!;
			const gx = c - a + 2 * (f - d) + k - g;
			const gy = g - a + 2 * (hh - b) + k - c;
			dx[y0 + x] = gx;
			dy[y0 + x] = gy;
			mag[mrow + x] = (gx < 0 ? -gx : gx) + (gy < 0 ? -gy : gy);
		}
	}
	// Map with a frame: 0 = may be edge, 1 = not edge, 2 = edge.
	map.fill(1);
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
	while (top > 0) {
		const i = stack[--top]!;
		// The 8 neighbours; each pixel is pushed at most once (0 → 2), so the stack holds n.
		for (let r = i - mw; r <= i + mw; r += mw) {
			if (map[r - 1] === 0) {
				map[r - 1] = 2;
				stack[top++] = r - 1;
			}
			if (map[r] === 0) {
				map[r] = 2;
				stack[top++] = r;
			}
			if (map[r + 1] === 0) {
				map[r + 1] = 2;
				stack[top++] = r + 1;
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

interface CannyScratch {
	w: number;
	h: number;
	dx: Int16Array;
	dy: Int16Array;
	/** Magnitude with a zero frame, (w + 2) × (h + 2). */
	mag: Int32Array;
	/** With a frame: 0 = may be edge, 1 = not edge, 2 = edge. */
	map: Uint8Array;
	stack: Int32Array;
}

/** Reused from frame to frame (one frame is analysed at a time); the frame of `mag` stays 0. */
let scratch: CannyScratch | null = null;
function scratchFor(w: number, h: number): CannyScratch {
	if (scratch?.w === w && scratch.h === h) return scratch;
	const n = w * h;
	const framed = (w + 2) * (h + 2);
	scratch = {
		w,
		h,
		dx: new Int16Array(n),
		dy: new Int16Array(n),
		mag: new Int32Array(framed),
		map: new Uint8Array(framed),
		stack: new Int32Array(n)
	};
	return scratch;
}
