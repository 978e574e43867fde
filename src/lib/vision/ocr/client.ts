/**
 * The OCR client: one worker, started lazily, terminated when idle. Call `warmup()` as soon as the
 * user enters the capture flow so the ~2 s session creation overlaps with reading instructions.
 *
 * @example
 * const ocr = new OcrClient();
 * void ocr.warmup();
 * const { lines, timings } = await ocr.recognise(await createImageBitmap(cardCanvas));
 */
import { VisionWorkerError } from '../runtime/protocol.ts';
import { WorkerClient } from '../runtime/worker-client.ts';
import type { OcrLinesResult, OcrMessage, OcrResult, OcrWarmupResult } from './protocol.ts';

export class OcrClient {
	readonly #worker: WorkerClient<OcrMessage, OcrResult>;

	constructor(idleMs = 120_000) {
		this.#worker = new WorkerClient<OcrMessage, OcrResult>(
			() => new Worker(new URL('./ocr.worker.ts', import.meta.url), { type: 'module' }),
			idleMs
		);
	}

	/** Creates the ONNX sessions in the worker. */
	async warmup(signal?: AbortSignal): Promise<OcrWarmupResult> {
		const r = await this.#worker.call({ type: 'warmup' }, { signal });
		if (r.type !== 'warm') throw new VisionWorkerError('internal', 'unexpected reply');
		return r;
	}

	/**
	 * Reads the text of a rectified card (856×540). An `ImageBitmap` is transferred (and closed by
	 * the worker); `ImageData` is copied.
	 */
	async recognise(
		image: ImageBitmap | ImageData,
		opts: { signal?: AbortSignal; detMaxSide?: number } = {}
	): Promise<OcrLinesResult> {
		const transfer = 'close' in image ? [image] : [];
		const { signal, detMaxSide } = opts;
		const r = await this.#worker.call(
			{ type: 'recognise', image, ...(detMaxSide ? { detMaxSide } : {}) },
			{ signal, transfer }
		);
		if (r.type !== 'lines') throw new VisionWorkerError('internal', 'unexpected reply');
		return r;
	}

	/** Stops the worker (its WASM memory goes with it). */
	terminate(): void {
		this.#worker.terminate();
	}
}
