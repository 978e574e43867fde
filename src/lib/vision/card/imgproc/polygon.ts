import type { Point } from '../geometry.ts';

/** Shoelace area of a closed polygon (absolute). */
export function polygonArea(pts: readonly Point[]): number {
	let s = 0;
	for (let i = 0, n = pts.length; i < n; i++) {
		const a = pts[i]!;
		const b = pts[(i + 1) % n]!;
		s += a[0] * b[1] - b[0] * a[1];
	}
	return Math.abs(s) / 2;
}

/** Perimeter of a closed polygon. */
export function perimeter(pts: readonly Point[]): number {
	let s = 0;
	for (let i = 0, n = pts.length; i < n; i++) {
		const a = pts[i]!;
		const b = pts[(i + 1) % n]!;
		s += Math.hypot(b[0] - a[0], b[1] - a[1]);
	}
	return s;
}

/** Integer bounding box of pixel points (width and height count pixels, as cv.boundingRect). */
export function boundingBox(pts: readonly Point[]): {
	x: number;
	y: number;
	width: number;
	height: number;
} {
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const [x, y] of pts) {
		if (x < x0) x0 = x;
		if (y < y0) y0 = y;
		if (x > x1) x1 = x;
		if (y > y1) y1 = y;
	}
	if (!pts.length) return { x: 0, y: 0, width: 0, height: 0 };
	return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Douglas–Peucker simplification of a closed curve, as OpenCV's `approxPolyDP(closed)`: the
 * first split is between a point and the point farthest from it (3 refinements), then
 * recursive splitting, then a clean-up pass dropping points on almost straight runs.
 */
export function approxPolyClosed(src: readonly Point[], epsilon: number): Point[] {
	const count = src.length;
	if (count === 0) return [];
	const eps = epsilon * epsilon;
	const dst: Point[] = [];
	const stack: [number, number][] = [];
	let pos = 0;
	let rightStart = 0;
	let startPt: Point = src[0]!;
	let le = false;
	for (let it = 0; it < 3; it++) {
		let maxDist = 0;
		pos = (pos + rightStart) % count;
		startPt = src[pos]!;
		pos = (pos + 1) % count;
		for (let j = 1; j < count; j++) {
			const pt = src[pos]!;
			pos = (pos + 1) % count;
			const dx = pt[0] - startPt[0];
			const dy = pt[1] - startPt[1];
			const d = dx * dx + dy * dy;
			if (d > maxDist) {
				maxDist = d;
				rightStart = j;
			}
		}
		le = maxDist <= eps;
	}
	if (!le) {
		const sliceStart = pos % count;
		const sliceEnd = (rightStart + sliceStart) % count;
		stack.push([sliceEnd, sliceStart]);
		stack.push([sliceStart, sliceEnd]);
	} else dst.push(startPt);
	while (stack.length) {
		const [s0, s1] = stack.pop()!;
		const endPt = src[s1]!;
		pos = s0;
		const start = src[pos]!;
		pos = (pos + 1) % count;
		let split = 0;
		if (pos !== s1) {
			const dx = endPt[0] - start[0];
			const dy = endPt[1] - start[1];
			let maxDist = 0;
			while (pos !== s1) {
				const pt = src[pos]!;
				pos = (pos + 1) % count;
				const d = Math.abs((pt[1] - start[1]) * dx - (pt[0] - start[0]) * dy);
				if (d > maxDist) {
					maxDist = d;
					split = (pos + count - 1) % count;
				}
			}
			le = maxDist * maxDist <= eps * (dx * dx + dy * dy);
		} else le = true;
		if (le) dst.push(start);
		else {
			stack.push([split, s1]);
			stack.push([s0, split]);
		}
	}
	// Clean-up: drop middle points of almost straight runs.
	const n0 = dst.length;
	let newCount = n0;
	let p = n0 - 1;
	let sPt = dst[p]!;
	p = (p + 1) % n0;
	let wpos = p;
	let pt = dst[p]!;
	p = (p + 1) % n0;
	for (let i = 0; i < n0 && newCount > 2; i++) {
		const ePt = dst[p]!;
		p = (p + 1) % n0;
		const dx = ePt[0] - sPt[0];
		const dy = ePt[1] - sPt[1];
		const d = Math.abs((pt[0] - sPt[0]) * dy - (pt[1] - sPt[1]) * dx);
		const inner = (pt[0] - sPt[0]) * (ePt[0] - pt[0]) + (pt[1] - sPt[1]) * (ePt[1] - pt[1]);
		if (d * d <= 0.5 * eps * (dx * dx + dy * dy) && dx !== 0 && dy !== 0 && inner >= 0) {
			newCount--;
			dst[wpos] = sPt = ePt;
			wpos = (wpos + 1) % n0;
			pt = dst[p]!;
			p = (p + 1) % n0;
			i++;
			continue;
		}
		dst[wpos] = sPt = pt;
		wpos = (wpos + 1) % n0;
		pt = ePt;
	}
	return dst.slice(0, newCount);
}

