import manifest from '../../../static/models/manifest.json';

/** Shared by the service worker and the page (no DOM, no `$app`). */
export const MODEL_CACHE_PREFIX = 'kaihu-models-';
export const SYNC_TAG = 'kaihu-outbox';

/** Cache of model and wasm files for the current manifest version. */
export function modelCacheName(): string {
	return `${MODEL_CACHE_PREFIX}${manifest.version}`;
}

/** Chunks of model downloads still in progress (resumed with Range, `runtime/model-store.ts`). */
export function modelPartialCacheName(): string {
	return `${modelCacheName()}-partial`;
}

/** Model and wasm files (cached at first use); the manifest itself is part of the shell. */
export function isModelAsset(path: string): boolean {
	return (
		(path.startsWith('/models/') || path.startsWith('/wasm/')) && path !== '/models/manifest.json'
	);
}

/** A step of the flow that needs downloaded files: card capture + OCR, or the face check. */
export type OfflineStep = 'card' | 'face';
export const OFFLINE_STEPS: readonly OfflineStep[] = ['card', 'face'];

/** Which steps use a model or wasm file (the ONNX runtime serves both). */
export function stepsOf(path: string): OfflineStep[] {
	if (path.startsWith('/models/server/')) return []; // server-only (e.g. the detector for 人证比对 recomputation)
	// The spoken-digits recogniser is fetched only when a read-digits step is issued (and is not
	// wired into the liveness check yet): not part of any step's offline readiness.
	if (path.startsWith('/models/speech/') || path.startsWith('/wasm/pocketsphinx/')) return [];
	if (path.startsWith('/wasm/ort/')) return ['card', 'face'];
	if (path.startsWith('/models/ocr/')) return ['card'];
	if (path.startsWith('/models/face/') || path.startsWith('/wasm/mediapipe/')) return ['face'];
	return ['card', 'face'];
}

/** What the flow needs offline besides the shell. */
export const MODEL_ASSETS: readonly { path: string; bytes: number; steps: OfflineStep[] }[] =
	manifest.assets
		.map((a) => ({ path: a.path, bytes: a.bytes, steps: stepsOf(a.path) }))
		.filter((a) => a.steps.length > 0);

/** Message the service worker posts to pages whenever it cached a model or wasm file. */
export const MODEL_CACHED_MESSAGE = 'kaihu-model-cached';
