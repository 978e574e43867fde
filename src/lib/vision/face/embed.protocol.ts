/**
 * Messages of the face-embedding worker (`embed.worker.ts`), shared by worker and client.
 * Requests carry an `id` added by `WorkerClient`; replies are `{ id, result } | { id, error }`.
 */
import type { FivePoints, RgbaImage } from './align.ts';

export type EmbedMessage =
	/** Fetch the model and create the session now (call early, while the user reads). */
	| { type: 'load' }
	/**
	 * Embed the face whose five landmarks (image pixels) are given. An `ImageBitmap` is
	 * transferred and closed by the worker; an `RgbaImage` (e.g. `ImageData`) is copied or
	 * transferred with its buffer.
	 */
	| { type: 'embed'; image: ImageBitmap | RgbaImage; landmarks: FivePoints };

export type EmbedResult =
	| { type: 'loaded'; ms: number }
	/** L2-normalised embedding; `ms` is alignment + inference time in the worker. */
	| { type: 'embedding'; embedding: Float32Array; ms: number };
