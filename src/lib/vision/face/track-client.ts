/**
 * The face-tracking worker's client: lazy start, `AbortSignal` per call, idle termination (via
 * `WorkerClient`). Callers keep one frame in flight: await `track` before sending the next frame.
 *
 * @example
 * const tracker = new FaceTrackClient();
 * void tracker.load(); // early
 * const bitmap = await createImageBitmap(video);
 * const { measurement } = await tracker.track(bitmap, performance.now());
 */
import { WorkerClient } from '../runtime/worker-client.ts';
import type { Landmark } from './landmarks.ts';
import type { FaceMeasurement } from './measurement.ts';
import type { TrackMessage, TrackResult } from './track.protocol.ts';

export interface Tracked {
	measurement: FaceMeasurement;
	/** Milliseconds FaceLandmarker spent on the frame in the worker. */
	ms: number;
	landmarks?: Landmark[][];
	matrices?: number[][];
}

export class FaceTrackClient {
	readonly #worker: WorkerClient<TrackMessage, TrackResult>;

	constructor(create?: () => Worker, idleMs = 60_000) {
		this.#worker = new WorkerClient<TrackMessage, TrackResult>(
			create ??
				(() => new Worker(new URL('./track.worker.ts', import.meta.url), { type: 'module' })),
			idleMs
		);
	}

	/** Loads the wasm and model in the worker; resolves with the load time in ms. */
	async load(signal?: AbortSignal): Promise<number> {
		const r = await this.#worker.call({ type: 'load' }, { signal });
		return r.type === 'loaded' ? r.ms : 0;
	}

	/** Tracks one video frame (the bitmap is transferred and closed in the worker). */
	async track(
		frame: ImageBitmap,
		t: number,
		opts: { landmarks?: boolean; signal?: AbortSignal } = {}
	): Promise<Tracked> {
		const r = await this.#worker.call(
			{ type: 'track', frame, t, landmarks: opts.landmarks },
			{ signal: opts.signal, transfer: [frame] }
		);
		if (r.type !== 'measurement') throw new Error('unexpected reply');
		return r;
	}

	/** Analyses one still image (no tracking state is used). */
	async image(
		frame: ImageBitmap,
		opts: { landmarks?: boolean; signal?: AbortSignal } = {}
	): Promise<Tracked> {
		const r = await this.#worker.call(
			{ type: 'image', frame, landmarks: opts.landmarks },
			{ signal: opts.signal, transfer: [frame] }
		);
		if (r.type !== 'measurement') throw new Error('unexpected reply');
		return r;
	}

	/** Releases the landmarker (the worker stays until idle); the next call loads it again. */
	async close(): Promise<void> {
		await this.#worker.call({ type: 'close' });
	}

	terminate(): void {
		this.#worker.terminate();
	}
}
