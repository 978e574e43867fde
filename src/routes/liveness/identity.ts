/**
 * The identity signal of a check: every `everyMs` (800 ms: it competes with the tracker) the face is embedded (faceres, in the embedding
 * worker) and compared with the check's first embedding; the cosine goes into the next
 * measurement's `identity`, so the engine can fail `identity_changed` when another person takes
 * over mid-check. Runs beside the tracker, never blocking it.
 */
import type { FivePoints } from '$lib/vision/face/align.ts';
import { FaceEmbedClient } from '$lib/vision/face/embed-client.ts';
import type { FaceMeasurement } from '$lib/vision/face/measurement.ts';
import { cosineSimilarity } from '$lib/vision/face/similarity.ts';

export class IdentityMonitor {
	readonly #client = new FaceEmbedClient();
	#first: Float32Array | undefined;
	#busy = false;
	#fresh: number | undefined;
	#lastAt = -Infinity;

	constructor(private readonly everyMs = 800) {}

	load(): Promise<number> {
		return this.#client.load();
	}

	/** Starts a new check (forgets the first face). */
	reset(): void {
		this.#first = undefined;
		this.#fresh = undefined;
		this.#lastAt = -Infinity;
	}

	/** Call with every measurement; returns a new identity score once, when one is ready. */
	sample(video: HTMLVideoElement, m: FaceMeasurement): number | undefined {
		const fresh = this.#fresh;
		this.#fresh = undefined;
		if (!this.#busy && m.faceCount === 1 && m.face && m.t - this.#lastAt >= this.everyMs) {
			this.#busy = true;
			this.#lastAt = m.t;
			void this.#embed(video, m.face.fivePoints as unknown as FivePoints);
		}
		return fresh;
	}

	async #embed(video: HTMLVideoElement, five: FivePoints): Promise<void> {
		try {
			const { embedding } = await this.#client.embed(await createImageBitmap(video), five);
			if (!this.#first) this.#first = embedding;
			this.#fresh = cosineSimilarity(this.#first, embedding);
		} catch {
			// a missed sample only delays the signal
		} finally {
			this.#busy = false;
		}
	}

	terminate(): void {
		this.#client.terminate();
	}
}
