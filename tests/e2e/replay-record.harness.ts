/**
 * Page-side recorder of replay traces (`tests/fixtures/faces/replays/record.ts`): fetches the
 * clip's frames as I420, a batch at a time (`/__replay/frames/<from>-<to>`), lets Chromium turn each into an
 * ImageBitmap (WebCodecs `VideoFrame`, BT.601 limited range as for the fake camera's y4m), and
 * tracks it with the app's real `FaceTrackClient` in VIDEO mode at the frame's own time, so every
 * frame is measured (the live page drops frames when the tracker is slower than the camera).
 */
import { FaceTrackClient } from '../../src/lib/vision/face/track-client.ts';
import type { FaceMeasurement } from '../../src/lib/vision/face/measurement.ts';

interface ClipInfo {
	width: number;
	height: number;
	fps: number;
}

declare global {
	interface Window {
		replayRecorder?: {
			load(): Promise<number>;
			record(from: number, to: number, clip: ClipInfo): Promise<FaceMeasurement[]>;
			/** Milliseconds per stage so far: fetching, decoding and tracking the frames. */
			ms: { fetch: number; decode: number; track: number };
		};
	}
}

const client = new FaceTrackClient(() => new Worker('/__e2e/face-track/worker.js', { type: 'module' })); // prettier-ignore

async function bitmap(i420: Uint8Array, { width, height }: ClipInfo, t: number) {
	const frame = new VideoFrame(i420, {
		format: 'I420',
		codedWidth: width,
		codedHeight: height,
		timestamp: Math.round(t * 1000),
		colorSpace: { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange: false } // prettier-ignore
	});
	try {
		return await createImageBitmap(frame);
	} finally {
		frame.close();
	}
}

window.replayRecorder = {
	load: () => client.load(),
	ms: { fetch: 0, decode: 0, track: 0 },
	async record(from, to, clip) {
		const out: FaceMeasurement[] = [];
		const ms = window.replayRecorder!.ms;
		const size = (clip.width * clip.height * 3) / 2;
		let t0 = performance.now();
		const all = new Uint8Array(await (await fetch(`/__replay/frames/${from}-${to}`)).arrayBuffer());
		ms.fetch += performance.now() - t0;
		for (let i = from; i < to; i++) {
			t0 = performance.now();
			const bytes = all.subarray((i - from) * size, (i - from + 1) * size);
			const t = (i * 1000) / clip.fps;
			const t1 = performance.now();
			const image = await bitmap(bytes, clip, t);
			const t2 = performance.now();
			const { measurement } = await client.track(image, t);
			ms.fetch += t1 - t0;
			ms.decode += t2 - t1;
			ms.track += performance.now() - t2;
			out.push(measurement);
		}
		return out;
	}
};
