import manifest from '../../../static/models/manifest.json';

/** Shared by the service worker and the page (no DOM, no `$app`). */
export const MODEL_CACHE_PREFIX = 'kaihu-models-';
export const SYNC_TAG = 'kaihu-outbox';

/** Cache of model and wasm files for the current manifest version. */
export function modelCacheName(): string {
	return `${MODEL_CACHE_PREFIX}${manifest.version}`;
}

/** Model and wasm files (cached at first use); the manifest itself is part of the shell. */
export function isModelAsset(path: string): boolean {
	return (
		(path.startsWith('/models/') || path.startsWith('/wasm/')) && path !== '/models/manifest.json'
	);
}

/** What the capture flow needs offline besides the shell. */
export const MODEL_ASSETS: readonly { path: string; bytes: number }[] = manifest.assets.map(
	(a) => ({
		path: a.path,
		bytes: a.bytes
	})
);
