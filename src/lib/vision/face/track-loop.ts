/**
 * Runs the face tracker on a playing `<video>` with exactly one frame in flight: grab the newest
 * frame, send it to the worker, wait for the measurement, repeat. A slow device analyses fewer
 * frames instead of queueing them (a queue would make prompts lag behind the face).
 */
import type { FaceMeasurement } from './measurement.ts';
import type { FaceTrackClient } from './track-client.ts';

export interface TrackLoopStats {
	frames: number;
	/** Analysed frames per second over the loop's wall time. */
	fps: number;
	/** Median milliseconds FaceLandmarker spent per frame in the worker. */
	medianMs: number;
	/** Median round trip (grab + transfer + analysis + reply) per frame. */
	medianRoundTripMs: number;
}

export interface TrackLoopOptions {
	video: HTMLVideoElement;
	client: FaceTrackClient;
	/** Called with every measurement, in time order; return `false` to stop the loop. */
	onMeasurement(m: FaceMeasurement): boolean | void;
	signal?: AbortSignal;
}

function median(values: number[]): number {
	if (values.length === 0) return 0;
	const s = [...values].sort((a, b) => a - b);
	return s[s.length >> 1]!;
}

/** Waits for the video's next frame (or the next animation frame where rVFC is missing). */
function nextFrame(video: HTMLVideoElement): Promise<void> {
	return new Promise((resolve) => {
		if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
		else requestAnimationFrame(() => resolve());
	});
}

/** Tracks until `onMeasurement` returns false or `signal` aborts; resolves with the stats. */
export async function runTrackLoop(o: TrackLoopOptions): Promise<TrackLoopStats> {
	const ms: number[] = [];
	const roundTrips: number[] = [];
	const started = performance.now();
	let frames = 0;
	while (!o.signal?.aborted) {
		await nextFrame(o.video);
		if (o.signal?.aborted || o.video.readyState < 2) continue;
		const t = performance.now();
		const bitmap = await createImageBitmap(o.video);
		const r = await o.client.track(bitmap, t, { signal: o.signal }).catch((err: unknown) => {
			if (o.signal?.aborted) return undefined;
			throw err;
		});
		if (!r) break;
		frames++;
		ms.push(r.ms);
		roundTrips.push(performance.now() - t);
		if (o.onMeasurement(r.measurement) === false) break;
	}
	const seconds = (performance.now() - started) / 1000;
	return {
		frames,
		fps: seconds > 0 ? frames / seconds : 0,
		medianMs: median(ms),
		medianRoundTripMs: median(roundTrips)
	};
}
