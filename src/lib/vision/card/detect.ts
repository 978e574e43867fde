import type { CV } from '../runtime/opencv.ts';
import {
	maxCornerSkew,
	orderQuad,
	quadArea,
	quadAspect,
	quadMotion,
	RECTIFIED,
	type Point,
	type Quad
} from './geometry.ts';
import type { FrameRect, Pixels } from './protocol.ts';
import type { CardMetrics } from './quality.ts';

type Mat = InstanceType<CV['Mat']>;

/** Detection runs on a copy with this long side: enough for edges, ~4× cheaper than 1280. */
const DETECT_LONG_SIDE = 640;

/**
 * Finds the largest card-shaped quad: Canny edges → external contours → approxPolyDP to 4
 * convex corners (or the min-area rectangle of a very rectangular contour, for rounded corners
 * that approximate to more points).
 */
export function findCardQuad(cv: CV, rgba: Mat): Quad | null {
	const scale = Math.min(1, DETECT_LONG_SIDE / Math.max(rgba.cols, rgba.rows));
	const small = new cv.Mat();
	const gray = new cv.Mat();
	const edges = new cv.Mat();
	const dilated = new cv.Mat();
	const kernel = cv.Mat.ones(3, 3, cv.CV_8U);
	const contours = new cv.MatVector();
	const hierarchy = new cv.Mat();
	try {
		cv.resize(
			rgba,
			small,
			new cv.Size(Math.round(rgba.cols * scale), Math.round(rgba.rows * scale)),
			0,
			0,
			cv.INTER_AREA
		);
		cv.cvtColor(small, gray, cv.COLOR_RGBA2GRAY);
		cv.GaussianBlur(gray, gray, new cv.Size(5, 5), 0);
		cv.Canny(gray, edges, 40, 120);
		const minArea = 0.05 * small.rows * small.cols;
		let best: Point[] | null = null;
		let bestArea = 0;
		// Pass 1: closed gaps, outer contours (a card on a plain table). Pass 2: raw edges, every
		// contour (a card whose edge touches clutter, which merges into one outer blob in pass 1).
		cv.dilate(edges, dilated, kernel);
		for (const pass of [1, 2]) {
			const mode = pass === 1 ? cv.RETR_EXTERNAL : cv.RETR_LIST;
			cv.findContours(
				pass === 1 ? dilated : edges,
				contours,
				hierarchy,
				mode,
				cv.CHAIN_APPROX_SIMPLE
			);
			for (let i = 0; i < contours.size(); i++) {
				const c = contours.get(i);
				const pts = quadOf(cv, c, minArea, dilated);
				c.delete();
				if (!pts) continue;
				const q = orderQuad(pts);
				const aspect = quadAspect(q);
				// ID-1 cards are 1.586:1; perspective keeps a held card within about 1.25–2.0.
				if (aspect < 1.25 || aspect > 2.0) continue;
				const area = quadArea(q);
				if (area > bestArea) {
					best = pts;
					bestArea = area;
				}
			}
			if (best) break;
		}
		return best ? orderQuad(best.map(([x, y]) => [x / scale, y / scale] as Point)) : null;
	} finally {
		for (const m of [small, gray, edges, dilated, kernel, hierarchy]) m.delete();
		contours.delete();
	}
}

function quadOf(cv: CV, contour: Mat, minArea: number, edges: Mat): Point[] | null {
	const bounds = cv.boundingRect(contour);
	if (bounds.width * bounds.height < minArea) return null; // cheap: most contours are specks
	const area = cv.contourArea(contour);
	if (area < minArea) return hullQuad(cv, contour, minArea, edges);
	const approx = new cv.Mat();
	try {
		cv.approxPolyDP(contour, approx, 0.02 * cv.arcLength(contour, true), true);
		if (approx.rows === 4 && cv.isContourConvex(approx)) {
			const d = approx.data32S;
			return [0, 1, 2, 3].map((i) => [d[2 * i] ?? 0, d[2 * i + 1] ?? 0] as Point);
		}
		const rect = cv.minAreaRect(contour);
		if (area / (rect.size.width * rect.size.height) >= 0.9)
			return cv.RotatedRect.points(rect).map((p) => [p.x, p.y] as Point);
		return hullQuad(cv, contour, minArea, edges);
	} finally {
		approx.delete();
	}
}

/**
 * A card whose edge meets clutter of its own colour (a dark-green card on leaves) has no edge
 * there: its outline is open, or merged with the clutter's, so neither test above holds. The
 * convex hull of such a contour is the card plus whatever clutter sticks out. Of the hull's
 * corners, take the 4 whose quad the edge map runs along best (clutter corners make sides that
 * cut across the background), if edges cover most of it.
 */
function hullQuad(cv: CV, contour: Mat, minArea: number, edges: Mat): Point[] | null {
	const hull = new cv.Mat();
	const approx = new cv.Mat();
	try {
		cv.convexHull(contour, hull, false, true);
		if (cv.contourArea(hull) < minArea) return null;
		const perimeter = cv.arcLength(hull, true);
		for (const eps of [0.01, 0.02, 0.035]) {
			cv.approxPolyDP(hull, approx, eps * perimeter, true);
			if (approx.rows <= MAX_HULL_CORNERS) break;
		}
		const n = approx.rows;
		if (n < 4 || n > MAX_HULL_CORNERS) return null;
		const d = approx.data32S;
		const corners = Array.from(
			{ length: n },
			(_, i) => [d[2 * i] ?? 0, d[2 * i + 1] ?? 0] as Point
		);
		const map = { data: edges.data, cols: edges.cols, rows: edges.rows };
		let best: { q: Point[]; support: number } | null = null;
		for (let a = 0; a < n; a++)
			for (let b = a + 1; b < n; b++)
				for (let c = b + 1; c < n; c++)
					for (let e = c + 1; e < n; e++) {
						const q = [corners[a]!, corners[b]!, corners[c]!, corners[e]!];
						const support = edgeSupport(map, q);
						if (!best || support > best.support) best = { q, support };
					}
		return best && best.support >= MIN_EDGE_SUPPORT ? best.q : null;
	} finally {
		hull.delete();
		approx.delete();
	}
}

