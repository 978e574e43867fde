/** Card geometry: pure functions over quads in pixel coordinates (no opencv). */

export type Point = [x: number, y: number];
/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

/** ID-1 cards (ID card, bank card) are 85.60 × 54.00 mm (GA 448-2013, ISO/IEC 7810). */
export const CARD_ASPECT = 85.6 / 54;
/** Rectified card size: 10 px per mm, the layout unit of the field regions. */
export const RECTIFIED = { width: 856, height: 540 } as const;

/**
 * Orders four points as TL, TR, BR, BL and makes the long side horizontal, so a card held in
 * portrait orientation still rectifies upright-ish (the OCR checks the 180° case).
 */
export function orderQuad(points: readonly Point[]): Quad {
	if (points.length !== 4) throw new Error('a quad needs 4 points');
	const cx = points.reduce((s, p) => s + p[0], 0) / 4;
	const cy = points.reduce((s, p) => s + p[1], 0) / 4;
	// Sort by angle around the centre, starting from the top-left quadrant, clockwise on screen.
	const sorted = [...points].sort(
		(a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx)
	);
	// atan2 order starts near -π (left); rotate so the point with the smallest x+y comes first.
	let start = 0;
	sorted.forEach((p, i) => {
		const s = sorted[start] as Point;
		if (p[0] + p[1] < s[0] + s[1]) start = i;
	});
	const q = [0, 1, 2, 3].map((i) => sorted[(start + i) % 4] as Point) as Quad;
	const top = dist(q[0], q[1]);
	const side = dist(q[1], q[2]);
	// Portrait: rotate so the long edge becomes the top edge.
	return side > top ? [q[3], q[0], q[1], q[2]] : q;
}

export function dist(a: Point, b: Point): number {
	return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Shoelace area. */
export function quadArea(q: Quad): number {
	let s = 0;
	for (let i = 0; i < 4; i++) {
		const a = q[i] as Point;
		const b = q[(i + 1) % 4] as Point;
		s += a[0] * b[1] - b[0] * a[1];
	}
	return Math.abs(s) / 2;
}

/** Largest deviation of a corner angle from 90°, in degrees (0 for a card held flat and square). */
export function maxCornerSkew(q: Quad): number {
	let worst = 0;
	for (let i = 0; i < 4; i++) {
		const p = q[i] as Point;
		const a = q[(i + 3) % 4] as Point;
		const b = q[(i + 1) % 4] as Point;
		const v1: Point = [a[0] - p[0], a[1] - p[1]];
		const v2: Point = [b[0] - p[0], b[1] - p[1]];
		const cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (Math.hypot(...v1) * Math.hypot(...v2));
		worst = Math.max(
			worst,
			Math.abs((Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI - 90)
		);
	}
	return worst;
}

/** Long side over short side, averaged over opposite edges. */
export function quadAspect(q: Quad): number {
	const w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
	const h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
	return Math.max(w, h) / Math.max(1e-9, Math.min(w, h));
}

/** Mean corner displacement between two quads, in pixels (how much the card moved). */
export function quadMotion(a: Quad, b: Quad): number {
	return a.reduce((s, p, i) => s + dist(p, b[i] as Point), 0) / 4;
}
