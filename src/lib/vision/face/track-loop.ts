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

/**
 * Notices the video's frames all the time, not only while the loop waits: a frame presented while
 * the tracker was busy is analysed as soon as the tracker is free. (Asking for "the next frame"
 * only after each analysis skips the frame that arrived meanwhile, so a 40 ms analysis of a
 * 30 fps camera ran at 15 fps instead of 25.)
 */
class FrameClock {
	#fresh = false;
	#wake: (() => void) | undefined;
	#stopped = false;
	#handle = 0;

	constructor(private readonly video: HTMLVideoElement) {
		this.#arm();
	}

	#arm(): void {
		if (this.#stopped) return;
		const seen = () => {
			this.#fresh = true;
			const wake = this.#wake;
			this.#wake = undefined;
			wake?.();
			this.#arm();
		};
		this.#handle =
			'requestVideoFrameCallback' in this.video
				? this.video.requestVideoFrameCallback(seen)
				: requestAnimationFrame(seen);
	}

	/** Resolves at once when a frame came since the last call, else at the next frame. */
	next(): Promise<void> {
		return new Promise((resolve) => {
			const take = () => {
				this.#fresh = false;
				resolve();
			};
			if (this.#fresh) take();
			else this.#wake = take;
		});
	}

	stop(): void {
		this.#stopped = true;
		if ('cancelVideoFrameCallback' in this.video) this.video.cancelVideoFrameCallback(this.#handle);
		else cancelAnimationFrame(this.#handle);
	}
}

/** Tracks until `onMeasurement` returns false or `signal` aborts; resolves with the stats. */
export async function runTrackLoop(o: TrackLoopOptions): Promise<TrackLoopStats> {
	const ms: number[] = [];
	const roundTrips: number[] = [];
	const started = performance.now();
	let frames = 0;
	const clock = new FrameClock(o.video);
	try {
		return await loop();
	} finally {
		clock.stop();
	}

	async function loop(): Promise<TrackLoopStats> {
		while (!o.signal?.aborted) {
			await clock.next();
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
}
