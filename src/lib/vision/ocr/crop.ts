/**
 * Cuts a text line out of the image: the quad is warped (perspective) straight to the
 * recognition height, so a slanted or slightly rotated line becomes one horizontal strip. The
 * line's end is padded (`padEnd`): the recogniser drops a last character that touches the
 * strip's end, and a line running to the card's edge gets paper-coloured margin, not smeared
 * border pixels. The padding stops at the next box on the same row (`endRoom`), and the start is
 * not padded: a label just left of a value would leak into it (cards2: 姓名钱 + 钱媽琳).
 */
import { dist, homography } from './geometry.ts';
import { sampleInto, type Point, type Quad, type RgbaImage } from './image.ts';
import { REC_HEIGHT } from './preprocess.ts';

export interface CropOptions {
	/** Output height (the recogniser's 48). */
	height: number;
	/** Widest strip; longer lines are squeezed (the model still reads them). */
	maxWidth: number;
	/** Narrowest strip. PaddleOCR pads to 320 px; we skip that: it only costs time. */
	minWidth: number;
	/**
	 * Margin added before the line's start and after its end, in line heights. DB boxes end
	 * right at the last stroke; PP-OCRv4's recogniser was trained on crops with some margin and,
	 * without it, drops a final digit (cards2 dev: 6 of 20 ID numbers read 17 digits unpadded).
	 */
	padStart: number;
	padEnd: number;
}

/** Default end padding, in line heights. */
export const PAD_END = 0.3;

const DEFAULTS: CropOptions = {
	height: REC_HEIGHT,
	maxWidth: 1600,
	minWidth: 16,
	padStart: 0,
	padEnd: PAD_END
};

/**
 * The quad lengthened along its reading direction by `start` line heights before and `end` after
 * (the box's height at that end). Corners may leave the image; `cropQuad` fills those samples.
 */
export function padQuadEnds(q: Quad, start: number, end = start): Quad {
	if (start <= 0 && end <= 0) return q;
	const [tl, tr, br, bl] = q;
	const grow = (from: Point, to: Point, by: number): Point => {
		const len = dist(from, to) || 1;
		return [to[0] + ((to[0] - from[0]) / len) * by, to[1] + ((to[1] - from[1]) / len) * by];
	};
	const hl = dist(tl, bl) * start;
	const hr = dist(tr, br) * end;
	return [grow(tr, tl, hl), grow(tl, tr, hr), grow(bl, br, hr), grow(br, bl, hl)];
}

/** Width of the strip for a quad at the given height (`ceil(height · w / h)`, clamped). */
export function stripWidth(q: Quad, opts: Partial<CropOptions> = {}): number {
	const o = { ...DEFAULTS, ...opts };
	const w = Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
	const h = Math.max(dist(q[0], q[3]), dist(q[1], q[2]), 1);
	return Math.min(o.maxWidth, Math.max(o.minWidth, Math.ceil((o.height * w) / h)));
}

/**
 * Perspective-warps the quad, padded by `padStart`/`padEnd`, into a `stripWidth × height` RGBA
 * strip. Samples outside the image take the strip's paper colour (its brighter half's mean).
 */
export function cropQuad(img: RgbaImage, line: Quad, opts: Partial<CropOptions> = {}): RgbaImage {
	const o = { ...DEFAULTS, ...opts };
	const q = padQuadEnds(line, o.padStart, o.padEnd);
	const width = stripWidth(q, o);
	const height = o.height;
	const dst: Quad = [
		[0, 0],
		[width, 0],
		[width, height],
		[0, height]
	];
	const h = homography(dst, q);
	const out = new Uint8ClampedArray(width * height * 4);
	const xs = new Float32Array(width);
	const ys = new Float32Array(width);
	const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number,
		number
	];
	const outside: number[] = [];
	for (let y = 0; y < height; y++) {
		const py = y + 0.5;
		for (let x = 0; x < width; x++) {
			const px = x + 0.5;
			const w = h6 * px + h7 * py + h8;
			xs[x] = (h0 * px + h1 * py + h2) / w;
			ys[x] = (h3 * px + h4 * py + h5) / w;
			if (xs[x]! < 0 || ys[x]! < 0 || xs[x]! > img.width || ys[x]! > img.height)
				outside.push(y * width + x);
		}
		sampleInto(img, xs, ys, out.subarray(y * width * 4, (y + 1) * width * 4));
	}
	if (outside.length) fillWithPaper(out, outside);
	return { width, height, data: out };
}

/** Sets the listed pixels to the mean colour of the strip's brighter half (text is darker). */
function fillWithPaper(px: Uint8ClampedArray, outside: number[]): void {
	const n = px.length / 4;
	const skip = new Uint8Array(n);
	for (const i of outside) skip[i] = 1;
	const lum = new Float32Array(n);
	let sum = 0;
	let count = 0;
	for (let i = 0; i < n; i++) {
		if (skip[i]) continue;
		lum[i] = px[i * 4]! + px[i * 4 + 1]! + px[i * 4 + 2]!;
		sum += lum[i]!;
		count++;
	}
	if (count === 0) return;
	const mean = sum / count;
	const paper = [0, 0, 0];
	let k = 0;
	for (let i = 0; i < n; i++) {
		if (skip[i] || lum[i]! < mean) continue;
		for (let c = 0; c < 3; c++) paper[c]! += px[i * 4 + c]!;
		k++;
	}
	for (const i of outside) for (let c = 0; c < 3; c++) px[i * 4 + c] = paper[c]! / Math.max(k, 1);
}

/** Axis-aligned bounding box `[x, y, w, h]` of a quad, rounded to whole pixels. */
export function quadBox(q: Quad): [x: number, y: number, w: number, h: number] {
	const xs = q.map((p: Point) => p[0]);
	const ys = q.map((p: Point) => p[1]);
	const x = Math.round(Math.min(...xs));
	const y = Math.round(Math.min(...ys));
	return [x, y, Math.round(Math.max(...xs)) - x, Math.round(Math.max(...ys)) - y];
}

/**
 * How far (in line heights, at most `max`) each quad's end may be padded without reaching into
 * the next box on its row: a label box DB drew up to its value's first character gets none.
 */
export function endRoom(quads: readonly Quad[], max: number): number[] {
	const boxes = quads.map(quadBox);
	return boxes.map(([x, y, w, h], i) => {
		let room = max * h;
		boxes.forEach(([xj, yj, , hj], j) => {
			const overlap = Math.min(y + h, yj + hj) - Math.max(y, yj);
			if (j === i || overlap < 0.5 * Math.min(h, hj) || xj <= x) return;
			room = Math.min(room, Math.max(0, xj - (x + w)));
		});
		return h > 0 ? room / h : 0;
	});
}
