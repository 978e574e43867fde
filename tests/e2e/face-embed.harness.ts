/**
 * Page-side harness for face-embed.spec.ts: exposes the real `FaceEmbedClient` (and its worker,
 * bundled by the spec with esbuild) on `window` so the test drives the browser code directly.
 */
import { compareEmbeddings, FaceEmbedClient } from '../../src/lib/vision/face/embed-client.ts';

declare global {
	interface Window {
		faceEmbedHarness?: { client: FaceEmbedClient; compareEmbeddings: typeof compareEmbeddings };
	}
}

window.faceEmbedHarness = {
	client: new FaceEmbedClient(() => new Worker('/__e2e/face/worker.js', { type: 'module' })),
	compareEmbeddings
};
