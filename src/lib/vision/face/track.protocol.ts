/**
 * Messages of the face-tracking worker (`track.worker.ts`), shared by worker and client.
 * Requests carry an `id` added by `WorkerClient`; replies are `{ id, result } | { id, error }`.
 */
import type { Landmark } from './landmarks.ts';
import type { FaceMeasurement } from './measurement.ts';

/** Where the tracker's runtime assets are served (self-hosted; see static/models/manifest.json). */
export const TRACK_ASSETS = {
	wasmLoaderPath: '/wasm/mediapipe/vision_wasm_module_internal.js',
	wasmBinaryPath: '/wasm/mediapipe/vision_wasm_module_internal.wasm',
	modelAssetPath: '/models/face/face_landmarker.task'
} as const;

export type TrackMessage =
	/** Load the wasm and the model now (call early, while the user reads the instructions). */
	| { type: 'load' }
	/**
	 * Track one video frame. `frame` is transferred and closed by the worker; `t` is its capture
	 * time in ms (strictly increasing values are enforced in the worker). `landmarks` asks for the
	 * raw landmarks of every face too (tests and the regression check).
	 */
	| { type: 'track'; frame: ImageBitmap; t: number; landmarks?: boolean }
	/** Analyse one still image (IMAGE mode semantics: no tracking between calls). */
	| { type: 'image'; frame: ImageBitmap; landmarks?: boolean }
	/**
	 * Release the landmarker at the end of a check. tasks-vision then flushes its usage log to a
	 * Google endpoint, which the CSP (`connect-src 'self'`) blocks; tests/e2e/liveness.spec.ts
	 * proves that nothing leaves the origin.
	 */
	| { type: 'close' };

export type TrackResult =
	| { type: 'loaded'; ms: number }
	| { type: 'closed' }
	/** `ms`: time spent in FaceLandmarker for this frame in the worker. */
	| {
			type: 'measurement';
			measurement: FaceMeasurement;
			ms: number;
			landmarks?: Landmark[][];
			matrices?: number[][];
	  };
