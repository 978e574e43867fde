/**
 * Page-side harness for digits.spec.ts: exposes the real `DigitsClient` (its worker bundled by
 * the spec with esbuild) on `window` so the test drives the browser code directly.
 */
import { DigitsClient } from '../../src/lib/vision/speech/digits-client.ts';

declare global {
	interface Window {
		digitsHarness?: { client: DigitsClient };
	}
}

window.digitsHarness = {
	client: new DigitsClient(() => new Worker('/__e2e/digits/worker.js', { type: 'module' }))
};
