import type { Plane } from './gray.ts';
import type { Point } from '../geometry.ts';

/** Which borders to return: outermost only, or every border (outer and hole), flat. */
export type ContourMode = 'external' | 'list';

/** Chain-code steps 0–7: E, NE, N, NW, W, SW, S, SE (y down). */
const DX = [1, 1, 0, -1, -1, -1, 0, 1];
const DY = [0, -1, -1, -1, 0, 1, 1, 1];

/**
 * Border following after Suzuki & Abe (1985), the scan of OpenCV's `findContours` on a binary
 * image (non-zero = 1) framed by one zero pixel, with CHAIN_APPROX_SIMPLE (only the points
 * where the chain direction changes). `external` skips holes and every border inside another.
 */
export function findContours(src: Plane, mode: ContourMode): Point[][] {
	const { width: w, height: h, data } = src;
	const W = w + 2;
	const H = h + 2;
	// Int8 labels: 0 background, 1 unvisited foreground, 2 traced, -126 traced right border.
	const img = new Int8Array(W * H);
	for (let y = 0; y < h; y++) {
		const r = (y + 1) * W + 1;
		for (let x = 0; x < w; x++) if (data[y * w + x]) img[r + x] = 1;
	}
	const deltas = [1, -W + 1, -W, -W - 1, -1, W - 1, W, W + 1];
	const out: Point[][] = [];
	for (let y = 1; y < H - 1; y++) {
		let lnbd = y * W; // x = 0 of this row
		let prev = img[y * W]!;
		for (let x = 1; x < W - 1; x++) {
			const i = y * W + x;
			const p = img[i]!;
			if (p !== prev) {
				let isHole = false;
				let start = true;
				if (!(prev === 0 && p === 1)) {
					if (p !== 0 || prev < 1) start = false;
					else {
						if (prev & -2) lnbd = i - 1;
						isHole = true;
					}
				}
				if (start && mode === 'external' && (isHole || img[lnbd]! > 0)) start = false;
				if (start) {
					const origin = isHole ? i - 1 : i;
					out.push(trace(img, deltas, origin, (origin % W) - 1, y - 1, isHole));
					// OpenCV resumes after the start pixel with prev = its new label.
					prev = img[i]!;
					continue;
				}
			}
			prev = p;
			if (prev & -2) lnbd = i;
		}
	}
	return out;
}

function trace(
	img: Int8Array,
	deltas: number[],
	i0: number,
	px: number,
	py: number,
	isHole: boolean
): Point[] {
	const pts: Point[] = [];
	const nbd = 2;
	const right = -126; // nbd | -128 as int8
	let s = isHole ? 0 : 4;
	let sEnd = s;
	let i1 = i0;
	do {
		s = (s - 1) & 7;
		i1 = i0 + deltas[s]!;
	} while (img[i1] === 0 && s !== sEnd);
	if (s === sEnd) {
		img[i0] = right;
		pts.push([px, py]);
		return pts;
	}
	let i3 = i0;
	let prevS = s ^ 4;
	let x = px;
	let y = py;
	for (;;) {
		sEnd = s;
		let i4 = i3;
		for (;;) {
			s++;
			i4 = i3 + deltas[s & 7]!;
			if (img[i4] !== 0 || s >= 15) break;
		}
		s &= 7;
		if ((s - 1) >>> 0 < sEnd >>> 0) img[i3] = right;
		else if (img[i3] === 1) img[i3] = nbd;
		if (s !== prevS) {
			pts.push([x, y]);
			prevS = s;
		}
		x += DX[s]!;
		y += DY[s]!;
		if (i4 === i0 && i3 === i1) break;
		i3 = i4;
		s = (s + 4) & 7;
	}
	return pts;
}
