/**
 * Face detection on the server: BlazeFace (converted to ONNX by the model pipeline) on
 * onnxruntime-node. Finds faces with 6 keypoints in an uploaded photo and derives the 5 ArcFace
 * alignment points the embedding needs (mouth corners from the mouth centre and the eye line, in
 * the template's proportions).
 */
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { FivePoints, Point, RgbaImage } from '../../src/lib/vision/face/align.ts';

export const DETECTOR_MODEL_FILE = resolve(
	import.meta.dirname,
	'../../static/models/server/blazeface.onnx'
);
const SIZE = 256;
/** Mouth width / eye distance in the ArcFace template (29.18 / 35.24), halved. */
const MOUTH_HALF = 0.414;

export interface DetectedFace {
	/** Box in image pixels. */
	box: { x: number; y: number; w: number; h: number };
	/** Detector confidence 0…1. */
	score: number;
	/** Eyes (image left, image right), nose tip, mouth centre, ears — image pixels. */
	keypoints: Point[];
	five: FivePoints;
}

/** Anchor centres in input pixels: 16×16 grid × 2 (stride 16), then 8×8 × 6 (stride 32). */
function anchors(): Point[] {
	const out: Point[] = [];
	for (const [stride, per] of [
		[16, 2],
		[32, 6]
	] as const) {
		const n = SIZE / stride;
		for (let y = 0; y < n; y++)
			for (let x = 0; x < n; x++)
				for (let k = 0; k < per; k++) out.push([stride * (x + 0.5), stride * (y + 0.5)]);
	}
	return out;
}
const ANCHORS = anchors();

/** Letterboxes the image into a 256×256 NHWC tensor in −1…1 (bilinear); returns the mapping. */
function toInput(image: RgbaImage): { data: Float32Array; scale: number; dx: number; dy: number } {
	const scale = SIZE / Math.max(image.width, image.height);
	const dx = (SIZE - image.width * scale) / 2;
	const dy = (SIZE - image.height * scale) / 2;
	const data = new Float32Array(SIZE * SIZE * 3).fill(-1);
	for (let y = 0; y < SIZE; y++) {
		const sy = (y + 0.5 - dy) / scale - 0.5;
		if (sy < -0.5 || sy > image.height - 0.5) continue;
		const y0 = Math.max(0, Math.floor(sy));
		const y1 = Math.min(image.height - 1, y0 + 1);
		const fy = Math.min(1, Math.max(0, sy - y0));
		for (let x = 0; x < SIZE; x++) {
			const sx = (x + 0.5 - dx) / scale - 0.5;
			if (sx < -0.5 || sx > image.width - 0.5) continue;
			const x0 = Math.max(0, Math.floor(sx));
			const x1 = Math.min(image.width - 1, x0 + 1);
			const fx = Math.min(1, Math.max(0, sx - x0));
			for (let c = 0; c < 3; c++) {
				const p = (yy: number, xx: number) => image.data[(yy * image.width + xx) * 4 + c]!;
				const v =
					(p(y0, x0) * (1 - fx) + p(y0, x1) * fx) * (1 - fy) +
					(p(y1, x0) * (1 - fx) + p(y1, x1) * fx) * fy;
				data[(y * SIZE + x) * 3 + c] = v / 127.5 - 1;
			}
		}
	}
	return { data, scale, dx, dy };
}

function iou(a: DetectedFace['box'], b: DetectedFace['box']): number {
	const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
	const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
	const inter = ix * iy;
	return inter / (a.w * a.h + b.w * b.h - inter || 1);
}

/** The 5 alignment points from BlazeFace's keypoints. */
export function fivePoints(kp: readonly Point[]): FivePoints {
	const [e0, e1, nose, mouth] = kp as [Point, Point, Point, Point];
	const [left, right] = e0[0] <= e1[0] ? [e0, e1] : [e1, e0];
	const vx = (right[0] - left[0]) * MOUTH_HALF;
	const vy = (right[1] - left[1]) * MOUTH_HALF;
	return [left, right, nose, [mouth[0] - vx, mouth[1] - vy], [mouth[0] + vx, mouth[1] + vy]];
}

/** One onnxruntime-node session; runs are serialised. */
export class FaceDetector {
	#queue: Promise<unknown> = Promise.resolve();

	private constructor(private readonly session: ort.InferenceSession) {}

	static async open(file = DETECTOR_MODEL_FILE): Promise<FaceDetector> {
		return new FaceDetector(await ort.InferenceSession.create(file, { intraOpNumThreads: 1 }));
	}

	/** Faces with confidence ≥ `minScore`, best first (non-maximum suppression at IoU 0.3). */
	detect(image: RgbaImage, minScore = 0.5): Promise<DetectedFace[]> {
		const next = this.#queue.then(() => this.#detect(image, minScore));
		this.#queue = next.catch(() => undefined);
		return next;
	}

	async #detect(image: RgbaImage, minScore: number): Promise<DetectedFace[]> {
		const { data, scale, dx, dy } = toInput(image);
		const out = await this.session.run({
			input: new ort.Tensor('float32', data, [1, SIZE, SIZE, 3])
		});
		const scores = [out['scores_16']!.data, out['scores_8']!.data] as Float32Array[];
		const boxes = [out['boxes_16']!.data, out['boxes_8']!.data] as Float32Array[];
		const toImage = (x: number, y: number): Point => [(x - dx) / scale, (y - dy) / scale];
		const found: DetectedFace[] = [];
		let i = 0;
		for (let head = 0; head < 2; head++) {
			const s = scores[head]!;
			const r = boxes[head]!;
			for (let j = 0; j < s.length; j++, i++) {
				const score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, s[j]!))));
				if (score < minScore) continue;
				const [ax, ay] = ANCHORS[i]!;
				const o = j * 16;
				const [cx, cy] = toImage(ax + r[o]!, ay + r[o + 1]!);
				const w = r[o + 2]! / scale;
				const h = r[o + 3]! / scale;
				const keypoints: Point[] = [];
				for (let k = 0; k < 6; k++)
					keypoints.push(toImage(ax + r[o + 4 + k * 2]!, ay + r[o + 5 + k * 2]!));
				found.push({
					box: { x: cx - w / 2, y: cy - h / 2, w, h },
					score,
					keypoints,
					five: fivePoints(keypoints)
				});
			}
		}
		found.sort((a, b) => b.score - a.score);
		const kept: DetectedFace[] = [];
		for (const f of found) if (kept.every((k) => iou(k.box, f.box) < 0.3)) kept.push(f);
		return kept;
	}

	close(): Promise<void> {
		return this.session.release();
	}
}