const cross = (o: Point, a: Point, b: Point) =>
	(a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull (monotone chain), collinear points dropped. */
export function convexHull(pts: readonly Point[]): Point[] {
	const s = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	if (s.length < 3) return s;
	const lower: Point[] = [];
	for (const p of s) {
		while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
			lower.pop();
		lower.push(p);
	}
	const upper: Point[] = [];
	for (let i = s.length - 1; i >= 0; i--) {
		const p = s[i]!;
		while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
			upper.pop();
		upper.push(p);
	}
	return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** All turns of the closed polygon go the same way (no zero-area reversal). */
export function isConvex(pts: readonly Point[]): boolean {
	const n = pts.length;
	let sign = 0;
	for (let i = 0; i < n; i++) {
		const c = cross(pts[i]!, pts[(i + 1) % n]!, pts[(i + 2) % n]!);
		if (c === 0) continue;
		const s = c > 0 ? 1 : -1;
		if (sign && s !== sign) return false;
		sign = s;
	}
	return sign !== 0;
}

/**
 * Minimum-area enclosing rectangle (rotating calipers over the hull edges): its 4 corners and
 * its side lengths.
 */
export function minAreaRect(pts: readonly Point[]): {
	corners: Point[];
	width: number;
	height: number;
} {
	const hull = convexHull(pts);
	if (hull.length < 3) {
		const b = boundingBox(hull);
		const c: Point[] = [
			[b.x, b.y],
			[b.x + b.width - 1, b.y],
			[b.x + b.width - 1, b.y + b.height - 1],
			[b.x, b.y + b.height - 1]
		];
		return { corners: c, width: b.width - 1, height: b.height - 1 };
	}
	let best = { area: Infinity, ux: 1, uy: 0, min0: 0, max0: 0, min1: 0, max1: 0 };
	for (let i = 0, n = hull.length; i < n; i++) {
		const a = hull[i]!;
		const b = hull[(i + 1) % n]!;
		const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
		if (len === 0) continue;
		const ux = (b[0] - a[0]) / len;
		const uy = (b[1] - a[1]) / len;
		let min0 = Infinity;
		let max0 = -Infinity;
		let min1 = Infinity;
		let max1 = -Infinity;
		for (const p of hull) {
			const s = p[0] * ux + p[1] * uy;
			const t = -p[0] * uy + p[1] * ux;
			if (s < min0) min0 = s;
			if (s > max0) max0 = s;
			if (t < min1) min1 = t;
			if (t > max1) max1 = t;
		}
		const area = (max0 - min0) * (max1 - min1);
		if (area < best.area) best = { area, ux, uy, min0, max0, min1, max1 };
	}
	const { ux, uy, min0, max0, min1, max1 } = best;
	const at = (s: number, t: number): Point => [s * ux - t * uy, s * uy + t * ux];
	return {
		corners: [at(min0, min1), at(max0, min1), at(max0, max1), at(min0, max1)],
		width: max0 - min0,
		height: max1 - min1
	};
}
