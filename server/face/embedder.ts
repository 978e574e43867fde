/**
 * Server-side face comparison: the same ONNX model and the same alignment as the browser worker,
 * on onnxruntime-node, so the server recomputes the score from the uploaded images instead of
 * trusting the client's. Decoding uploads (JPEG/PNG → RGBA) and landmarks are the caller's job.
 */
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { FivePoints, RgbaImage } from '../../src/lib/vision/face/align.ts';
import {
	EMBED_DIM,
	EMBED_INPUT_SIZE,
	embeddingInput,
	l2Normalize
} from '../../src/lib/vision/face/embedding.ts';
import {
	cosineSimilarity,
	faceVerdict,
	type FaceVerdict
} from '../../src/lib/vision/face/similarity.ts';

/** The model file the install-time pipeline produces (verified by sha256 in the manifest). */
export const FACE_MODEL_FILE = resolve(
	import.meta.dirname,
	'../../static/models/face/faceres.onnx'
);

export interface FaceComparison {
	score: number;
	verdict: FaceVerdict;
}

/** One onnxruntime-node session; runs are serialised. */
export class FaceEmbedder {
	#queue: Promise<unknown> = Promise.resolve();

	private constructor(private readonly session: ort.InferenceSession) {}

	/** Loads the model (about 0.3 s); keep one instance per process. */
	static async open(file = FACE_MODEL_FILE): Promise<FaceEmbedder> {
		return new FaceEmbedder(await ort.InferenceSession.create(file, { intraOpNumThreads: 1 }));
	}

	/** The unit-length embedding of the face with these landmarks. */
	embed(image: RgbaImage, landmarks: FivePoints): Promise<Float32Array> {
		const input = embeddingInput(image, landmarks);
		const dims = [1, EMBED_INPUT_SIZE, EMBED_INPUT_SIZE, 3];
		const next = this.#queue.then(async () => {
			const out = await this.session.run({ input: new ort.Tensor('float32', input, dims) });
			const raw = out['embedding']?.data as Float32Array | undefined;
			if (!raw || raw.length !== EMBED_DIM) throw new Error('face model: bad embedding output');
			return l2Normalize(raw);
		});
		this.#queue = next.catch(() => undefined);
		return next;
	}

	/** Score and verdict for two faces (e.g. the ID portrait and the best live frame). */
	async compare(
		a: { image: RgbaImage; landmarks: FivePoints },
		b: { image: RgbaImage; landmarks: FivePoints }
	): Promise<FaceComparison> {
		const score = cosineSimilarity(
			await this.embed(a.image, a.landmarks),
			await this.embed(b.image, b.landmarks)
		);
		return { score, verdict: faceVerdict(score) };
	}

	close(): Promise<void> {
		return this.session.release();
	}
}