/** Hull corners tried in 4-corner combinations (C(12, 4) = 495 quads). */
const MAX_HULL_CORNERS = 12;
/** Share of a hull quad's perimeter that must lie on (dilated) edges. */
const MIN_EDGE_SUPPORT = 0.85;

/** Fraction of points sampled every 2 px along the quad's sides that fall on an edge pixel. */
function edgeSupport(edges: { data: Uint8Array; cols: number; rows: number }, q: Point[]): number {
	let on = 0;
	let n = 0;
	for (let i = 0; i < 4; i++) {
		const [x0, y0] = q[i]!;
		const [x1, y1] = q[(i + 1) % 4]!;
		const steps = Math.max(1, Math.round(Math.hypot(x1 - x0, y1 - y0) / 2));
		for (let k = 0; k <= steps; k++) {
			const x = Math.round(x0 + ((x1 - x0) * k) / steps);
			const y = Math.round(y0 + ((y1 - y0) * k) / steps);
			n++;
			if (x >= 0 && y >= 0 && x < edges.cols && y < edges.rows && edges.data[y * edges.cols + x])
				on++;
		}
	}
	return n === 0 ? 0 : on / n;
}

/** Warps the card to the fixed 856×540 layout. Caller deletes the returned Mat. */
export function rectify(cv: CV, rgba: Mat, q: Quad): Mat {
	const { width: W, height: H } = RECTIFIED;
	const src = cv.matFromArray(4, 1, cv.CV_32FC2, q.flat());
	const dst = cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, W, 0, W, H, 0, H]);
	const m = cv.getPerspectiveTransform(src, dst);
	const out = new cv.Mat();
	try {
		cv.warpPerspective(rgba, out, m, new cv.Size(W, H), cv.INTER_LINEAR, cv.BORDER_REPLICATE);
		return out;
	} finally {
		src.delete();
		dst.delete();
		m.delete();
	}
}

/** Sharpness (variance of the Laplacian), glare fraction and mean luma of a rectified card. */
export function cardQuality(cv: CV, card: Mat): { sharpness: number; glare: number; luma: number } {
	const gray = new cv.Mat();
	const lap = new cv.Mat();
	const mean = new cv.Mat();
	const std = new cv.Mat();
	const bright = new cv.Mat();
	try {
		cv.cvtColor(card, gray, cv.COLOR_RGBA2GRAY);
		cv.Laplacian(gray, lap, cv.CV_64F);
		cv.meanStdDev(lap, mean, std);
		const sd = std.doubleAt(0, 0);
		cv.threshold(gray, bright, 249, 255, cv.THRESH_BINARY);
		return {
			sharpness: sd * sd,
			glare: cv.countNonZero(bright) / (gray.rows * gray.cols),
			luma: cv.mean(gray)[0] ?? 0
		};
	} finally {
		for (const m of [gray, lap, mean, std, bright]) m.delete();
	}
}

/** Everything the guidance needs for one frame, plus the rectified card when asked. */
export function analyseFrame(
	cv: CV,
	pixels: Pixels,
	guide: FrameRect,
	prev: Quad | null,
	wantRectified: boolean
): { metrics: CardMetrics; rectified: Pixels | null } {
	const { width, height } = pixels;
	const rgba = cv.matFromImageData({ width, height, data: pixels.data } as ImageData);
	try {
		const quad = findCardQuad(cv, rgba);
		if (!quad) {
			return {
				metrics: {
					quad,
					frameWidth: width,
					frameHeight: height,
					fill: 0,
					touchesEdge: false,
					skew: 0,
					aspect: 0,
					sharpness: 0,
					glare: 0,
					luma: frameLuma(cv, rgba),
					motion: 0
				},
				rectified: null
			};
		}
		const card = rectify(cv, rgba, quad);
		try {
			const margin = 0.005 * Math.max(width, height);
			const metrics: CardMetrics = {
				quad,
				frameWidth: width,
				frameHeight: height,
				fill: quadArea(quad) / (guide.w * width * guide.h * height),
				touchesEdge: quad.some(
					([x, y]) => x < margin || y < margin || x > width - margin || y > height - margin
				),
				skew: maxCornerSkew(quad),
				aspect: quadAspect(quad),
				motion: prev ? quadMotion(prev, quad) : 0,
				...cardQuality(cv, card)
			};
			const rectified = wantRectified
				? { width: card.cols, height: card.rows, data: new Uint8ClampedArray(card.data) }
				: null;
			return { metrics, rectified };
		} finally {
			card.delete();
		}
	} finally {
		rgba.delete();
	}
}

function frameLuma(cv: CV, rgba: Mat): number {
	const gray = new cv.Mat();
	try {
		cv.cvtColor(rgba, gray, cv.COLOR_RGBA2GRAY);
		return cv.mean(gray)[0] ?? 0;
	} finally {
		gray.delete();
	}
}
