/**
 * Page-side harness for the face-tracking e2e tests and `npm run bench:face`: exposes the real
 * `FaceTrackClient` (its worker bundled with esbuild by the caller) on `window`, plus camera loops
 * of the tracker and of the legacy `@mediapipe/face_mesh` solution (the benchmark's peer).
 */
import { FaceTrackClient } from '../../src/lib/vision/face/track-client.ts';
import { runTrackLoop, type TrackLoopStats } from '../../src/lib/vision/face/track-loop.ts';

interface LegacyMesh {
	setOptions(o: object): void;
	initialize(): Promise<void>;
	onResults(cb: (r: { multiFaceLandmarks?: unknown[] }) => void): void;
	send(i: { image: HTMLVideoElement }): Promise<void>;
}

declare global {
	interface Window {
		faceTrackHarness?: {
			client: FaceTrackClient;
			trackCamera(seconds: number): Promise<TrackLoopStats>;
			legacyCamera(seconds: number): Promise<TrackLoopStats & { faces: number }>;
		};
		FaceMesh?: new (o: object) => LegacyMesh;
	}
}

async function cameraVideo(): Promise<HTMLVideoElement> {
	const video = document.createElement('video');
	video.muted = true;
	video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } }); // prettier-ignore
	await video.play();
	return video;
}

const client = new FaceTrackClient(() => new Worker('/__e2e/face-track/worker.js', { type: 'module' })); // prettier-ignore

window.faceTrackHarness = {
	client,
	async trackCamera(seconds) {
		await client.load();
		const video = await cameraVideo();
		const until = performance.now() + seconds * 1000;
		return runTrackLoop({ video, client, onMeasurement: () => performance.now() < until });
	},
	async legacyCamera(seconds) {
		const mesh = new window.FaceMesh!({ locateFile: (f: string) => `/__e2e/legacy-mesh/${f}` });
		mesh.setOptions({ maxNumFaces: 2, refineLandmarks: false });
		let faces = 0;
		mesh.onResults((r) => (faces = r.multiFaceLandmarks?.length ?? 0));
		await mesh.initialize();
		const video = await cameraVideo();
		await mesh.send({ image: video }); // warm-up
		const ms: number[] = [];
		const started = performance.now();
		while (performance.now() - started < seconds * 1000) {
			await new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
			const t = performance.now();
			await mesh.send({ image: video });
			ms.push(performance.now() - t);
		}
		const sorted = [...ms].sort((a, b) => a - b);
		const median = sorted[sorted.length >> 1] ?? 0;
		const elapsed = (performance.now() - started) / 1000;
		return { frames: ms.length, fps: ms.length / elapsed, medianMs: median, medianRoundTripMs: median, faces }; // prettier-ignore
	}
};
