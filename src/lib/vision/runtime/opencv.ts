import type { OpenCV } from '@opencvjs/types';

/** The opencv.js module object. */
export type CV = typeof OpenCV;

/** Self-hosted by the model pipeline (see static/models/manifest.json, id `opencv-js`). */
export const OPENCV_URL = '/wasm/opencv/opencv_js.js';

let loading: Promise<CV> | undefined;

/**
 * Loads opencv.js once per worker (≈ 11 MB of JS with embedded wasm; the HTTP/SW cache keeps it).
 * The promise is dropped on failure so the next call retries. Uses the ESM build from
 * `@opencvjs/web`: its factory resolves to the module (no self-resolving `then()` trap) and it
 * needs no `new Function`, which the CSP forbids.
 */
export function loadOpenCv(url: string = OPENCV_URL): Promise<CV> {
	loading ??= (async () => {
		const href = new URL(url, self.location.origin).href;
		const mod = (await import(/* @vite-ignore */ href)) as { default: () => Promise<CV> };
		return mod.default();
	})().catch((err: unknown) => {
		loading = undefined;
		throw err;
	});
	return loading;
}
