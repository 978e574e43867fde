/**
 * The OCR pipeline on onnxruntime-web: detection → DB boxes → line strips → batched recognition →
 * CTC decode. Worker-safe (no DOM); the pure steps live in their own modules with golden tests.
 */
import {
	configureOrt,
	floatTensor,
	loadSession,
	runSession,
	type Session
} from '../runtime/ort.ts';
import { cropQuad, endRoom, PAD_END, quadBox } from './crop.ts';
import { ctcGreedy, parseKeys } from './ctc.ts';
import { dbBoxes, scaleQuad } from './db.ts';
import { dist } from './geometry.ts';
import type { RgbaImage } from './image.ts';
import { OCR_MODELS } from './models.ts';
import { prepareDet, recBatchData, REC_HEIGHT } from './preprocess.ts';
import type { OcrLine, OcrTimings } from './protocol.ts';

interface Models {
	det: Session;
	rec: Session;
	keys: string[];
}

let models: Promise<Models> | undefined;

/** Loads keys and both sessions once; a failure is forgotten so the next call retries. */
export function loadOcrModels(): Promise<Models> {
	if (models) return models;
	configureOrt();
	const p = (async () => {
		const [det, rec, keysText] = await Promise.all([
			loadSession(OCR_MODELS.det),
			loadSession(OCR_MODELS.rec),
			fetch(OCR_MODELS.keys).then((r) => {
				if (!r.ok) throw new Error(`keys: HTTP ${r.status}`);
				return r.text();
			})
		]);
		return { det, rec, keys: parseKeys(keysText) };
	})();
	models = p;
	p.catch(() => (models = undefined));
	return p;
}

/**
 * Runs each model once on a tiny input so the first real card does not pay for the WASM
 * allocations and kernel set-up of a first run.
 */
export async function primeOcr(): Promise<void> {
	const m = await loadOcrModels();
	const det = floatTensor(new Float32Array(3 * 64 * 64), [1, 3, 64, 64]);
	await runSession(m.det, { [m.det.inputNames[0]!]: det });
	const rec = floatTensor(new Float32Array(3 * REC_HEIGHT * 96), [1, 3, REC_HEIGHT, 96]);
	await runSession(m.rec, { [m.rec.inputNames[0]!]: rec });
}

export interface RecogniseOptions {
	/**
	 * Long side of the detection input (multiple of 32). Default 480: card text is 22–44 px high
	 * on the 856×540 rectified card, still ≥ 12 px at 480 (DB finds lines from about 8 px), and
	 * detection costs about 0.55× of 640 (dev set: same field accuracy at 480 as at 640).
	 * Recognition always crops from the full-resolution card.
	 */
	detMaxSide?: number;
	/** Lines scoring below this are dropped as noise. */
	minScore?: number;
	/**
	 * Boxes lower than this (rectified-card px) are not recognised: the smallest text printed on
	 * a card is ≈ 22 px high at 856×540, so anything under 16 px is a speck, not a line.
	 */
	minBoxHeight?: number;
}

/** Default detection input long side for a rectified card (see `RecogniseOptions`). */
export const DET_MAX_SIDE = 480;

/** Strips whose widths differ by at most this factor share one padded batch. */
const BATCH_WIDTH_RATIO = 1.25;

/** Runs detection and recognition on one image. */
export async function recognise(
	img: RgbaImage,
	opts: RecogniseOptions = {}
): Promise<{ lines: OcrLine[]; timings: OcrTimings }> {
	const t0 = performance.now();
	const m = await loadOcrModels();
	const t1 = performance.now();

	const det = prepareDet(img, opts.detMaxSide ?? DET_MAX_SIDE);
	const detIn = floatTensor(det.data, [1, 3, det.height, det.width]);
	const detOut = await runSession(m.det, { [m.det.inputNames[0]!]: detIn });
	const map = detOut[m.det.outputNames[0]!]!;
	const boxes = dbBoxes(map.data as Float32Array, det.width, det.height);
	const sx = img.width / det.width;
	const sy = img.height / det.height;
	const minH = opts.minBoxHeight ?? 16;
	const quads = boxes
		.map((b) => scaleQuad(b.quad, sx, sy))
		.filter((q) => Math.max(dist(q[0], q[3]), dist(q[1], q[2])) >= minH);
	const t2 = performance.now();

	const room = endRoom(quads, PAD_END);
	const strips = quads.map((q, i) => cropQuad(img, q, { padEnd: room[i] }));
	const texts = await recogniseStrips(m, strips);
	const lines: OcrLine[] = [];
	quads.forEach((q, i) => {
		const d = texts[i]!;
		if (d.text.trim() === '' || d.score < (opts.minScore ?? 0.5)) return;
		lines.push({ text: d.text, box: quadBox(q), score: d.score });
	});
	const t3 = performance.now();
	return {
		lines,
		timings: {
			load: t1 - t0,
			det: t2 - t1,
			rec: t3 - t2,
			total: t3 - t0,
			strips: strips.length
		}
	};
}

/** Recognises strips in padded batches of similar width; returns results in input order. */
async function recogniseStrips(
	m: Models,
	strips: RgbaImage[]
): Promise<{ text: string; score: number }[]> {
	const order = strips.map((s, i) => i).sort((a, b) => strips[a]!.width - strips[b]!.width);
	const out: { text: string; score: number }[] = new Array(strips.length);
	let i = 0;
	while (i < order.length) {
		const group = [order[i]!];
		const minW = strips[order[i]!]!.width;
		while (i + group.length < order.length) {
			const next = order[i + group.length]!;
			if (strips[next]!.width > minW * BATCH_WIDTH_RATIO) break;
			group.push(next);
		}
		i += group.length;
		const batch = recBatchData(group.map((k) => strips[k]!));
		const input = floatTensor(batch.data, [group.length, 3, REC_HEIGHT, batch.width]);
		const res = await runSession(m.rec, { [m.rec.inputNames[0]!]: input });
		const probs = res[m.rec.outputNames[0]!]!;
		const [, steps = 0, classes = 0] = probs.dims;
		group.forEach((k, j) => {
			out[k] = ctcGreedy(probs.data as Float32Array, steps, classes, m.keys, j * steps * classes);
		});
	}
	return out;
}
