/**
 * Page-side harness for the face-tracking e2e tests: exposes the real `FaceTrackClient` (its
 * worker bundled by the spec with esbuild) on `window`, so the tests drive the browser code.
 */
import { FaceTrackClient } from '../../src/lib/vision/face/track-client.ts';

declare global {
	interface Window {
		faceTrackHarness?: { client: FaceTrackClient };
	}
}

window.faceTrackHarness = {
	client: new FaceTrackClient(() => new Worker('/__e2e/face-track/worker.js', { type: 'module' }))
};
