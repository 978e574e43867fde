/**
 * The face-embedding worker's client: lazy start, `AbortSignal` per call, idle termination (via
 * `WorkerClient`), plus the comparison verdict.
 *
 * @example
 * const faces = new FaceEmbedClient();
 * void faces.load(); // early, while the customer reads the instructions
 * const live = await faces.embed(frameBitmap, liveLandmarks);
 * const id = await faces.embed(portraitImageData, portraitLandmarks);
 * const { score, verdict } = compareEmbeddings(live, id);
 */
import { WorkerClient } from '../runtime/worker-client.ts';
import type { FivePoints, RgbaImage } from './align.ts';
import type { EmbedMessage, EmbedResult } from './embed.protocol.ts';
import { cosineSimilarity, faceVerdict, type FaceVerdict } from './similarity.ts';

export class FaceEmbedClient {
	readonly #worker: WorkerClient<EmbedMessage, EmbedResult>;

	constructor(create?: () => Worker, idleMs = 60_000) {
		this.#worker = new WorkerClient<EmbedMessage, EmbedResult>(
			create ??
				(() => new Worker(new URL('./embed.worker.ts', import.meta.url), { type: 'module' })),
			idleMs
		);
	}

	/** Loads the model in the worker; resolves with the load time in ms. */
	async load(signal?: AbortSignal): Promise<number> {
		const r = await this.#worker.call({ type: 'load' }, { signal });
		return r.ms;
	}

	/** Embeds one face (an `ImageBitmap` is transferred to the worker and closed there). */
	async embed(
		image: ImageBitmap | RgbaImage,
		landmarks: FivePoints,
		signal?: AbortSignal
	): Promise<{ embedding: Float32Array; ms: number }> {
		const transfer =
			typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap ? [image] : [];
		const r = await this.#worker.call({ type: 'embed', image, landmarks }, { signal, transfer });
		if (r.type !== 'embedding') throw new Error('unexpected reply');
		return { embedding: r.embedding, ms: r.ms };
	}

	terminate(): void {
		this.#worker.terminate();
	}
}

/** Score and decision for two embeddings (ID portrait vs live face). */
export function compareEmbeddings(
	a: Float32Array,
	b: Float32Array
): { score: number; verdict: FaceVerdict } {
	const score = cosineSimilarity(a, b);
	return { score, verdict: faceVerdict(score) };
}
