/// <reference lib="webworker" />
/**
 * Face-tracking worker: MediaPipe tasks-vision FaceLandmarker (VIDEO mode, up to 2 faces, CPU)
 * on the self-hosted wasm and Kaihu's `face_landmarker.task`; turns each frame's landmarks into a
 * `FaceMeasurement` (`landmarks.ts`). Talks `track.protocol.ts`; never lets an exception vanish.
 */
import { FaceLandmarker, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import type { WorkerReply, WorkerRequest } from '../runtime/protocol.ts';
import { VisionWorkerError } from '../runtime/protocol.ts';
import { measureFrame, type Landmark } from './landmarks.ts';
import { TRACK_ASSETS, type TrackMessage, type TrackResult } from './track.protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

let landmarker: Promise<FaceLandmarker> | undefined;
let lastT = -Infinity;

/** Memoised; dropped on failure so the next call retries. */
function load(): Promise<FaceLandmarker> {
	landmarker ??= FaceLandmarker.createFromOptions(
		{ wasmLoaderPath: TRACK_ASSETS.wasmLoaderPath, wasmBinaryPath: TRACK_ASSETS.wasmBinaryPath },
		{
			baseOptions: { modelAssetPath: TRACK_ASSETS.modelAssetPath, delegate: 'CPU' },
			runningMode: 'VIDEO',
			numFaces: 2, // a second face must be seen to be reported
			outputFacialTransformationMatrixes: true,
			outputFaceBlendshapes: false // no blendshape model exists offline
		}
	)
		.then((fl) => {
			// The first frame builds the graph's buffers (hundreds of ms): do it now, not during a check.
			fl.detectForVideo(new ImageData(64, 64), 0);
			lastT = 0;
			return fl;
		})
		.catch((err: unknown) => {
			landmarker = undefined;
			throw new VisionWorkerError('model_load_failed', String(err));
		});
	return landmarker;
}

function reply(
	r: FaceLandmarkerResult,
	t: number,
	frame: ImageBitmap,
	ms: number,
	raw: boolean
): TrackResult {
	const faces = r.faceLandmarks.map((landmarks, i) => ({
		landmarks: landmarks as Landmark[],
		matrix: r.facialTransformationMatrixes[i]?.data
	}));
	const measurement = measureFrame(t, frame.width, frame.height, faces);
	if (!raw) return { type: 'measurement', measurement, ms };
	return {
		type: 'measurement',
		measurement,
		ms,
		landmarks: faces.map((f) => f.landmarks.map(({ x, y, z }) => ({ x, y, z }))),
		matrices: faces.map((f) => Array.from(f.matrix ?? []))
	};
}

async function handle(msg: TrackMessage): Promise<TrackResult> {
	const started = performance.now();
	if (msg.type === 'close') {
		const fl = await landmarker?.catch(() => undefined);
		landmarker = undefined;
		lastT = -Infinity;
		fl?.close();
		return { type: 'closed' };
	}
	if (msg.type === 'load') {
		await load();
		return { type: 'loaded', ms: performance.now() - started };
	}
	try {
		const fl = await load();
		if (msg.type === 'image') {
			await fl.setOptions({ runningMode: 'IMAGE' });
			try {
				const r = fl.detect(msg.frame);
				return reply(r, 0, msg.frame, performance.now() - started, msg.landmarks ?? false);
			} finally {
				await fl.setOptions({ runningMode: 'VIDEO' });
			}
		}
		// VIDEO mode needs strictly increasing timestamps (MediaPipe rejects a repeat).
		const t = Math.max(msg.t, lastT + 1);
		lastT = t;
		const began = performance.now();
		const r = fl.detectForVideo(msg.frame, t);
		return reply(r, msg.t, msg.frame, performance.now() - began, msg.landmarks ?? false);
	} finally {
		msg.frame.close();
	}
}

self.onmessage = async (event: MessageEvent<WorkerRequest<TrackMessage>>) => {
	const { id, ...msg } = event.data;
	let out: WorkerReply<TrackResult>;
	try {
		out = { id, result: await handle(msg as TrackMessage) };
	} catch (err) {
		const e =
			err instanceof VisionWorkerError ? err : new VisionWorkerError('internal', String(err));
		out = { id, error: { code: e.code, message: e.message } };
	}
	self.postMessage(out);
};
