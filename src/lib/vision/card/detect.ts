import { gaussianBlur5 } from './imgproc/blur.ts';
import { canny } from './imgproc/canny.ts';
import { findContours } from './imgproc/contours.ts';
import { rgbaToGray, resizeArea, shrink2Gray, type Plane } from './imgproc/gray.ts';
import { dilate3 } from './imgproc/morphology.ts';
import { warpQuad } from './imgproc/perspective.ts';
import {
	approxPolyClosed,
	boundingBox,
	convexHull,
	isConvex,
	minAreaRect,
	perimeter,
	polygonArea
} from './imgproc/polygon.ts';
import { fractionAbove, laplacianVariance, mean } from './imgproc/stats.ts';
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
import type { FrameRect, Pixels } from './frame.ts';
import type { CardMetrics } from './quality.ts';

/** Detection runs on a copy with this long side: enough for edges, ~4× cheaper than 1280. */
const DETECT_LONG_SIDE = 640;

/**
 * Finds the largest card-shaped quad: Canny edges → external contours → approxPolyDP to 4
 * convex corners (or the min-area rectangle of a very rectangular contour, for rounded corners
 * that approximate to more points).
 */
export function findCardQuad(rgba: Pixels): Quad | null {
	const scale = Math.min(1, DETECT_LONG_SIDE / Math.max(rgba.width, rgba.height));
	const sw = Math.round(rgba.width * scale);
	const sh = Math.round(rgba.height * scale);
	const gray = detectionGray(rgba, sw, sh);
	const blurred = gaussianBlur5(gray, buffer('blur', sw * sh), buffer16('blur-rows', sw * sh));
	const edges = canny(blurred, 40, 120, buffer('edges', sw * sh));
	const minArea = 0.05 * sw * sh;
	let best: Point[] | null = null;
	let bestArea = 0;
	// Pass 1: closed gaps, outer contours (a card on a plain table). Pass 2: raw edges, every
	// contour (a card whose edge touches clutter, which merges into one outer blob in pass 1).
	const dilated = dilate3(edges, buffer('dilated', sw * sh), buffer('dilate-rows', sw * sh));
	for (const pass of [1, 2]) {
		const contours = findContours(pass === 1 ? dilated : edges, pass === 1 ? 'external' : 'list');
		for (const c of contours) {
			const pts = quadOf(c, minArea, dilated);
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
}

/** The frame in grey at detection size (1280×720 halves in one fused pass). */
function detectionGray(rgba: Pixels, sw: number, sh: number): Plane {
	const out = buffer('gray', sw * sh);
	if (sw === rgba.width && sh === rgba.height) return rgbaToGray(rgba.data, sw, sh, out);
	if (sw * 2 === rgba.width && sh * 2 === rgba.height) {
		const g = shrink2Gray(rgba.data, rgba.width, rgba.height, out);
		if (g) return g;
	}
	const small = resizeArea(
		rgba.data,
		rgba.width,
		rgba.height,
		4,
		sw,
		sh,
		buffer('small', sw * sh * 4)
	);
	return rgbaToGray(small, sw, sh, out);
}

/** Per-size scratch planes, reused from frame to frame (the worker analyses one frame at a time). */
const scratch = new Map<string, Uint8Array>();
function buffer(name: string, size: number): Uint8Array {
	let b = scratch.get(name);
	if (!b || b.length !== size) scratch.set(name, (b = new Uint8Array(size)));
	return b;
}

const scratch16 = new Map<string, Uint16Array>();
function buffer16(name: string, size: number): Uint16Array {
	let b = scratch16.get(name);
	if (!b || b.length !== size) scratch16.set(name, (b = new Uint16Array(size)));
	return b;
}

function quadOf(contour: Point[], minArea: number, edges: Plane): Point[] | null {
	const bounds = boundingBox(contour);
	if (bounds.width * bounds.height < minArea) return null; // cheap: most contours are specks
	const area = polygonArea(contour);
	if (area < minArea) return hullQuad(contour, minArea, edges);
	const approx = approxPolyClosed(contour, 0.02 * perimeter(contour));
	if (approx.length === 4 && isConvex(approx)) return approx;
	const rect = minAreaRect(contour);
	if (area / (rect.width * rect.height) >= 0.9) return rect.corners;
	return hullQuad(contour, minArea, edges);
}

/**
 * A card whose edge meets clutter of its own colour (a dark-green card on leaves) has no edge
 * there: its outline is open, or merged with the clutter's, so neither test above holds. The
 * convex hull of such a contour is the card plus whatever clutter sticks out. Of the hull's
 * corners, take the 4 whose quad the edge map runs along best (clutter corners make sides that
 * cut across the background), if edges cover most of it.
 */
function hullQuad(contour: Point[], minArea: number, edges: Plane): Point[] | null {
	const hull = convexHull(contour);
	if (polygonArea(hull) < minArea) return null;
	const length = perimeter(hull);
	let corners: Point[] = [];
	for (const eps of [0.01, 0.02, 0.035]) {
		corners = approxPolyClosed(hull, eps * length);
		if (corners.length <= MAX_HULL_CORNERS) break;
	}
	const n = corners.length;
	if (n < 4 || n > MAX_HULL_CORNERS) return null;
	{
		const map = { data: edges.data, cols: edges.width, rows: edges.height };
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

/** Warps the card to the fixed 856×540 layout. */
export function rectify(rgba: Pixels, q: Quad): Pixels {
	const { width: W, height: H } = RECTIFIED;
	return { width: W, height: H, data: warpQuad(rgba.data, rgba.width, rgba.height, q, W, H) };
}

/** Sharpness (variance of the Laplacian), glare fraction and mean luma of a rectified card. */
export function cardQuality(card: Pixels): { sharpness: number; glare: number; luma: number } {
	const gray = rgbaToGray(
		card.data,
		card.width,
		card.height,
		buffer('card-gray', card.width * card.height)
	);
	return { sharpness: laplacianVariance(gray), glare: fractionAbove(gray, 249), luma: mean(gray) };
}

/** Everything the guidance needs for one frame, plus the rectified card when asked. */
export function analyseFrame(
	pixels: Pixels,
	guide: FrameRect,
	prev: Quad | null,
	wantRectified: boolean
): { metrics: CardMetrics; rectified: Pixels | null } {
	const { width, height } = pixels;
	const quad = findCardQuad(pixels);
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
				luma: mean(rgbaToGray(pixels.data, width, height, buffer('frame-gray', width * height))),
				motion: 0
			},
			rectified: null
		};
	}
	const card = rectify(pixels, quad);
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
		...cardQuality(card)
	};
	return { metrics, rectified: wantRectified ? card : null };
}
