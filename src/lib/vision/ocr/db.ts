/**
 * DB (differentiable binarisation) post-process for the PP-OCRv4 detector, after PaddleOCR's
 * `DBPostProcess`: threshold the probability map, take connected components, fit a minimum-area
 * rectangle to each, keep those whose mean probability is high enough, and grow ("unclip") each
 * rectangle by `area × ratio / perimeter` to undo the shrink the model was trained with.
 */
import { minAreaRect, rectCorners } from './geometry.ts';
import type { Point, Quad } from './image.ts';

export interface DbOptions {
	/** Pixel probability threshold for the binary map. */
	threshold: number;
	/**
	 * Minimum mean probability inside a box. PaddleOCR's default is 0.6; at 0.6 the detector lost
	 * the sparse one-character 民族 value 汉 on a clean dev-set card (box mean ≈ 0.55), so 0.5.
	 * The noise this lets in is removed by the size filter and the recogniser's score.
	 */
	boxThreshold: number;
	/** Unclip ratio. */
	unclipRatio: number;
	/** Boxes with a shorter side (in map pixels) are dropped. */
	minSize: number;
	/** At most this many boxes (largest components win). */
	maxCandidates: number;
}

export const DB_DEFAULTS: Readonly<DbOptions> = Object.freeze({
	threshold: 0.3,
	boxThreshold: 0.5,
	unclipRatio: 1.5,
	minSize: 3,
	maxCandidates: 1000
});

/** One detected text box in map coordinates with its mean probability. */
export interface DbBox {
	quad: Quad;
	score: number;
}

/** Labels 8-connected components of `prob > threshold`; returns the pixel indices per component. */
export function components(
	prob: Float32Array,
	width: number,
	height: number,
	threshold: number
): Int32Array[] {
	const label = new Int32Array(width * height);
	const stack = new Int32Array(width * height);
	const out: Int32Array[] = [];
	let next = 1;
	for (let start = 0; start < prob.length; start++) {
		if (label[start] !== 0 || !((prob[start] ?? 0) > threshold)) continue;
		let top = 0;
		let n = 0;
		const members: number[] = [];
		stack[top++] = start;
		label[start] = next;
		while (top > 0) {
			const i = stack[--top]!;
			members.push(i);
			n++;
			const x = i % width;
			const y = (i - x) / width;
			for (let dy = -1; dy <= 1; dy++) {
				const yy = y + dy;
				if (yy < 0 || yy >= height) continue;
				for (let dx = -1; dx <= 1; dx++) {
					const xx = x + dx;
					if (xx < 0 || xx >= width) continue;
					const j = yy * width + xx;
					if (label[j] === 0 && (prob[j] ?? 0) > threshold) {
						label[j] = next;
						stack[top++] = j;
					}
				}
			}
		}
		if (n > 0) out.push(Int32Array.from(members));
		next++;
	}
	return out;
}

/** Outline points of a component: the four corners of each pixel on its boundary rows/columns. */
function outline(members: Int32Array, width: number): Point[] {
	// Extreme x per row is enough for the convex hull.
	const rows = new Map<number, [number, number]>();
	for (const i of members) {
		const x = i % width;
		const y = (i - x) / width;
		const r = rows.get(y);
		if (!r) rows.set(y, [x, x]);
		else {
			if (x < r[0]) r[0] = x;
			if (x > r[1]) r[1] = x;
		}
	}
	const pts: Point[] = [];
	for (const [y, [x0, x1]] of rows) {
		pts.push([x0, y], [x0, y + 1], [x1 + 1, y], [x1 + 1, y + 1]);
	}
	return pts;
}

/** Mean probability inside a quad (convex polygon test over its bounding box). */
export function quadMean(prob: Float32Array, width: number, height: number, q: Quad): number {
	const xs = q.map((p) => p[0]);
	const ys = q.map((p) => p[1]);
	const x0 = Math.max(0, Math.floor(Math.min(...xs)));
	const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
	const y0 = Math.max(0, Math.floor(Math.min(...ys)));
	const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
	let sum = 0;
	let n = 0;
	for (let y = y0; y <= y1; y++) {
		for (let x = x0; x <= x1; x++) {
			const px = x + 0.5;
			const py = y + 0.5;
			let inside = true;
			for (let k = 0; k < 4 && inside; k++) {
				const a = q[k]!;
				const b = q[(k + 1) % 4]!;
				if ((b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]) < 0) inside = false;
			}
			if (inside) {
				sum += prob[y * width + x] ?? 0;
				n++;
			}
		}
	}
	return n === 0 ? 0 : sum / n;
}

/** Boxes from a probability map (`width × height`), in map pixel coordinates. */
export function dbBoxes(
	prob: Float32Array,
	width: number,
	height: number,
	opts: Partial<DbOptions> = {}
): DbBox[] {
	const o = { ...DB_DEFAULTS, ...opts };
	const comps = components(prob, width, height, o.threshold)
		.sort((a, b) => b.length - a.length)
		.slice(0, o.maxCandidates);
	const boxes: DbBox[] = [];
	for (const members of comps) {
		const rect = minAreaRect(outline(members, width));
		if (Math.min(rect.width, rect.height) < o.minSize) continue;
		const score = quadMean(prob, width, height, rectCorners(rect));
		if (score < o.boxThreshold) continue;
		const area = rect.width * rect.height;
		const d = (area * o.unclipRatio) / (2 * (rect.width + rect.height));
		const grown = { ...rect, width: rect.width + 2 * d, height: rect.height + 2 * d };
		if (Math.min(grown.width, grown.height) < o.minSize + 2) continue;
		boxes.push({ quad: clampQuad(rectCorners(grown), width, height), score });
	}
	return sortReadingOrder(boxes);
}

/** Sorts top-to-bottom, then left-to-right within a line (PaddleOCR's 10-px rule, scaled). */
export function sortReadingOrder<T extends { quad: Quad }>(boxes: T[]): T[] {
	const sorted = [...boxes].sort(
		(a, b) => a.quad[0][1] - b.quad[0][1] || a.quad[0][0] - b.quad[0][0]
	);
	for (let i = 0; i < sorted.length - 1; i++) {
		for (let j = i; j >= 0; j--) {
			const a = sorted[j]!;
			const b = sorted[j + 1]!;
			if (Math.abs(b.quad[0][1] - a.quad[0][1]) < 10 && b.quad[0][0] < a.quad[0][0]) {
				sorted[j] = b;
				sorted[j + 1] = a;
			} else break;
		}
	}
	return sorted;
}

/** Keeps corners inside the map (unclipping can push a box past the border), as PaddleOCR does. */
function clampQuad(q: Quad, width: number, height: number): Quad {
	const c = (v: number, max: number) => Math.min(Math.max(v, 0), max);
	return q.map(([x, y]) => [c(x, width), c(y, height)] as Point) as unknown as Quad;
}

/** Scales a quad from map coordinates to image coordinates. */
export function scaleQuad(q: Quad, sx: number, sy: number): Quad {
	return q.map(([x, y]) => [x * sx, y * sy] as Point) as unknown as Quad;
}
