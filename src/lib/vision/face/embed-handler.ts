/**
 * The face-embedding worker's logic without the worker: validates a request, aligns the face and
 * runs the model through an injected runner, so it is unit-tested in Node with onnxruntime-node.
 */
import type { FivePoints, RgbaImage } from './align.ts';
import { EMBED_DIM, EMBED_INPUT_SIZE, embeddingInput, l2Normalize } from './embedding.ts';
import type { EmbedMessage, EmbedResult } from './embed.protocol.ts';
import { VisionWorkerError } from '../runtime/protocol.ts';

/** Runs the model on one NHWC input and returns the raw embedding. */
export type EmbedRunner = (input: Float32Array, dims: readonly number[]) => Promise<Float32Array>;

function validLandmarks(l: unknown, w: number, h: number): l is FivePoints {
	return (
		Array.isArray(l) &&
		l.length === 5 &&
		l.every(
			(p) =>
				Array.isArray(p) &&
				p.length === 2 &&
				p.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
				p[0] >= -w && p[0] <= 2 * w && p[1] >= -h && p[1] <= 2 * h // prettier-ignore
		)
	);
}

/**
 * Handles one request. `toRgba` turns an `ImageBitmap` into pixels (OffscreenCanvas in the
 * worker); errors are {@link VisionWorkerError}s with `model_load_failed` or `bad_input`.
 */
export function createEmbedHandler(
	loadRunner: () => Promise<EmbedRunner>,
	toRgba: (image: ImageBitmap) => RgbaImage
): (msg: EmbedMessage) => Promise<EmbedResult> {
	const runner = async () => {
		try {
			return await loadRunner();
		} catch (err) {
			throw new VisionWorkerError('model_load_failed', String(err));
		}
	};
	return async (msg) => {
		const t0 = performance.now();
		if (msg.type === 'load') {
			await runner();
			return { type: 'loaded', ms: performance.now() - t0 };
		}
		const run = await runner();
		const t1 = performance.now();
		const image = 'data' in msg.image ? msg.image : toRgba(msg.image);
		const { width, height } = image;
		if (!(width > 0 && height > 0 && image.data.length === width * height * 4))
			throw new VisionWorkerError('bad_input', 'image must be RGBA pixels');
		if (!validLandmarks(msg.landmarks, width, height))
			throw new VisionWorkerError('bad_input', 'landmarks must be five finite [x, y] points');
		const input = embeddingInput(image, msg.landmarks);
		const raw = await run(input, [1, EMBED_INPUT_SIZE, EMBED_INPUT_SIZE, 3]);
		if (raw.length !== EMBED_DIM)
			throw new VisionWorkerError('internal', `embedding of ${raw.length}`);
		return { type: 'embedding', embedding: l2Normalize(raw), ms: performance.now() - t1 };
	};
}
