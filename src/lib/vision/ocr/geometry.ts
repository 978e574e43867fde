/** Small planar geometry for the DB post-process and line cropping. */
import type { Point, Quad } from './image.ts';

const cross = (o: Point, a: Point, b: Point) =>
	(a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull (Andrew's monotone chain), counter-clockwise in y-down coordinates' mirror. */
export function convexHull(points: readonly Point[]): Point[] {
	const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	if (pts.length <= 2) return pts;
	const lower: Point[] = [];
	for (const p of pts) {
		while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
		lower.push(p);
	}
	const upper: Point[] = [];
	for (let i = pts.length - 1; i >= 0; i--) {
		const p = pts[i]!;
		while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
		upper.push(p);
	}
	return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** A rotated rectangle: centre, size along its own axes, and the unit axis of `width`. */
export interface RotatedRect {
	cx: number;
	cy: number;
	width: number;
	height: number;
	/** Unit vector along the `width` side. */
	ux: number;
	uy: number;
}

/** Minimum-area enclosing rectangle of a point set (rotating calipers over the hull edges). */
export function minAreaRect(points: readonly Point[]): RotatedRect {
	const hull = convexHull(points);
	let best: RotatedRect | undefined;
	let bestArea = Infinity;
	const edges = hull.length < 2 ? 1 : hull.length;
	for (let i = 0; i < edges; i++) {
		const a = hull[i] ?? [0, 0];
		const b = hull[(i + 1) % hull.length] ?? [a[0] + 1, a[1]];
		let ux = b[0] - a[0];
		let uy = b[1] - a[1];
		const len = Math.hypot(ux, uy) || 1;
		ux /= len;
		uy /= len;
		if (hull.length < 2) [ux, uy] = [1, 0];
		let minU = Infinity;
		let maxU = -Infinity;
		let minV = Infinity;
		let maxV = -Infinity;
		for (const p of hull) {
			const u = p[0] * ux + p[1] * uy;
			const v = -p[0] * uy + p[1] * ux;
			minU = Math.min(minU, u);
			maxU = Math.max(maxU, u);
			minV = Math.min(minV, v);
			maxV = Math.max(maxV, v);
		}
		const area = (maxU - minU) * (maxV - minV);
		if (area < bestArea) {
			bestArea = area;
			const cu = (minU + maxU) / 2;
			const cv = (minV + maxV) / 2;
			best = {
				cx: cu * ux - cv * uy,
				cy: cu * uy + cv * ux,
				width: maxU - minU,
				height: maxV - minV,
				ux,
				uy
			};
		}
	}
	return best ?? { cx: 0, cy: 0, width: 0, height: 0, ux: 1, uy: 0 };
}

/**
 * Corners of a rotated rectangle ordered top-left, top-right, bottom-right, bottom-left, with the
 * long side taken as the text direction (text lines are wider than tall).
 */
export function rectCorners(r: RotatedRect): Quad {
	let { width: w, height: h, ux, uy } = r;
	if (h > w) {
		[w, h] = [h, w];
		[ux, uy] = [-uy, ux];
	}
	if (ux < 0) [ux, uy] = [-ux, -uy]; // read left to right
	const vx = -uy;
	const vy = ux; // points down when ux > 0
	const hw = w / 2;
	const hh = h / 2;
	const at = (su: number, sv: number): Point => [
		r.cx + su * hw * ux + sv * hh * vx,
		r.cy + su * hw * uy + sv * hh * vy
	];
	return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

/**
 * The 3×3 homography (row-major, h33 = 1) mapping each `from[i]` to `to[i]`, from the 8×8 linear
 * system solved by Gaussian elimination with partial pivoting.
 */
export function homography(from: Quad, to: Quad): number[] {
	const a: number[][] = [];
	for (let i = 0; i < 4; i++) {
		const [x, y] = from[i]!;
		const [u, v] = to[i]!;
		a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
		a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
	}
	for (let c = 0; c < 8; c++) {
		let piv = c;
		for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
		[a[c], a[piv]] = [a[piv]!, a[c]!];
		const p = a[c]![c]!;
		if (Math.abs(p) < 1e-12) throw new Error('degenerate quad');
		for (let r = 0; r < 8; r++) {
			if (r === c) continue;
			const f = a[r]![c]! / p;
			for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
		}
	}
	const h = a.map((row, i) => row[8]! / row[i]!);
	return [...h, 1];
}

/** Applies a homography to a point. */
export function applyHomography(h: readonly number[], x: number, y: number): Point {
	const w = h[6]! * x + h[7]! * y + h[8]!;
	return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Euclidean distance. */
export const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
